/* The app's own behaviour, in one file.
 *
 * The Content-Security-Policy (settings.CONTENT_SECURITY_POLICY) runs only
 * scripts served by the app itself: no inline <script>, no onclick=. Pages
 * say what they need with data-* attributes and this file acts on them,
 * through delegated listeners, so content swapped in by htmx works too.
 */
(function () {
  "use strict";

  // --- Submit on change: the footer's language menu ---------------------------
  document.addEventListener("change", function (event) {
    const field = event.target.closest("[data-submit-on-change]");
    if (field && field.form) field.form.submit();
  });

  // --- "Go back" links (403 page) -------------------------------------------
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-history-back]")) return;
    event.preventDefault();
    history.back();
  });

  // --- Support form: the total to be saved ------------------------------------
  // A preview only: the server computes and checks the total again on save.
  function parseVnd(text) {
    text = (text || "").replace(/[₫đ\s]/g, "");
    if (/^\d+$/.test(text)) return Number(text);
    if (/^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/\D/g, ""));
    return null;
  }

  function parseNumber(text) {
    return Number((text || "").replace(",", "."));
  }

  function supportTotal(form) {
    if (form.querySelector("[name=currency]").value !== "VND") {
      const amount = parseNumber(form.querySelector("[name=amount_original]").value);
      const rate = parseNumber(form.querySelector("[name=exchange_rate]").value);
      return amount > 0 && rate > 0 ? Math.round(amount * rate) : null;
    }
    let sum = 0;
    let any = false;
    form.querySelectorAll("[name$=-value_vnd]").forEach(function (input) {
      const value = parseVnd(input.value);
      const removed = form.querySelector(`[name="${input.name.replace("value_vnd", "DELETE")}"]`);
      if (value !== null && !(removed && removed.checked)) {
        sum += value;
        any = true;
      }
    });
    return any ? sum : parseVnd(form.querySelector("[name=total_vnd]").value);
  }

  function showSupportTotal(preview) {
    const total = supportTotal(preview.closest("form"));
    preview.textContent = total === null ? "—" : total.toLocaleString("vi-VN") + " ₫";
  }

  function updateSupportTotal(event) {
    const form = event.target.closest("form");
    const preview = form && form.querySelector("[data-support-total]");
    if (preview) showSupportTotal(preview);
  }

  document.addEventListener("input", updateSupportTotal);
  document.addEventListener("change", updateSupportTotal);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-support-total]").forEach(showSupportTotal);
  });
})();
