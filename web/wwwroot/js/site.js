// Progressive enhancement only: every page works with JavaScript off. Loaded as a module (no inline script is
// allowed by the Content-Security-Policy), so this also marks the body as able to run the NHS.UK components.
import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// Copy buttons (the GP's plain-text summary): shown only when the browser can copy; the text itself is always there
// to select by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copy + '-status');
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value ?? source.textContent);
      if (status) status.textContent = 'Copied. Paste it into the clinical system.';
    } catch {
      if (status) status.textContent = 'Could not copy: select the text and copy it instead.';
    }
  });
}

// Questions an answer brings onto the same page (issue 15 point 7): the server sends each under the option that
// brings it, closed unless that option is the answer (hidden, inside a disabled fieldset so nothing in it is sent).
// With JavaScript the region opens in place as its option is chosen and closes again when another is; what was typed
// in it stays, and is sent only while it is open. Each option points at its region with aria-controls; it is not
// marked aria-expanded, which ARIA does not allow on a radio button (axe-core: aria-allowed-attr).
const reveals = [...document.querySelectorAll('.he-reveal')].map(region => ({
  region,
  set: region.querySelector(':scope > fieldset'),
  controls: [...document.querySelectorAll('input[type="radio"][data-he-controls]')].filter(input => input.dataset.heControls === region.id),
}));
for (const { region, controls } of reveals) {
  for (const input of controls) input.setAttribute('aria-controls', region.id);
}
function syncReveals() {
  for (const { region, set, controls } of reveals) {
    const open = controls.some(input => input.checked);
    region.hidden = false;
    region.classList.toggle('nhsuk-radios__conditional--hidden', !open);
    if (set) set.disabled = !open;
    // The NHS.UK radios script marks each option aria-expanded as it toggles the region: take it off again.
    for (const input of controls) input.removeAttribute('aria-expanded');
  }
}
if (reveals.length > 0) {
  syncReveals();
  document.addEventListener('change', syncReveals);
  window.addEventListener('pageshow', syncReveals);
}
