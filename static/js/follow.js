// The Follow page's copy buttons: without JavaScript each address is a read-only field a
// reader selects and copies; with it, a button beside each copies the address in one click.
(function () {
  "use strict";

  function copied(button, message) {
    const label = button.textContent;
    button.textContent = message;
    button.classList.add("is-done");
    window.setTimeout(function () {
      button.textContent = label;
      button.classList.remove("is-done");
    }, 2000);
  }

  function copy(button) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { copied(button, "Copied"); },
        function () { copied(button, "Press Ctrl+C to copy"); }
      );
      return;
    }
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    copied(button, ok ? "Copied" : "Press Ctrl+C to copy");
  }

  function init() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
    document.querySelectorAll(".feed-address__url").forEach(function (field) {
      field.addEventListener("focus", function () { field.select(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
