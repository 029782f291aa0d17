// Enhancements only: the page is complete without this file.
(function () {
  "use strict";
  var body = document.body;
  var generated = Date.parse(body.getAttribute("data-generated-at") || "");
  var staleHours = Number(body.getAttribute("data-stale-after-hours") || "26");
  var asOf = body.getAttribute("data-as-of");
  var banner = document.getElementById("stale-banner");
  // Data is stale when the day it describes is more than the allowed hours behind now.
  var asOfEnd = Date.parse(asOf + "T23:59:59Z");
  if (banner && !isNaN(asOfEnd) && Date.now() - Math.max(asOfEnd, generated || 0) > staleHours * 3600 * 1000) {
    banner.hidden = false;
  }
})();
