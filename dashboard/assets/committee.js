// The committee paper: with ?since=yyyy-MM-dd (the last committee's day), keep only the changes after it.
// Without this file, or without ?since, every refresh's changes are listed: the paper is complete either way.
(function () {
  "use strict";
  // The paper's title and date at the top of every printed page (the title holds both; the CSP allows no inline style).
  var css = document.querySelector("link[href*='site.css']");
  if (css && css.sheet) {
    try {
      css.sheet.insertRule("@page{@top-left{content:\"" + document.title.replace(/[\\"]/g, "\\$&") +
        "\";font:9pt Arial,sans-serif}}", css.sheet.cssRules.length);
    } catch (e) { /* no page-margin rules: the title and date are on the first page only */ }
  }
  if (!window.URLSearchParams) return;
  var since = new URLSearchParams(window.location.search).get("since");
  if (!since || !/^\d{4}-\d{2}-\d{2}$/.test(since)) return;
  var days = document.querySelectorAll(".committee-day");
  var shown = 0;
  Array.prototype.forEach.call(days, function (day) {
    var keep = day.getAttribute("data-day") > since;
    day.hidden = !keep;
    if (keep) shown++;
  });
  var heading = document.getElementById("changes-heading");
  if (heading) heading.textContent = "Changes since " + new Date(since + "T12:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  var none = document.getElementById("no-changes-since");
  if (none && shown === 0) none.hidden = false;
})();
