// A breach's 72-hour notice ticking down: the server wrote the deadline and both sentences
// ({h}, {m} filled in here); loaded as a file of our own for the Content-Security-Policy.
(() => {
  const tick = () => {
    const now = Date.now();
    for (const badge of document.querySelectorAll("[data-countdown]")) {
      const deadline = Date.parse(badge.dataset.countdown);
      if (Number.isNaN(deadline)) continue;
      const seconds = Math.floor((deadline - now) / 1000);
      const minutes = Math.floor(Math.abs(seconds) / 60);
      const text = (seconds >= 0 ? badge.dataset.left : badge.dataset.overdue)
        .replace("{h}", String(Math.floor(minutes / 60)))
        .replace("{m}", String(minutes % 60));
      if (badge.textContent !== text) badge.textContent = text;
      badge.classList.toggle("text-bg-danger", seconds < 0);
      badge.classList.toggle("text-bg-warning", seconds >= 0);
    }
  };
  if (window.__breachCountdown) return; // the script may be included twice on one page
  window.__breachCountdown = true;
  document.addEventListener("DOMContentLoaded", () => {
    tick();
    setInterval(tick, 15000);
  });
})();
