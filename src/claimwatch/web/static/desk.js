/* claimwatch desk: the timeline chart (plotly.js served by the desk) and the article reader's target sentence. */
(function () {
  "use strict";

  // Plotly reads a few HTML tags and entities in labels; escaping makes article text display as typed.
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function localLink(link) {
    return typeof link === "string" && link.charAt(0) === "/" && link.charAt(1) !== "/" ? link : null;
  }

  function traces(points) {
    var byAct = {};
    points.forEach(function (p) { (byAct[p.act] = byAct[p.act] || []).push(p); });
    return Object.keys(byAct).sort().map(function (act) {
      var group = byAct[act];
      return {
        type: "scatter",
        mode: "markers",
        name: esc(act.replace(/_/g, " ")),
        x: group.map(function (p) { return p.x; }),
        y: group.map(function (p) { return esc(p.y); }),
        customdata: group.map(function (p) { return p.link; }),
        text: group.map(function (p) {
          return esc(p.speaker) + " " + esc(act.replace(/_/g, " ")) + " (" + esc(p.certainty) + ")<br>" +
            esc(p.outlet) + "<br>" + esc(p.quote).replace(/(.{80}\S*)\s/g, "$1<br>");
        }),
        hovertemplate: "%{text}<extra></extra>",
        marker: {
          symbol: group[0].symbol,
          color: group.map(function (p) { return p.colour; }),
          size: 13,
          opacity: 0.9,
          line: { width: 1, color: "#222" }
        }
      };
    });
  }

  // The story's own days: a statement about an event recalled from long before (more than 60 days before
  // the median) would squash the rest to one edge. Double-clicking the chart shows every date.
  function focusRange(points) {
    var days = points.map(function (p) { return Date.parse(p.x); }).filter(isFinite).sort(function (a, b) { return a - b; });
    if (days.length === 0) { return undefined; }
    var day = 86400000;
    var median = days[Math.floor(days.length / 2)];
    var low = days.filter(function (d) { return d >= median - 60 * day; })[0];
    var high = days[days.length - 1];
    return [new Date(low - day).toISOString().slice(0, 10), new Date(high + day).toISOString().slice(0, 10)];
  }

  function drawTimeline(element) {
    var source = document.getElementById(element.getAttribute("data-points"));
    if (!source || typeof Plotly === "undefined") { return; }
    var points = JSON.parse(source.textContent);
    var rows = {};
    points.forEach(function (p) { rows[p.y] = true; });
    var height = Math.max(320, 28 * Object.keys(rows).length + 140);
    var layout = {
      height: height,
      margin: { l: 10, r: 10, t: 30, b: 40 },
      xaxis: { type: "date", automargin: true, gridcolor: "#eee", range: focusRange(points) },
      yaxis: { type: "category", automargin: true, categoryorder: "category descending", gridcolor: "#f2f2f2" },
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0 },
      hoverlabel: { align: "left", bgcolor: "#fff", font: { size: 12 } },
      hovermode: "closest",
      plot_bgcolor: "#fff"
    };
    var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    Plotly.newPlot(element, traces(points), layout, config).then(function () {
      element.setAttribute("data-drawn", String(points.length));
    });
    element.on("plotly_click", function (event) {
      var link = event.points && event.points[0] && localLink(event.points[0].customdata);
      if (link) { window.location.assign(link); }
    });
  }

  function markTarget() {
    var previous = document.querySelectorAll("mark.stmt.current");
    Array.prototype.forEach.call(previous, function (el) { el.classList.remove("current"); });
    if (!/^#s-[0-9a-f]+$/.test(window.location.hash)) { return; }
    var target = document.getElementById(window.location.hash.slice(1));
    if (target) {
      target.classList.add("current");
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".chart[data-points]"), drawTimeline);
    if (document.getElementById("article-body")) {
      markTarget();
      window.addEventListener("hashchange", markTarget);
    }
  });
}());
