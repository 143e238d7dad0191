/* Behaviours declared with data attributes, so that no page needs an inline script or handler
   (the Content-Security-Policy allows scripts from the site's own static files only). */
(function () {
  "use strict";
  // <progress data-upload-progress>: the upload progress of the htmx request in flight.
  document.addEventListener("htmx:xhr:progress", function (event) {
    document.querySelectorAll("progress[data-upload-progress]").forEach(function (bar) {
      if (event.detail.lengthComputable && event.detail.loaded < event.detail.total) {
        bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
      } else {
        bar.removeAttribute("value");
      }
    });
  });
  // <select data-autosubmit>: choosing a value submits its form.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-autosubmit]") && event.target.form) {
      event.target.form.submit();
    }
  });
  // <button data-print>: prints the page.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
