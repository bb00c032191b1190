/* The task board: move a card with the arrow keys or by dragging it; the server is told
   with a POST (the same endpoint as the cards' buttons, which work without JavaScript).
   The Gantt chart opens on today, and its "Today" button brings today back into view. */
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
    var board = document.querySelector("[data-board]");
    if (!board) { return; }
    var live = document.getElementById("board-status");
    var columns = Array.prototype.slice.call(board.querySelectorAll(".board-column"));
    var statuses = columns.map(function (c) { return c.getAttribute("data-status"); });

    function columnOf(status) { return columns[statuses.indexOf(status)]; }

    function announce(text) {
      if (!live) { return; }
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function csrfToken() {
      var input = board.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function refreshCounts() {
      columns.forEach(function (column) {
        var count = column.querySelector("[data-count]");
        if (count) { count.textContent = column.querySelectorAll(".task-card").length; }
      });
    }

    function rebuildButtons(card, status) {
      var form = card.querySelector("form.card-moves");
      if (!form) { return; }
      var template = board.getAttribute("data-move-label") || "";
      Array.prototype.slice.call(form.querySelectorAll("button")).forEach(function (b) { b.remove(); });
      var index = statuses.indexOf(status);
      [index - 1, index + 1].forEach(function (i) {
        if (i < 0 || i >= statuses.length) { return; }
        var button = document.createElement("button");
        button.type = "submit";
        button.name = "status";
        button.value = statuses[i];
        button.className = "small";
        button.textContent = template.replace("__COLUMN__", columns[i].getAttribute("data-label"));
        form.appendChild(button);
      });
    }

    function move(card, status) {
      var url = card.getAttribute("data-url");
      if (!url || !status || status === card.getAttribute("data-status")) { return; }
      var data = new FormData();
      data.append("status", status);
      card.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (result) {
        var target = columnOf(result.status);
        target.querySelector("[data-drop]").appendChild(card);
        card.setAttribute("data-status", result.status);
        rebuildButtons(card, result.status);
        refreshCounts();
        card.removeAttribute("aria-busy");
        card.focus();
        announce(result.message);
      }).catch(function () {
        card.removeAttribute("aria-busy");
        announce(live ? live.getAttribute("data-failed") : "");
      });
    }

    board.addEventListener("keydown", function (event) {
      var card = event.target;
      if (!card.classList || !card.classList.contains("task-card")) { return; }
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") { return; }
      if (!card.getAttribute("data-url")) { return; }
      var index = statuses.indexOf(card.getAttribute("data-status"));
      var next = index + (event.key === "ArrowRight" ? 1 : -1);
      if (next < 0 || next >= statuses.length) { return; }
      event.preventDefault();
      move(card, statuses[next]);
    });

    board.addEventListener("dragstart", function (event) {
      var card = event.target.closest ? event.target.closest(".task-card") : null;
      if (!card || !card.getAttribute("data-url")) { return; }
      event.dataTransfer.setData("text/plain", card.id);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("dragging");
    });
    board.addEventListener("dragend", function (event) {
      var card = event.target.closest ? event.target.closest(".task-card") : null;
      if (card) { card.classList.remove("dragging"); }
    });
    columns.forEach(function (column) {
      var list = column.querySelector("[data-drop]");
      list.addEventListener("dragover", function (event) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        list.classList.add("drop-target");
      });
      list.addEventListener("dragleave", function () { list.classList.remove("drop-target"); });
      list.addEventListener("drop", function (event) {
        event.preventDefault();
        list.classList.remove("drop-target");
        var card = document.getElementById(event.dataTransfer.getData("text/plain"));
        if (card && board.contains(card)) { move(card, list.getAttribute("data-drop")); }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
