// The import form refuses a pasted text over the size limit before sending it: the
// server would refuse the whole request, and the analyst would lose the form.
(function () {
  "use strict";

  function init() {
    const form = document.querySelector(".curation-import form");
    const text = document.getElementById("id_text");
    if (!form || !text) return;
    const limit = Number(form.dataset.maxBytes || 0);
    form.addEventListener("submit", function (event) {
      const size = new Blob([text.value]).size;
      if (limit && size > limit) {
        event.preventDefault();
        text.setCustomValidity(
          "This text is " + (size / 1048576).toFixed(1) + " MB; the limit is " +
          Math.round(limit / 1048576) + " MB. Import the article's text alone."
        );
        text.reportValidity();
      } else {
        text.setCustomValidity("");
      }
    });
    text.addEventListener("input", function () { text.setCustomValidity(""); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
