/* The promise form: the public sentence ("X verspricht: … – wenn jemand …") and the quantity
   with its unit ("10 Tablets", "1 Tablet") follow what is typed. Without this file both are
   shown as last sent, and in the preview. */
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
    var quantity = form.querySelector("#id_quantity");
    var plural = form.querySelector("#id_unit");
    var singular = form.querySelector("#id_unit_singular");
    var amounts = form.querySelector("[data-amount-preview]");

    // The same choice as handschlag.core.units.amount: the singular after exactly 1, the
    // plural otherwise; without a unit the page's word for pieces ("Stück" / "item(s)").
    function amount(n) {
      var many = plural ? plural.value.trim() : "";
      var one = singular ? singular.value.trim() : "";
      if (!many && !one) {
        var words = amounts.getAttribute(n === 1 ? "data-none-one" : "data-none-many");
        return words.replace("%(n)s", String(n));
      }
      return n + " " + (n === 1 ? one || many : many || one);
    }
    function showAmounts() {
      if (!amounts) return;
      var n = parseInt(quantity && quantity.value, 10);
      if (!(n >= 1)) n = 1;
      amounts.querySelector("[data-amount-many]").textContent = amount(n);
      amounts.querySelector("[data-amount-one]").textContent = amount(1);
    }

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
    [quantity, plural, singular].forEach(function (field) {
      if (field) field.addEventListener("input", showAmounts);
      if (field) field.addEventListener("change", showAmounts);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.promise-form").forEach(setUp);
  });
})();
