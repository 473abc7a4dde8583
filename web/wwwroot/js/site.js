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
