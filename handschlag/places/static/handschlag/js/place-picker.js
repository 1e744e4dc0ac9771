/* Handschlag — the place picker (ARIA 1.2 combobox with a listbox) and filter forms that
   apply themselves. Without this file the place is a plain text field and "Anzeigen" sends.

   - <input data-place-picker role="combobox" aria-controls="LIST">: htmx fills LIST with
     <li role="option" data-value="…"> as one types (places/views.municipality_suggestions).
     Arrow keys move through the options (aria-activedescendant), Enter or a click picks one,
     Escape closes the list. Picking fills the field and sends its form once (not with
     data-picker-stays, for a field inside a longer form).
   - <form data-autosubmit>: a changed select or checkbox sends the form (one request per
     change; text fields send with Enter or "Anzeigen"). */
(function () {
  "use strict";

  function send(form) {
    if (!form) return;
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll('[role="option"]:not([aria-disabled="true"])'));
  }

  function setUpPicker(input) {
    if (input.dataset.pickerReady) return;
    input.dataset.pickerReady = "1";
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var active = -1;
    var quiet = false; // after a pick, Escape or a submit: late suggestions stay closed

    function open(show) {
      var hasOptions = list.querySelector('[role="option"]') !== null;
      var visible = show && hasOptions;
      list.hidden = !visible;
      input.setAttribute("aria-expanded", visible ? "true" : "false");
      if (!visible) highlight(-1);
    }

    function highlight(index) {
      var all = options(list);
      active = index;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(option) {
      input.value = option.getAttribute("data-value");
      quiet = true;
      open(false);
      // a filter sends its form at once; a long form (data-picker-stays) waits for its button
      if (!input.hasAttribute("data-picker-stays")) send(input.form);
    }

    list.addEventListener("htmx:afterSwap", function () {
      active = -1;
      open(!quiet && document.activeElement === input);
    });
    if (input.form) {
      input.form.addEventListener("submit", function () {
        quiet = true;
        open(false);
      });
    }

    input.addEventListener("keydown", function (event) {
      var all = options(list);
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        if (!expanded) open(true);
        highlight(active + 1 >= all.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        if (!expanded) open(true);
        highlight(active <= 0 ? all.length - 1 : active - 1);
      } else if (event.key === "Enter" && expanded && active >= 0 && all[active]) {
        event.preventDefault(); // picks the option (and sends once), not the typed text
        pick(all[active]);
      } else if (event.key === "Escape") {
        quiet = true;
        if (expanded) {
          event.preventDefault();
          open(false);
        }
      }
    });
    input.addEventListener("input", function () {
      quiet = false;
      highlight(-1);
    });
    input.addEventListener("blur", function () {
      // after a click on an option (mousedown keeps the focus, see below)
      window.setTimeout(function () { open(false); }, 150);
    });
    list.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the field
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option && option.getAttribute("aria-disabled") !== "true") pick(option);
    });
  }

  function setUpAutosubmit(form) {
    if (form.dataset.autosubmitReady) return;
    form.dataset.autosubmitReady = "1";
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("select, input[type=checkbox], input[type=radio]")) send(form);
    });
  }

  function setUp(root) {
    (root || document).querySelectorAll("input[data-place-picker]").forEach(setUpPicker);
    (root || document).querySelectorAll("form[data-autosubmit]").forEach(setUpAutosubmit);
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
})();
