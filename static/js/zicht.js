// Progressive enhancements only: every page works without this script.
(function () {
  "use strict";
  // On small screens a wide table scrolls inside its own box (see zicht.css); such a box must be
  // reachable by keyboard, so it gets a tab stop while (and only while) it overflows.
  function markScrollingTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollingTables);
  // A print button (the printable action framework).
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
  window.addEventListener("resize", markScrollingTables);
})();
