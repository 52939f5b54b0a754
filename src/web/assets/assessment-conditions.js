// Enhancement of assessment pages (assessments/views/page-form.tsx): shows and hides questions as their JSONLogic
// conditions say, while the answers on the page change. The server applies the same conditions when the page is
// saved, so without this script the questions appear after saving.
(function () {
  "use strict";
  var form = document.querySelector("form.assessment-form");
  if (!form || !window.jsonLogic) return;
  var others = JSON.parse(form.getAttribute("data-answers") || "{}");
  // The one operation instruments may use beyond JSONLogic's own (as assessments/conditions.ts adds it).
  window.jsonLogic.add_operation("round", function (value) {
    return Math.round(Number(value));
  });

  /** The page's answers as the server reads them: a radio's value, a checkbox list, a typed text or number. */
  function pageAnswers() {
    var answers = Object.assign({}, others);
    form.querySelectorAll("[data-item]").forEach(function (wrapper) {
      if (wrapper.hidden) return;
      var id = wrapper.getAttribute("data-item");
      var name = "a." + id;
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      var values = [];
      inputs.forEach(function (input) {
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
        if (input.value.trim() !== "") values.push(input.value);
      });
      if (!values.length) return;
      var multiple = inputs.length > 0 && inputs[0].type === "checkbox";
      var value = multiple ? values : values[0];
      if (!multiple && inputs[0].inputMode === "decimal" && !isNaN(Number(value.replace(",", ".")))) value = Number(value.replace(",", "."));
      answers[id] = value;
    });
    return answers;
  }

  function update() {
    // In form order, as the server does: a hidden question's answer does not count for the ones after it.
    form.querySelectorAll("[data-item]").forEach(function (wrapper) {
      var condition = wrapper.getAttribute("data-visible-if");
      if (!condition) return;
      wrapper.hidden = !window.jsonLogic.truthy(window.jsonLogic.apply(JSON.parse(condition), pageAnswers()));
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
