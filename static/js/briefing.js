// A briefing's folded sections (<details class="fold" data-open-wide>): folded on a phone
// so the page reads as headings first; on a wide screen, and for printing, opened, so the
// desktop reads as before. Without JavaScript they stay folded and open with a tap. A link
// to a passage inside a folded section (a footnote, an event) opens the section first.
(function () {
  "use strict";

  const WIDE = window.matchMedia("(min-width: 46.01rem)");

  function folds() {
    return document.querySelectorAll("details.fold[data-open-wide]");
  }

  function openAll() {
    folds().forEach(function (fold) { fold.open = true; });
  }

  function revealTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    let fold = target.closest("details");
    let opened = false;
    while (fold) {
      if (!fold.open) {
        fold.open = true;
        opened = true;
      }
      fold = fold.parentElement && fold.parentElement.closest("details");
    }
    if (opened) target.scrollIntoView();
  }

  function init() {
    if (WIDE.matches) openAll();
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
    window.addEventListener("beforeprint", openAll);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
