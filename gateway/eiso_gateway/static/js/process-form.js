/* "Xử lý": each routing block only matters for its own choice.
 *
 * "Bước xử lý tiếp theo" is used when approving or saving; the "Bổ sung" block
 * (who gets the dossier back) only with "Bổ sung". The block that does not apply
 * is dimmed and made inert (not removed: what was chosen stays if the person changes their mind).
 * Without JavaScript nothing is hidden and the server reads only the block that applies.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("process-form");
    if (!form) { return; }
    var nextBlock = document.getElementById("next-step");
    var returnBlock = document.getElementById("return-step");
    if (!nextBlock && !returnBlock) { return; }

    function dim(block, unused) {
      if (!block) { return; }
      block.classList.toggle("is-unused", unused);
      // inert: out of the Tab order and of what screen readers announce; its values are still sent.
      block.inert = unused;
    }

    function update() {
      var checked = form.querySelector("input[name=action]:checked");
      var action = checked ? checked.value : "";
      dim(nextBlock, action === "return" || action === "reject");
      dim(returnBlock, action !== "return");
    }
    Array.prototype.forEach.call(form.querySelectorAll("input[name=action]"), function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });
})();
