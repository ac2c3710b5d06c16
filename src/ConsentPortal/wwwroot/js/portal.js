// Starts the NHS.UK design system's components (error summary focus, header menu, radios, tables). Every page works
// without this script; it only improves them.
import { initAll } from '/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
