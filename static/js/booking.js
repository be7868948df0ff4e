/* Online booking: the visitor's own time zone, steps that swap in place, focus that follows.
 * Everything works without this file (full pages, the practice's zone until changed by hand);
 * it only makes the flow smoother. No inline scripts or styles anywhere (CSP). */
(function () {
  "use strict";

  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  var quiet = false; // the next swap was ours (time zone), not the visitor's: leave focus alone
  var detected = false;

  function withZone(url) {
    var parsed = new URL(url, window.location.href);
    if (zone && !parsed.searchParams.get("tz")) {
      parsed.searchParams.set("tz", zone);
    }
    return parsed.pathname + parsed.search;
  }

  function prepare(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    // Links that start a week view carry the browser's zone (for new tabs as well).
    root.querySelectorAll("a[data-add-tz]").forEach(function (link) {
      link.setAttribute("href", withZone(link.getAttribute("href")));
    });
    // A week shown in the practice's zone because none was named: ask again in ours.
    var auto = root.querySelector("[data-tz-auto]");
    if (!auto || detected || !zone || zone === auto.getAttribute("data-tz-current")) {
      return;
    }
    detected = true;
    var url = withZone(auto.getAttribute("data-tz-auto"));
    if (!window.htmx) {
      window.location.replace(url);
      return;
    }
    quiet = true;
    window.htmx
      .ajax("GET", url, { target: "#booking-flow", swap: "innerHTML show:none" })
      .then(function () {
        window.history.replaceState({ htmx: true }, "", url);
      });
  }

  // htmx requests from links marked data-add-tz get the zone too (data-hx-get was read at load).
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (zone && element && element.hasAttribute && element.hasAttribute("data-add-tz")) {
      event.detail.path = withZone(event.detail.path);
    }
  });

  // Answers that explain a problem (bad input 400, taken 409, invalid 422, unknown 404) are
  // pages to show, not failures: htmx 2's responseHandling, first matching rule wins, ahead of
  // its defaults (204 nothing, 2xx/3xx swap, other 4xx/5xx an error that is not swapped).
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "^(400|404|409|422)$", swap: true, error: false },
    ].concat(window.htmx.config.responseHandling);
  }

  // After a step changes, move focus to its heading so screen readers start there.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (quiet) {
      quiet = false;
      return;
    }
    var target = event.detail.target;
    if (!target || !target.querySelector) {
      return;
    }
    var heading = target.querySelector("[data-step-heading]");
    if (!heading) {
      return;
    }
    heading.focus({ preventScroll: true });
    var top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) {
      target.scrollIntoView({ block: "start" });
    }
  });

  if (window.htmx) {
    window.htmx.onLoad(prepare);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      prepare(document);
    });
  }
})();
