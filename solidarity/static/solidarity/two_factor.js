// Recovery codes page: the "Print" button (kept out of the HTML for the Content-Security-Policy).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
