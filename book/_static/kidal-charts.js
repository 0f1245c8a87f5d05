/* Draw the book's charts offline, when they scroll into view, in the reader's light or dark theme.
   Each chart is a <div class="kidal-plotly"> followed by its JSON in
   <script type="application/json" class="kidal-plotly-data" data-for="ID">. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var plotly = null;   // a promise, once plotly.js is requested
  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + "plotly-geo.min.js";
        s.onload = function () {
          window.Plotly.setPlotConfig({ topojsonURL: base });
          resolve(window.Plotly);
        };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return plotly;
  }
  var config = { responsive: true, displaylogo: false, displayModeBar: false };
  // The French edition's pages (lang="fr") draw dates and numbers the French way: plotly's
  // locale mechanism, with the month and day names written here (no locale file to fetch).
  var FRENCH = {
    moduleType: "locale", name: "fr", dictionary: {},
    format: {
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                    "sept.", "oct.", "nov.", "déc."],
      date: "%d/%m/%Y", decimal: ",", thousands: "\u202f",
      // tick and hover dates: 14 nov. 2023, nov. 2023 (plotly's English order is "Nov 14, 2023")
      year: "%Y", month: "%b %Y", dayMonth: "%-d %b", dayMonthYear: "%-d %b %Y"
    }
  };
  var french = document.documentElement.lang === "fr";
  if (french) config.locale = "fr";

  function dark() {
    return document.documentElement.dataset.theme === "dark";
  }
  function themed(layout) {
    var ink = dark() ? "#e8e8e8" : "#222222";
    var update = { "font.color": ink, "legend.font.color": ink };
    if (layout.geo) {
      update["geo.landcolor"] = dark() ? "#2d2f33" : "#f3efe6";
      update["geo.countrycolor"] = dark() ? "#9a9a9a" : "#8a8a8a";
    }
    return update;
  }
  function draw(div) {
    if (div.dataset.drawn) return;
    div.dataset.drawn = "1";
    var holder = document.querySelector('script.kidal-plotly-data[data-for="' + div.id + '"]');
    var spec = JSON.parse(holder.textContent);
    loadPlotly().then(function (Plotly) {
      if (french && !Plotly.__kidalFrench) { Plotly.register(FRENCH); Plotly.__kidalFrench = true; }
      return Plotly.newPlot(div, spec.data, spec.layout, config);
    }).then(function () {
      return window.Plotly.relayout(div, themed(spec.layout));
    }).then(function () {
      div.dataset.rendered = "1";
    });
  }
  var charts = Array.prototype.slice.call(document.querySelectorAll(".kidal-plotly"));
  function observe() {
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          seen.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    charts.forEach(function (div) { seen.observe(div); });
  } else {
    charts.forEach(draw);
  }
  }
  // Start once the page has loaded and the browser is idle, so plotly.js never competes with
  // the text for bandwidth or the main thread.
  function later() {
    if ("requestIdleCallback" in window) window.requestIdleCallback(observe, { timeout: 2000 });
    else window.setTimeout(observe, 200);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
  new MutationObserver(function () {
    charts.forEach(function (div) {
      if (div.dataset.rendered) window.Plotly.relayout(div, themed(div.layout));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
