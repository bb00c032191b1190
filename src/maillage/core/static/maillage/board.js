/* A board of cards in columns (the task board, the funding pipeline): move a card with
   the left and right arrow keys (to the nearest column it may go to) or by dragging it.
   The server is told with a POST to the card's `data-url`, the endpoint of the card's
   buttons, which work without JavaScript; it answers the card's new status, the moves it
   may make next ({status, label}) and a message for the live region.

   Markup: `[data-board]` (with `data-move-label`, "… __COLUMN__ …"), `.board-column`
   sections (`data-status`) each holding a `[data-drop]` list, cards `[data-card]` with
   `data-status`, `data-url` and `data-moves` (the statuses it may move to, space
   separated), and a `#board-status` live region (`data-failed`). With
   `data-refusal="form"` on the board, a move the server refuses (400) opens the card's
   move page, where the reason is asked (a submission with documents missing). */
(function () {
  "use strict";

  function init() {
    var board = document.querySelector("[data-board]");
    if (!board) { return; }
    var live = document.getElementById("board-status");
    var columns = Array.prototype.slice.call(board.querySelectorAll(".board-column"));
    var statuses = columns.map(function (c) { return c.getAttribute("data-status"); });

    function columnOf(status) { return columns[statuses.indexOf(status)]; }

    function cardOf(node) { return node && node.closest ? node.closest("[data-card]") : null; }

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
        if (count) { count.textContent = column.querySelectorAll("[data-card]").length; }
      });
    }

    function rebuildButtons(card, moves) {
      card.setAttribute("data-moves", moves.map(function (m) { return m.status; }).join(" "));
      var form = card.querySelector("form.card-moves");
      if (!form) { return; }
      var template = board.getAttribute("data-move-label") || "";
      Array.prototype.slice.call(form.querySelectorAll("button")).forEach(function (b) { b.remove(); });
      moves.forEach(function (move) {
        var button = document.createElement("button");
        button.type = "submit";
        button.name = "status";
        button.value = move.status;
        button.className = "small";
        button.textContent = template.replace("__COLUMN__", move.label);
        form.appendChild(button);
      });
    }

    function allowed(card) {
      return (card.getAttribute("data-moves") || "").split(" ").filter(Boolean);
    }

    function move(card, status) {
      var url = card.getAttribute("data-url");
      if (!url || !status || allowed(card).indexOf(status) < 0) { return; }
      var data = new FormData();
      data.append("status", status);
      card.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
      }).then(function (response) {
        if (response.status === 400 && board.getAttribute("data-refusal") === "form") {
          window.location.href = url + "?next=" + encodeURIComponent(window.location.pathname);
          throw new Error("refused");
        }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (result) {
        columnOf(result.status).querySelector("[data-drop]").appendChild(card);
        card.setAttribute("data-status", result.status);
        rebuildButtons(card, result.moves);
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
      if (!card.hasAttribute || !card.hasAttribute("data-card")) { return; }
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") { return; }
      var here = statuses.indexOf(card.getAttribute("data-status"));
      var step = event.key === "ArrowRight" ? 1 : -1;
      var moves = allowed(card);
      for (var i = here + step; i >= 0 && i < statuses.length; i += step) {
        if (moves.indexOf(statuses[i]) >= 0) {
          event.preventDefault();
          move(card, statuses[i]);
          return;
        }
      }
    });

    board.addEventListener("dragstart", function (event) {
      var card = cardOf(event.target);
      if (!card || !card.getAttribute("data-url")) { return; }
      event.dataTransfer.setData("text/plain", card.id);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("dragging");
    });
    board.addEventListener("dragend", function (event) {
      var card = cardOf(event.target);
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
