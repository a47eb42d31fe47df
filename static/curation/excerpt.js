// "Make excerpt" on a source's change page: the selected passage of the full text is sent
// with its position; the server checks it against the stored text and saves the excerpt.
(function () {
  "use strict";

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function selectionIn(container) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    const text = range.toString();
    return text.trim() ? { start: before.toString().length, text: text } : null;
  }

  // The suggestions page reads selections the same way, to add a missed actor or event.
  window.Curation = Object.assign(window.Curation || {}, { selectionIn: selectionIn });

  function init() {
    const container = document.getElementById("curation-fulltext");
    const button = document.getElementById("curation-make-excerpt");
    const status = document.getElementById("curation-excerpt-status");
    if (!container || !button || !status) return;

    function say(message, ok) {
      status.textContent = message;
      status.classList.toggle("is-ok", ok === true);
      status.classList.toggle("is-error", ok === false);
    }

    document.addEventListener("selectionchange", function () {
      button.disabled = selectionIn(container) === null;
    });

    button.addEventListener("click", function () {
      const chosen = selectionIn(container);
      if (!chosen) {
        say("Select a passage of the full text first.", false);
        return;
      }
      button.disabled = true;
      fetch(container.dataset.excerptUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(chosen),
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            say(result.body.error || "The excerpt could not be made.", false);
            return;
          }
          say(result.body.message, true);
          if (result.body.url) {
            const link = document.createElement("a");
            link.href = result.body.url;
            link.textContent = " Open it";
            status.appendChild(link);
          }
        })
        .catch(function () {
          say("The server could not be reached; nothing was saved.", false);
        })
        .finally(function () {
          button.disabled = selectionIn(container) === null;
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
