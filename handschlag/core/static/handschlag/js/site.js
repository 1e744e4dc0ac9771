/* Handschlag — small progressive enhancements. Everything works without this file:
   the menu is then always open and the filters are always shown. Loaded in <head>
   without defer so the "js" class is set before the first paint (no flash of an open menu). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Same breakpoint as site.css (56rem): below it the menu folds and the filters collapse.
  var narrow = window.matchMedia("(max-width: 55.99rem)");

  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) return;
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and puts the focus back on its button.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true" && narrow.matches) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // <details data-collapse-narrow open>: open on wide screens, folded on phones so that
  // the results come first; the visitor opens it with one tap.
  function collapseOnNarrowScreens() {
    if (!narrow.matches) return;
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
      details.removeAttribute("open");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    collapseOnNarrowScreens();
  });
})();

/* === Conversations (issue #8) ===
   htmx replaces the whole thread after a message or a contact release; put the keyboard
   focus back where the person was: in the reply box, or on the contact section. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var path = (event.detail && event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
    if (path.indexOf("/gespraeche/") === -1) return;
    var thread = document.getElementById("gespraech");
    if (!thread) return;
    var target = /\/schreiben\/$/.test(path)
      ? thread.querySelector("textarea[name=text]")
      : thread.querySelector("#kontakt h3");
    if (!target) return;
    if (target.tagName === "H3") target.setAttribute("tabindex", "-1");
    target.focus();
  });
})();
