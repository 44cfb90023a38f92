// reasonlint audit report: filters and sorting of the embedded reasons, cluster
// drill-down, and every section opened for printing. The page works without it.
(function () {
  "use strict";
  var fmt = new Intl.NumberFormat("zh-CN");
  var table = document.getElementById("rows-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var byId = function (id) { return document.getElementById(id); };
  var verdict = byId("f-verdict"), rule = byId("f-rule"), file = byId("f-file"), text = byId("f-text");
  var shown = byId("rows-shown"), empty = byId("rows-empty"), chip = byId("f-cluster"), chipLabel = byId("f-cluster-label");
  var cluster = "";

  function has(list, item) { return (" " + list + " ").indexOf(" " + item + " ") >= 0; }

  function apply() {
    var v = verdict.value, r = rule.value, f = file.value, t = text.value.trim().toLowerCase();
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = (!v || row.getAttribute("data-v") === v) &&
        (!r || has(row.getAttribute("data-r"), r)) &&
        (!f || row.getAttribute("data-f") === f) &&
        (!cluster || has(row.getAttribute("data-c"), cluster)) &&
        (!t || row.cells[2].textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) { n++; }
    }
    shown.textContent = fmt.format(n);
    empty.hidden = n > 0;
  }

  [verdict, rule, file].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);

  // Sorting: by score or input order, either way; "worst first" is the embedded order.
  var headers = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
  function sortBy(key, dir) {
    rows.sort(function (a, b) {
      var d = (+a.getAttribute(key) - +b.getAttribute(key)) * dir;
      return d || (+a.getAttribute("data-w") - +b.getAttribute("data-w"));
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (row) { frag.appendChild(row); });
    body.appendChild(frag);
  }
  headers.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      sortBy(th.getAttribute("data-sort"), dir);
    });
  });
  byId("sort-reset").addEventListener("click", function () {
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    sortBy("data-w", 1);
  });

  // A cluster's "show in the list" button filters the rows to its members.
  function setCluster(id, label) {
    cluster = id;
    chip.hidden = !id;
    chipLabel.textContent = label || "";
    apply();
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.show-cluster"), function (b) {
    b.addEventListener("click", function () {
      setCluster(b.getAttribute("data-cluster"), b.getAttribute("data-label"));
      byId("rows").scrollIntoView();
    });
  });
  byId("f-cluster-clear").addEventListener("click", function () { setCluster("", ""); });
  byId("f-reset").addEventListener("click", function () {
    verdict.value = rule.value = file.value = text.value = "";
    setCluster("", "");
  });

  var allDetails = function () { return Array.prototype.slice.call(document.querySelectorAll("details")); };
  var openAll = byId("clusters-open");
  if (openAll) {
    openAll.addEventListener("click", function () {
      var open = !allDetails().every(function (d) { return d.open; });
      allDetails().forEach(function (d) { d.open = open; });
    });
  }

  // "/" jumps to the text filter, as in coverage.py's index.
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement.tagName !== "INPUT") { e.preventDefault(); text.focus(); }
  });

  // Print with every section open (the rows print as filtered), then close them again.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = allDetails().filter(function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });

  // Every row starts shown and counted (by the page itself): nothing to apply yet.
  document.documentElement.classList.add("js");
}());
