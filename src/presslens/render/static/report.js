/* presslens report: layer toggles, and the findings behind a highlight on click.
   Reads only class names and data attributes written by presslens.render.html; every
   piece of report text is already in the page as escaped text, and this script never
   builds markup from strings: it only shows, hides and scrolls to elements. */
(function () {
  "use strict";

  function keysOf(element) {
    return (element.getAttribute("data-keys") || "").split(" ").filter(Boolean);
  }

  function setup(root) {
    if (root.hasAttribute("data-pl-ready")) {
      return;
    }
    root.setAttribute("data-pl-ready", "");
    var text = root.querySelector(".pl-text");
    var highlights = Array.prototype.slice.call(root.querySelectorAll(".pl-hl"));
    var details = Array.prototype.slice.call(root.querySelectorAll(".pl-detail"));
    var hint = root.querySelector(".pl-details-hint");

    function show(keys) {
      var shown = 0;
      details.forEach(function (item) {
        item.hidden = keys.indexOf(item.getAttribute("data-key")) < 0;
        shown += item.hidden ? 0 : 1;
      });
      if (hint) {
        hint.hidden = shown > 0;
      }
    }

    root.querySelectorAll("input[data-layer-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        var layer = box.getAttribute("data-layer-toggle");
        highlights.forEach(function (element) {
          if (element.getAttribute("data-layer") === layer) {
            element.classList.toggle("pl-off", !box.checked);
          }
        });
      });
    });

    if (text) {
      text.addEventListener("click", function (event) {
        var keys = [];
        var element = event.target.closest ? event.target.closest(".pl-hl") : null;
        while (element && text.contains(element)) {
          if (!element.classList.contains("pl-off")) {
            keys = keysOf(element).concat(keys);
          }
          element = element.parentElement ? element.parentElement.closest(".pl-hl") : null;
        }
        show(keys);
      });
    }

    root.querySelectorAll("[data-goto]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-goto");
        var target = highlights.filter(function (element) {
          return keysOf(element).indexOf(key) >= 0;
        })[0];
        show([key]);
        if (target) {
          target.scrollIntoView({ block: "center", behavior: "smooth" });
          target.classList.add("pl-flash");
          window.setTimeout(function () { target.classList.remove("pl-flash"); }, 1500);
        }
      });
    });
  }

  function setupAll(scope) {
    (scope || document).querySelectorAll(".pl-report").forEach(setup);
  }

  window.presslensReport = { setup: setupAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupAll(); });
  } else {
    setupAll();
  }
})();
