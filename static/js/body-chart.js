/* The body chart (templates/clinical/office/_body_chart.html): a click on a region of a figure
 * ticks or unticks that region's checkbox, and moves the focus there, so keyboard and screen
 * reader users and mouse users change the same control. The checkboxes work without this file;
 * CSS (:has) shows their state on the figures either way. No inline scripts (CSP). */
(function () {
  "use strict";

  function enhance(chart) {
    chart.classList.add("js-chart");
    chart.addEventListener("click", function (event) {
      var region = event.target.closest ? event.target.closest("[data-region]") : null;
      if (!region || !chart.contains(region)) {
        return;
      }
      var box = document.getElementById("area-" + region.getAttribute("data-region"));
      if (!box) {
        return;
      }
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      box.focus({ preventScroll: true });
    });
  }

  function start() {
    var charts = document.querySelectorAll("[data-body-chart]");
    for (var i = 0; i < charts.length; i++) {
      enhance(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
