/* Live preview of a Markdown field on the admin's change pages.

   The server renders and sanitizes (briefings/markdown.py), so what the analyst sees
   here is what readers will see. No inline script: the page only carries data-
   attributes on the preview element. */
"use strict";

(function () {
  const DELAY_MS = 400;

  function csrfToken(form) {
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function setUp(preview) {
    const source = document.getElementById(preview.dataset.source);
    if (!source) {
      return;
    }
    let timer = null;
    let controller = null;

    function refresh() {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      const body = new FormData();
      body.append("text", source.value);
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(source.form) },
        signal: controller.signal,
      })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => {
          if (html.trim()) {
            preview.innerHTML = html;
          } else {
            preview.textContent = preview.dataset.empty;
          }
          preview.classList.remove("is-stale");
        })
        .catch(() => {
          /* Aborted by a newer keystroke, or the server said no: keep the last preview. */
        });
    }

    source.addEventListener("input", () => {
      preview.classList.add("is-stale");
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-markdown-preview]").forEach(setUp);
  });
})();
