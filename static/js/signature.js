// A signature pad for the consent forms (templates/intake/_signature.html). Progressive: the
// typed signature works without it. Strokes are written as SVG path data (moves and lines,
// whole numbers in a 600 x 200 box) into the hidden signature_path field.
(function () {
  "use strict";
  function setUp(pad) {
    var canvas = pad.querySelector("canvas");
    var field = pad.closest("form").querySelector("input[name=signature_path]");
    if (!canvas || !field) return;
    pad.hidden = false;
    var ctx = canvas.getContext("2d");
    var parts = [];
    var drawing = false;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#2a2622";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      var x = Math.round(((event.clientX - box.left) / box.width) * canvas.width);
      var y = Math.round(((event.clientY - box.top) / box.height) * canvas.height);
      return [Math.max(0, Math.min(canvas.width, x)), Math.max(0, Math.min(canvas.height, y))];
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      parts.push("M" + p[0] + " " + p[1]);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = point(event);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
      parts.push("L" + p[0] + " " + p[1]);
    });
    function end() {
      if (!drawing) return;
      drawing = false;
      var text = parts.join(" ");
      field.value = text.length <= 20000 ? text : "";
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    pad.querySelector("[data-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      parts = [];
      field.value = "";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-signature-pad]").forEach(setUp);
  });
})();
