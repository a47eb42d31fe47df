// "Add another key judgment" gives the new row the next order number: every new row is a
// copy of one template, which can only hold one number.
(function () {
  "use strict";

  function orderInputs(group) {
    return Array.from(group.querySelectorAll("input[name$='-order']")).filter(function (input) {
      return !input.name.includes("__prefix__") && !input.name.startsWith("initial-");
    });
  }

  document.addEventListener("formset:added", function (event) {
    const row = event.target;
    const group = row.closest(".inline-group");
    if (!group || !event.detail || event.detail.formsetName !== "judgment_links") return;
    const input = row.querySelector("input[name$='-order']:not([name^='initial-'])");
    if (!input) return;
    const others = orderInputs(group).filter(function (other) { return other !== input; });
    const numbers = others.map(function (other) { return Number(other.value) || 0; });
    input.value = String((numbers.length ? Math.max.apply(null, numbers) : 0) + 1);
    // The number it was offered with too, so that a row left empty is still skipped on save.
    const offered = row.querySelector("input[name='initial-" + input.name + "']");
    if (offered) offered.value = input.value;
  });
})();
