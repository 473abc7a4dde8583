// Progressive enhancement only: every page works with JavaScript off. Loaded as a module (no inline script is
// allowed by the Content-Security-Policy), so this also marks the body as able to run the NHS.UK components.
import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
