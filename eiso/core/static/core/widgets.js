/* Date and time fields typed and shown as dd/mm/yyyy and 24-hour HH:MM whatever the browser's language
 * (flatpickr), and multi-selects with search (tom-select). Loaded as a file: no inline script, so it runs
 * under a Content-Security-Policy of script-src 'self'. The server accepts both dd/mm/yyyy and ISO dates. */
(function () {
  "use strict";

  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;
  var VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/;

  function parse(text) {
    var value = (text || "").trim();
    var m = value.match(ISO_DATE);
    if (m) { return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0)); }
    m = value.match(VN_DATE);
    if (m) { return new Date(+m[3], +m[2] - 1, +m[1], +(m[4] || 0), +(m[5] || 0)); }
    return undefined;
  }

  function localeFor() {
    var lang = document.documentElement.lang || "vi";
    var l10ns = window.flatpickr && window.flatpickr.l10ns;
    return lang === "vi" && l10ns && l10ns.vn ? l10ns.vn : "default";
  }

  function enhanceDate(input) {
    var withTime = input.type === "datetime-local";
    var initial = parse(input.value);
    input.type = "text";
    input.setAttribute("inputmode", "numeric");
    input.setAttribute("autocomplete", "off");
    input.placeholder = withTime ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy";
    window.flatpickr(input, {
      allowInput: true,
      dateFormat: withTime ? "d/m/Y H:i" : "d/m/Y",
      enableTime: withTime,
      time_24hr: true,
      locale: localeFor(),
      defaultDate: initial,
      parseDate: parse,
      disableMobile: true,
    });
  }

  function enhanceSelect(select) {
    new window.TomSelect(select, {
      plugins: ["remove_button"],
      maxOptions: null,
      hidePlaceholder: true,
    });
  }

  function enhance(root) {
    if (window.flatpickr) {
      root.querySelectorAll('input[type="date"], input[type="datetime-local"]').forEach(enhanceDate);
    }
    if (window.TomSelect) {
      root.querySelectorAll("select[multiple]:not(.tomselected)").forEach(enhanceSelect);
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
