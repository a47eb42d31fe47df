// On the suggestions page, pointing at a suggestion marks its words in the article, and
// clicking a mark in the article brings its suggestion into view. A rejected suggestion
// (greyed) comes back to full colour while it is ticked to be accepted after all.
//
// Editing in place: an event's actors can be taken off or added (one of the page's actors,
// or any desk actor through the admin's autocomplete), and a selection of the article can
// be added as an actor or an event: new rows of the same form, accepted with the rest and
// checked by the server as any other row.
(function () {
  "use strict";

  const marks = [];
  const rowByRef = new Map();

  function activate(ref, on) {
    marks.forEach(function (mark) {
      if (mark.dataset.ref === ref) mark.classList.toggle("is-active", on);
    });
    const row = rowByRef.get(ref);
    if (row) row.classList.toggle("is-active", on);
  }

  function wireRow(row) {
    rowByRef.set(row.dataset.ref, row);
    const keep = row.querySelector("input[type=checkbox][name$='-keep']");
    if (keep && row.classList.contains("curation-row--rejected")) {
      const mark = function () { row.classList.toggle("is-ticked", keep.checked); };
      keep.addEventListener("change", mark);
      mark();
    }
    row.addEventListener("mouseenter", function () { activate(row.dataset.ref, true); });
    row.addEventListener("mouseleave", function () { activate(row.dataset.ref, false); });
    row.querySelectorAll("[data-remove-slot], .curation-add-slot").forEach(function (el) {
      el.hidden = false;
    });
  }

  function fromTemplate(id, replacements) {
    let html = document.getElementById(id).innerHTML;
    Object.keys(replacements).forEach(function (key) {
      html = html.split(key).join(replacements[key]);
    });
    const holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  // --- An event's actors ------------------------------------------------------------------

  function addSlot(actors, picker) {
    const list = actors.querySelector(".curation-actor-list");
    let next = 0;
    list.querySelectorAll("[name$='-ref']").forEach(function (input) {
      const match = input.name.match(/-actors-(\d+)-ref$/);
      if (match) next = Math.max(next, parseInt(match[1], 10) + 1);
    });
    const slot = fromTemplate(picker === "desk" ? "curation-slot-desk" : "curation-slot-page", {
      __event__: actors.dataset.event,
      __slot__: String(next),
    });
    const none = list.querySelector(".curation-actor-none");
    if (none) none.remove();
    list.appendChild(slot);
    // The admin's autocomplete.js starts Select2 on what a formset adds.
    slot.dispatchEvent(new CustomEvent("formset:added", { bubbles: true }));
    const first = slot.querySelector("select");
    if (first && picker !== "desk") first.focus();
  }

  document.addEventListener("click", function (event) {
    const remove = event.target.closest("[data-remove-slot]");
    if (remove) {
      remove.closest(".curation-actor-slot").remove();
      return;
    }
    const add = event.target.closest("[data-add-slot]");
    if (add) addSlot(add.closest(".curation-actors"), add.dataset.addSlot);
  });

  // --- Rows added from a selection of the article -----------------------------------------

  function addRow(prefix, templateId, endId, chosen) {
    const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    const index = parseInt(total.value, 10);
    const row = fromTemplate(templateId, { __prefix__: String(index) });
    document.getElementById(endId).before(row);
    total.value = String(index + 1);
    const set = function (name, value) {
      const input = row.querySelector("[name='" + prefix + "-" + index + "-" + name + "']");
      if (input) input.value = value;
      return input;
    };
    set("start", String(chosen.start));
    set("end", String(chosen.start + chosen.text.length));
    wireRow(row);
    return { row: row, index: index, set: set };
  }

  function addActor(chosen) {
    const added = addRow("actors", "curation-new-actor", "curation-actor-rows-end", chosen);
    const name = added.set("name", chosen.text.replace(/\s+/g, " ").slice(0, 200));
    added.set("ref", "row:" + added.index);
    // The new actor can be named at once in an event of this page.
    const option = function () {
      const el = document.createElement("option");
      el.value = "row:" + added.index;
      el.textContent = name.value;
      return el;
    };
    document.getElementById("curation-slot-page").content.querySelector("select").appendChild(option());
    document.querySelectorAll("select.curation-page-actors").forEach(function (select) {
      select.appendChild(option());
    });
    name.addEventListener("input", function () {
      document.querySelectorAll("option[value='row:" + added.index + "']").forEach(function (el) {
        el.textContent = name.value;
      });
      const kept = document.getElementById("curation-slot-page").content;
      kept.querySelectorAll("option[value='row:" + added.index + "']").forEach(function (el) {
        el.textContent = name.value;
      });
    });
    added.row.scrollIntoView({ block: "center" });
    name.focus();
  }

  function addEvent(chosen) {
    const added = addRow("events", "curation-new-event", "curation-event-rows-end", chosen);
    added.set("title", chosen.text.replace(/\s+/g, " ").slice(0, 300));
    added.row.scrollIntoView({ block: "center" });
    const date = added.row.querySelector("input[type=date]");
    if (date) date.focus();
  }

  function initSelection() {
    const container = document.getElementById("curation-fulltext");
    const bar = document.getElementById("curation-selection-bar");
    const selectionIn = window.Curation && window.Curation.selectionIn;
    if (!container || !bar || !selectionIn) return;
    bar.hidden = false;
    const buttons = [document.getElementById("curation-add-actor"), document.getElementById("curation-add-event")];

    function trimmed() {
      const chosen = selectionIn(container);
      if (!chosen) return null;
      const start = chosen.start + (chosen.text.length - chosen.text.replace(/^\s+/, "").length);
      return { start: start, text: chosen.text.trim() };
    }

    document.addEventListener("selectionchange", function () {
      const none = trimmed() === null;
      buttons.forEach(function (button) { button.disabled = none; });
    });
    buttons[0].addEventListener("click", function () {
      const chosen = trimmed();
      if (chosen) addActor(chosen);
    });
    buttons[1].addEventListener("click", function () {
      const chosen = trimmed();
      if (chosen) addEvent(chosen);
    });
  }

  function init() {
    document.querySelectorAll(".curation-hl[data-ref]").forEach(function (mark) { marks.push(mark); });
    document.querySelectorAll("#curation-accept-form .curation-row[data-ref]").forEach(wireRow);
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
    initSelection();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
