/* "Tập tin": stop a form whose chosen files together exceed what one submission may carry.
 *
 * <input type="file" data-max-total="BYTES"> next to <p id="files_too_large" hidden>. The server
 * refuses a larger request as a whole (413) before reading it, and then nothing typed on the form
 * can be kept; checking the sizes here, before anything is sent, keeps the page and everything on it.
 * Without JavaScript the server's 413 page explains the limit and links back.
 */
(function () {
  "use strict";

  function total(input) {
    var sum = 0;
    Array.prototype.forEach.call(input.files || [], function (file) { sum += file.size; });
    return sum;
  }

  function setup(input) {
    var limit = parseInt(input.getAttribute("data-max-total"), 10);
    var warning = document.getElementById("files_too_large");
    if (!limit || !input.form) { return; }

    function tooLarge() {
      var over = total(input) > limit;
      if (warning) { warning.hidden = !over; }
      input.setAttribute("aria-invalid", over ? "true" : "false");
      return over;
    }

    input.addEventListener("change", tooLarge);
    input.form.addEventListener("submit", function (event) {
      if (tooLarge()) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-max-total]"), setup);
  });
})();
