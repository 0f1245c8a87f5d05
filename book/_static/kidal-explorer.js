/* Search, filter and sort the book's explorer tables (class="kidal-explorer"), offline. */
(function () {
  "use strict";
  function cellKey(row, i) {
    var text = row.cells[i] ? row.cells[i].textContent.trim() : "";
    var n = Number(text.replace(/,/g, ""));
    return text !== "" && !isNaN(n) ? n : text.toLowerCase();
  }
  document.querySelectorAll(".kidal-explorer").forEach(function (root) {
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var search = root.querySelector(".kidal-explorer-search");
    var selects = root.querySelectorAll("select[data-filter]");
    var count = root.querySelector(".kidal-explorer-count");
    function apply() {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
        selects.forEach(function (s) {
          if (s.value && row.getAttribute("data-" + s.dataset.filter) !== s.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      // the page's language picks the words: "12 of 44 rows" / "12 lignes sur 44"
      count.textContent = document.documentElement.lang === "fr"
        ? shown + " ligne" + (shown > 1 ? "s" : "") + " sur " + rows.length
        : shown + " of " + rows.length + " rows";
    }
    search.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var label = th.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kidal-sort";
      button.textContent = label;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
          c.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellKey(a, i), y = cellKey(b, i);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
    apply();
  });
})();
