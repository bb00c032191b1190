/* The funding pipeline shows a column's most relevant cards and its total: a card moved
   in or out by board.js (which counts only the cards on the page) changes the total by
   one. Markup: in each `.board-column`, a `[data-total]` (the number, unformatted) and
   the `[data-drop]` list of cards. */
(function () {
  "use strict";

  function isCard(node) {
    return node.nodeType === 1 && node.hasAttribute("data-card");
  }

  function init() {
    var board = document.querySelector("[data-board]");
    if (!board || !window.MutationObserver) { return; }
    var lang = document.documentElement.lang || undefined;
    Array.prototype.forEach.call(board.querySelectorAll(".board-column"), function (column) {
      var total = column.querySelector("[data-total]");
      var list = column.querySelector("[data-drop]");
      if (!total || !list) { return; }
      new MutationObserver(function (records) {
        var n = parseInt(total.getAttribute("data-total"), 10) || 0;
        records.forEach(function (record) {
          n += Array.prototype.filter.call(record.addedNodes, isCard).length;
          n -= Array.prototype.filter.call(record.removedNodes, isCard).length;
        });
        n = Math.max(n, 0);
        total.setAttribute("data-total", String(n));
        total.textContent = n.toLocaleString(lang);
      }).observe(list, { childList: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
