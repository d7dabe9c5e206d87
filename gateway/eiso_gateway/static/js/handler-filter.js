/* "Chọn người xử lý" follows "Chọn phòng ban".
 *
 * A <select data-filter-by="ID"> lists people, each <option data-department="...">.
 * Choosing a department hides the people of other departments; choosing a
 * person first fills in their department. Without JavaScript the full list
 * works and the server checks the pair.
 */
(function () {
  "use strict";

  function setup(people) {
    var departments = document.getElementById(people.getAttribute("data-filter-by"));
    if (!departments) { return; }

    function filter() {
      var chosen = departments.value;
      Array.prototype.forEach.call(people.options, function (option) {
        if (!option.value) { return; }
        var match = !chosen || option.getAttribute("data-department") === chosen;
        option.hidden = !match;
        option.disabled = !match;
      });
      var selected = people.options[people.selectedIndex];
      if (selected && selected.disabled) { people.value = ""; }
    }

    departments.addEventListener("change", filter);
    people.addEventListener("change", function () {
      var selected = people.options[people.selectedIndex];
      var dept = selected ? selected.getAttribute("data-department") : "";
      if (dept && !departments.value) {
        departments.value = dept;
        filter();
      }
    });
    filter();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter-by]"), setup);
  });
})();
