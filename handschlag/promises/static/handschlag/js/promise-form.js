/* The promise form: the public sentence ("X verspricht: … – wenn jemand …") follows what is
   typed. Without this file the sentence is shown as last sent, and in the preview. */
(function () {
  "use strict";
  // The same as PromiseForm.clean_condition: a typed "wenn jemand" is not said twice.
  var lead = /^\s*(?:[.…]+\s*)?(?:wenn\b\s*(?:jemand\b\s*)?)?/i;

  function setUp(form) {
    var sentence = form.querySelector("[data-promise-sentence]");
    if (!sentence) return;
    var organisation = form.querySelector("#id_organisation");
    var title = form.querySelector("#id_title");
    var condition = form.querySelector("#id_condition");
    var privateName = form.getAttribute("data-private-name");

    function promiser() {
      if (!organisation || organisation.tagName !== "SELECT" || !organisation.value) return privateName;
      return organisation.options[organisation.selectedIndex].text;
    }
    function show(selector, text) {
      sentence.querySelector(selector).textContent = text.trim() || "…";
    }
    function update() {
      show("[data-sentence-promiser]", promiser());
      if (title) show("[data-sentence-title]", title.value);
      if (condition) show("[data-sentence-condition]", condition.value.replace(lead, ""));
    }
    [organisation, title, condition].forEach(function (field) {
      if (field) field.addEventListener("input", update);
      if (field) field.addEventListener("change", update);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.promise-form").forEach(setUp);
  });
})();
