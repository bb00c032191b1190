/* The Gantt chart opens on today, and its "Today" button brings today back into view.
   (The task board's moves are core's maillage/board.js, shared with the funding
   pipeline.) */
(function () {
  "use strict";

  function initGantt() {
    var wrap = document.querySelector("[data-gantt]");
    var line = document.getElementById("gantt-today");
    if (!wrap || !line) { return; }
    function showToday(smooth) {
      var x = parseFloat(line.getAttribute("x1"));
      var titles = parseFloat(line.getAttribute("data-label-width")) || 0;
      // Today just right of the titles when the box is wide, near its left edge on a phone
      // (the titles are in the table below too).
      var from = wrap.clientWidth > 2.5 * titles ? titles : 0;
      var left = Math.max(0, x - from - Math.min(80, wrap.clientWidth / 5));
      wrap.scrollTo({ left: left, behavior: smooth ? "smooth" : "auto" });
    }
    showToday(false);
    var button = document.querySelector("[data-gantt-today]");
    if (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        showToday(true);
      });
    }
  }

  function init() {
    initGantt();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
