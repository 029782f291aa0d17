// Enhancements only: the page is complete without it. No HTML strings: nodes are built with
// createElement and textContent, so nothing from the tracker can become markup here.
(function () {
  "use strict";
  var body = document.body;

  // Stale data: as old as the older of its as-of day's end and when it was generated. A plain notice, not an alert.
  var banner = document.getElementById("stale-banner");
  var generated = Date.parse(body.getAttribute("data-generated-at") || "");
  var asOfEnd = Date.parse((body.getAttribute("data-as-of") || "") + "T23:59:59Z");
  var staleHours = Number(body.getAttribute("data-stale-after-hours")) || 26;
  var dataTime = isNaN(generated) ? asOfEnd : isNaN(asOfEnd) ? generated : Math.min(generated, asOfEnd);
  if (banner && !isNaN(dataTime) && Date.now() - dataTime > staleHours * 3600 * 1000) banner.hidden = false;

  // Each printed page says when the data was generated: a page-margin rule (CSSOM; print.css is static).
  var gen = document.getElementById("generated"), css = document.querySelector("link[href*='site.css']");
  if (gen && css && css.sheet) {
    try {
      css.sheet.insertRule("@page{@bottom-left{content:\"" + (document.title + ". " + gen.textContent + ".").replace(/[\\"]/g, "\\$&") +
        "\";font:9pt Arial,sans-serif}}", css.sheet.cssRules.length);
    } catch (e) { /* no page-margin rules: printed without it */ }
  }

  var host = document.getElementById("filters");
  var list = document.getElementById("actions-list");
  if (!host || !list || !window.URLSearchParams || !window.history || !history.replaceState) return;

  var rows = Array.prototype.slice.call(list.querySelectorAll("tbody tr"));
  var themes = Array.prototype.slice.call(list.querySelectorAll(".theme"));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  // The rating comes from the RAG cell's tag (class tag--green, tag--none…).
  var rags = rows.map(function (r) { return r.cells[4].firstChild.className.slice(5); });
  // Leads come from the row's lead cell: one name, a list of names, or none (marked "no-lead").
  var leadsOf = rows.map(function (r) {
    var cell = r.cells[3], items = cell.querySelectorAll("li");
    if (items.length) return Array.prototype.map.call(items, function (li) { return li.textContent; });
    return cell.classList.contains("no-lead") ? [] : [cell.textContent];
  });
  var leads = [];
  leadsOf.forEach(function (ls) { ls.forEach(function (l) { if (leads.indexOf(l) < 0) leads.push(l); }); });
  leads.sort(function (a, b) { return a.localeCompare(b, "en-GB", { sensitivity: "base" }); });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }
  function field(name, label, control) {
    var wrap = el("div", { "class": "filters__field" });
    control.id = "filter-" + name;
    control.name = name;
    wrap.appendChild(el("label", { "for": control.id }, label));
    wrap.appendChild(control);
    form.appendChild(wrap);
    return control;
  }
  function select(options) {
    var s = el("select");
    options.forEach(function (o) { s.appendChild(new Option(o[1], o[0])); });
    return s;
  }

  // The stale period is the summary card's; no card, no stale flag (Reminders__StaleAfterDays=0).
  var stale = document.querySelector("[data-summary=stale] span+span");
  var form = el("form", { "class": "filters__form", role: "search", "aria-label": "Filter actions" });
  var controls = {
    lead: field("lead", "Lead service", select([["", "All leads"]].concat(leads.map(function (l) { return [l, l]; })))),
    rag: field("rag", "RAG rating", select([["", "All ratings"], ["red", "Red"], ["amber", "Amber"], ["green", "Green"], ["none", "Not rated"]])),
    status: field("status", "Status", select([["", "Open and complete"], ["open", "Open"], ["complete", "Complete"]])),
    due: field("due", "Deadline", select([["", "Any deadline"], ["overdue", "Overdue"], ["soon", "Due soon"], ["either", "Overdue or due soon"]]
      .concat(stale ? [["stale", stale.textContent.replace("n", "N")]] : []))),
    q: field("q", "Search", el("input", { type: "search", autocomplete: "off" }))
  };
  var actions = el("div", { "class": "filters__actions" });
  var clear = el("button", { type: "button", "class": "button-secondary" }, "Clear filters");
  actions.appendChild(clear);
  form.appendChild(actions);
  var status = el("p", { "class": "filters__status", role: "status", "aria-live": "polite" });
  form.appendChild(status);
  var summary = document.getElementById("filter-summary");

  function matches(i, f) {
    var r = rows[i], due = r.getAttribute("data-due") || "";
    if (f.lead && leadsOf[i].indexOf(f.lead) < 0) return false;
    if (f.rag && rags[i] !== f.rag) return false;
    if (f.status && r.getAttribute("data-status") !== f.status) return false;
    if (f.due === "stale" ? !r.hasAttribute("data-stale") : f.due === "either" ? !due : f.due && due !== f.due) return false;
    return !f.q || texts[i].indexOf(f.q) >= 0;
  }

  // For the printed "Filtered by" line.
  function shownValue(k) {
    var c = controls[k];
    return c.tagName === "SELECT" ? c.options[c.selectedIndex].text : "\u201c" + c.value.trim() + "\u201d";
  }

  function apply() {
    var f = {}, params = new URLSearchParams(location.search), shown = 0, active = [];
    Object.keys(controls).forEach(function (k) {
      var v = controls[k].value.trim();
      f[k] = k === "q" ? v.toLowerCase() : v;
      if (v) { params.set(k, v); active.push(form.querySelector("label[for=filter-" + k + "]").textContent + ": " + shownValue(k)); }
      else params.delete(k);
    });
    rows.forEach(function (r, i) { var ok = matches(i, f); r.hidden = !ok; if (ok) shown++; });
    themes.forEach(function (t) { t.hidden = !t.querySelector("tbody tr:not([hidden])"); });
    var text = "Showing " + shown + " of " + rows.length + " actions";
    // Written only when it changes: each result is announced once.
    if (status.textContent !== text) status.textContent = text;
    if (summary) {
      summary.textContent = active.length ? "Filtered by " + active.join("; ") + ". " + text + "." : "";
      summary.hidden = !active.length;
    }
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  // Lists apply at once; search when typing pauses, so it is announced once, not per key.
  var typing = 0;
  function later() { clearTimeout(typing); typing = setTimeout(apply, 500); }
  function now() { clearTimeout(typing); apply(); }

  // A shared link opens with its filters; a value no control offers is ignored.
  var initial = new URLSearchParams(location.search);
  Object.keys(controls).forEach(function (k) {
    var v = initial.get(k);
    if (v === null) return;
    controls[k].value = v;
    if (controls[k].value !== v) controls[k].value = "";
  });
  form.addEventListener("input", function (e) { if (e.target === controls.q) later(); });
  form.addEventListener("change", now);
  form.addEventListener("submit", function (e) { e.preventDefault(); now(); });
  clear.addEventListener("click", function () { form.reset(); now(); controls.lead.focus(); });
  // In place before the form joins the page: loading announces nothing.
  apply();
  host.appendChild(form);
})();
