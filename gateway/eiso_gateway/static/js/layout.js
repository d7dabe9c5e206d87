/* The shared layout: the folding menu on small screens, and focus on a form's error summary.
 *
 * Loaded in <head> without "defer" so the "js" class is set before the page is drawn: only then does
 * the stylesheet fold the menu behind its "Menu" button (without JavaScript the menu simply stays open).
 * After a refused form the page opens on the summary of what to fix (role="alert", tabindex="-1").
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".menu-toggle");
    var sidebar = toggle && toggle.closest(".sidebar");
    if (toggle && sidebar) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        sidebar.classList.toggle("is-open", open);
      });
    }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
})();
