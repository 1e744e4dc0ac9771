/* The two unit fields ("Einheit (Mehrzahl)" / "(Einzahl)", core/unit_fields.py): while one is
   typed, the other is filled in from the known pairs in the field's suggestions (<datalist>,
   each option carries the other form in data-other) — until the person types in it themselves.
   Compounds follow their last part ("Sitzplätze" → "Sitzplatz"), units of several words their
   first ("Stunden Nachhilfe" → "Stunde Nachhilfe"), as handschlag.core.units does. Without this
   file the form fills in the same when it is sent. */
(function () {
  "use strict";
  var MIN_PREFIX = 3;

  function table(input) {
    var list = input.list, pairs = {};
    if (!list) return pairs;
    Array.prototype.forEach.call(list.options, function (option) {
      pairs[option.value.toLowerCase()] = option.getAttribute("data-other") || "";
    });
    return pairs;
  }

  function matchCase(word, like) {
    var first = like.charAt(0);
    var upper = first && first === first.toUpperCase() && first !== first.toLowerCase();
    return (upper ? word.charAt(0).toUpperCase() : word.charAt(0).toLowerCase()) + word.slice(1);
  }

  function other(value, pairs) {
    value = value.trim();
    var space = value.indexOf(" ");
    var first = space < 0 ? value : value.slice(0, space);
    var rest = space < 0 ? "" : value.slice(space);
    var key = first.toLowerCase();
    var found = pairs[key] === undefined ? undefined : matchCase(pairs[key], first);
    for (var length = key.length - MIN_PREFIX; found === undefined && length > 2; length--) {
      var tail = key.slice(key.length - length);
      if (pairs[tail] !== undefined) {
        var cut = first.length - length;
        found = first.slice(0, cut) + matchCase(pairs[tail], first.slice(cut));
      }
    }
    return found === undefined ? "" : found + rest;
  }

  function couple(source, target) {
    var pairs = table(source);
    target.addEventListener("input", function () { target.dataset.typed = target.value ? "1" : ""; });
    source.addEventListener("input", function () {
      if (target.dataset.typed) return;
      target.value = other(source.value, pairs);
      target.dispatchEvent(new Event("change", { bubbles: true }));
    });
    if (target.value) target.dataset.typed = "1";
  }

  function setUp(form) {
    var plural = form.querySelector("[data-unit-plural]");
    var singular = form.querySelector("[data-unit-singular]");
    if (!plural || !singular) return;
    couple(plural, singular);
    couple(singular, plural);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(setUp);
  });
})();
