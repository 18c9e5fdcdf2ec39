/* The app's own behaviour, in one file.
 *
 * The Content-Security-Policy (settings.CONTENT_SECURITY_POLICY) runs only
 * scripts served by the app itself: no inline <script>, no onclick=. Pages
 * say what they need with data-* attributes and this file acts on them,
 * through delegated listeners, so content swapped in by htmx works too.
 */
(function () {
  "use strict";

  // --- The bell's unread count (notifications) ----------------------------------
  // Fetched once the page is there and every two minutes: the page itself costs no query for it.
  function refreshBell() {
    document.querySelectorAll("[data-bell-url]").forEach(function (badge) {
      fetch(badge.dataset.bellUrl, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) badge.innerHTML = html; })
        .catch(function () { /* offline: the bell keeps what it showed */ });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-bell-url]")) return;
    refreshBell();
    setInterval(refreshBell, 120000);
  });

  // --- Submit on change: the footer's language menu ---------------------------
  document.addEventListener("change", function (event) {
    const field = event.target.closest("[data-submit-on-change]");
    if (field && field.form) field.form.submit();
  });

  // --- Ask before an action that cannot be undone: data-confirm="question" on the button or its form
  document.addEventListener("submit", function (event) {
    const asking = (event.submitter && event.submitter.closest("[data-confirm]")) || event.target.closest("form[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) event.preventDefault();
  });

  // --- "Go back" links (403 page) -------------------------------------------
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-history-back]")) return;
    event.preventDefault();
    history.back();
  });

  // --- Type-to-search select (core/widgets.py RemoteSelect) -----------------
  // A search replaces the <select>'s options with the matches. The chosen
  // option must survive that: typing without picking is looking, not choosing,
  // and an edit must not save an empty value the user never chose. The user
  // changes the value by picking another option or the empty one.
  const chosenBeforeSearch = new WeakMap();

  // A history restore swaps without a target: hence the instanceof checks.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const select = event.detail.target;
    if (!(select instanceof Element) || !select.matches(".remote-select select")) return;
    const chosen = Array.from(select.selectedOptions).filter((option) => option.value !== "");
    chosenBeforeSearch.set(select, chosen.map((option) => option.cloneNode(true)));
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const select = event.detail.target;
    const chosen = chosenBeforeSearch.get(select);
    if (!chosen) return; // htmx fires afterSwap once per swapped element
    chosenBeforeSearch.delete(select);
    chosen.forEach(function (kept) {
      let option = Array.from(select.options).find((match) => match.value === kept.value);
      if (!option) {
        // After the empty option, before the matches.
        option = kept;
        select.insertBefore(option, select.options[1] || null);
      }
      option.selected = true;
    });
  });

  // --- Plan-item picker (plans/forms.py PlanItemSelect) -------------------------
  // Its options reload when the unit or the date changes; the server keeps the item
  // chosen when the request left. An item picked while the answer was on its way stays
  // picked too, if the new options still offer it.
  const pickedBeforeReload = new WeakMap();

  document.addEventListener("htmx:beforeSwap", function (event) {
    const select = event.detail.target;
    if (!(select instanceof Element) || !select.matches("select[data-plan-item-picker]")) return;
    pickedBeforeReload.set(select, select.value);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const select = event.detail.target;
    if (!pickedBeforeReload.has(select)) return;
    const picked = pickedBeforeReload.get(select);
    pickedBeforeReload.delete(select);
    if (picked && Array.from(select.options).some((option) => option.value === picked && !option.disabled)) {
      select.value = picked;
    }
  });

  // --- Unit picker (units/forms.py UnitPicker) --------------------------------
  // A unit picked among the search results moves up among the chosen ones, so
  // the next search, which replaces the results, cannot take it away.
  document.addEventListener("change", function (event) {
    const input = event.target;
    const results = input.closest(".unit-picker-results");
    if (!results || !input.checked) return;
    const chosen = results.closest(".unit-picker").querySelector(".unit-picker-chosen");
    chosen.querySelectorAll("input").forEach(function (other) {
      const replaced = input.type === "radio" && other.value !== "";
      if (other.value === input.value || replaced) other.closest(".form-check").remove();
    });
    chosen.append(input.closest(".form-check"));
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const results = event.detail.target;
    if (!(results instanceof Element) || !results.matches(".unit-picker-results")) return;
    if (event.target !== results) return; // once, not once per swapped element
    // A unit already among the chosen is not offered twice (same name, same value).
    const chosen = results.closest(".unit-picker").querySelectorAll(".unit-picker-chosen input");
    const values = new Set(Array.from(chosen, (input) => input.value));
    results.querySelectorAll("input").forEach(function (input) {
      if (values.has(input.value)) input.closest(".form-check").remove();
    });
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

  // --- Copy a field's text (data-copy="#field", data-copied="Copied") ---------
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const field = document.querySelector(button.dataset.copy);
    if (!field) return;
    field.select();
    const done = function () {
      if (button.dataset.copied) button.textContent = button.dataset.copied;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand("copy")) {
      done();
    }
  });
})();
