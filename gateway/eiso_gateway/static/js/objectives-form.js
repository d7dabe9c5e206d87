/* The objectives' dossier form ("XÂY DỰNG, CHỈNH SỬA MỤC TIÊU CHẤT LƯỢNG").
 *
 * "Chọn chính sách" shows the chosen policy's statements. "Chọn phiên bản mục tiêu" fills the table from an
 * earlier version, "Nâng cấp phiên bản" from the version in force (the versions' objectives are in the JSON
 * block #objective-versions). "Tổng số" counts the filled rows. Without JavaScript the table is typed by hand.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-policy-select]");
  if (!form) { return; }
  var policy = document.querySelector("[data-policy-select]");
  var table = document.querySelector("[data-rows='objectives'] tbody");
  var total = document.querySelector("[data-objectives-total]");
  var data = document.getElementById("objective-versions");
  var versions = data ? JSON.parse(data.textContent) : {};

  function showStatements() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-policy]"), function (list) {
      list.hidden = list.getAttribute("data-policy") !== policy.value;
    });
  }

  function count() {
    if (!table || !total) { return; }
    var filled = 0;
    Array.prototype.forEach.call(table.rows, function (row) {
      var name = row.querySelector("[data-part='name']");
      if (name && name.value.trim()) { filled += 1; }
    });
    total.textContent = String(filled);
  }

  function fill(objectives) {
    if (!table) { return; }
    Array.prototype.forEach.call(table.rows, function (row, index) {
      var item = objectives[index] || { name: "", target: "" };
      var name = row.querySelector("[data-part='name']");
      var target = row.querySelector("[data-part='target']");
      if (name) { name.value = item.name; }
      if (target) { target.value = item.target; }
    });
    count();
  }

  policy.addEventListener("change", showStatements);
  if (table) { table.addEventListener("input", count); }

  var tools = document.querySelector("[data-version-tools]");
  if (tools) {
    tools.hidden = false;
    var select = tools.querySelector("[data-version-select]");
    select.addEventListener("change", function () {
      if (versions[select.value]) { fill(versions[select.value]); }
    });
    var upgrade = tools.querySelector("[data-upgrade]");
    if (upgrade) {
      upgrade.addEventListener("click", function () {
        var current = select.querySelector("option[data-in-force]");
        if (current) { select.value = current.value; fill(versions[current.value] || []); }
      });
    }
  }
}());
