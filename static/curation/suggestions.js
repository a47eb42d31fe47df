// On the suggestions page, pointing at a suggestion marks its words in the article, and
// clicking a mark in the article brings its suggestion into view. A rejected suggestion
// (greyed) comes back to full colour while it is ticked to be accepted after all.
(function () {
  "use strict";

  function init() {
    const marks = Array.from(document.querySelectorAll(".curation-hl[data-ref]"));
    const rows = Array.from(document.querySelectorAll(".curation-row[data-ref]"));
    const rowByRef = new Map(rows.map(function (row) { return [row.dataset.ref, row]; }));

    function activate(ref, on) {
      marks.forEach(function (mark) {
        if (mark.dataset.ref === ref) mark.classList.toggle("is-active", on);
      });
      const row = rowByRef.get(ref);
      if (row) row.classList.toggle("is-active", on);
    }

    rows.forEach(function (row) {
      const keep = row.querySelector("input[type=checkbox][name$='-keep']");
      if (keep && row.classList.contains("curation-row--rejected")) {
        const mark = function () { row.classList.toggle("is-ticked", keep.checked); };
        keep.addEventListener("change", mark);
        mark();
      }
      row.addEventListener("mouseenter", function () { activate(row.dataset.ref, true); });
      row.addEventListener("mouseleave", function () { activate(row.dataset.ref, false); });
    });
    marks.forEach(function (mark) {
      mark.addEventListener("click", function () {
        const row = rowByRef.get(mark.dataset.ref);
        if (row) {
          row.scrollIntoView({ behavior: "smooth", block: "center" });
          activate(mark.dataset.ref, true);
          window.setTimeout(function () { activate(mark.dataset.ref, false); }, 1500);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
