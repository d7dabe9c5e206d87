/* "Xử lý": the "Bước xử lý tiếp theo" block only matters when approving or saving.
 *
 * For "Bổ sung" and "Không duyệt" the workflow decides who gets the dossier,
 * so the block is dimmed (not removed: what was chosen stays if the person
 * changes their mind). Without JavaScript nothing is hidden.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("process-form");
    var block = document.getElementById("next-step");
    if (!form || !block) { return; }
    function update() {
      var checked = form.querySelector("input[name=action]:checked");
      var unused = checked && (checked.value === "return" || checked.value === "reject");
      block.classList.toggle("is-unused", !!unused);
      block.setAttribute("aria-disabled", unused ? "true" : "false");
    }
    Array.prototype.forEach.call(form.querySelectorAll("input[name=action]"), function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });
})();
