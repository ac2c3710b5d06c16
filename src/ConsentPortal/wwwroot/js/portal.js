// Starts the NHS.UK design system's components (error summary focus, header menu, radios, tables) and the session
// timeout warning. Every page works without this script; it only improves them.
import { initAll } from '/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// Two minutes before the session would end, say so and offer to stay signed in. At the sign-in's absolute limit
// staying is not possible, so the warning only says when.
const warning = document.getElementById('session-warning');
if (warning) {
  const lead = 2 * 60 * 1000;
  const stay = warning.querySelector('.session-warning-stay');
  let timer;

  const show = (end, absolute) => {
    warning.querySelector('.session-warning-time').textContent =
      new Date(end).toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit' });
    warning.querySelector('.session-warning-why').hidden = absolute;
    stay.hidden = absolute;
    warning.hidden = false;
    (absolute ? warning : stay).focus();
  };

  // Times come from the server with its "now", so a computer whose clock is wrong still warns at the right moment.
  const schedule = (idleEnds, sessionEnds, now) => {
    clearTimeout(timer);
    const absolute = sessionEnds <= idleEnds;
    const remaining = (Math.min(idleEnds, sessionEnds) - now) * 1000;
    const end = Date.now() + remaining;
    timer = setTimeout(() => show(end, absolute), Math.max(0, remaining - lead));
  };

  stay.addEventListener('click', async () => {
    try {
      const response = await fetch('/session/keep-alive', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error(`keep-alive answered ${response.status}`);
      }
      const clock = await response.json();
      warning.hidden = true;
      schedule(clock.idleEnds, clock.sessionEnds, clock.now);
    } catch {
      // The session has already ended: reloading shows the sign-in page; a form on this page is kept when sent.
      window.location.reload();
    }
  });

  schedule(Number(warning.dataset.idleEnds), Number(warning.dataset.sessionEnds), Number(warning.dataset.now));
}
