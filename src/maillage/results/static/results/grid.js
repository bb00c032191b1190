/* The values grid, keyboard first: the arrow keys move between cells (left and right
   once the caret is at the edge of the text), Enter moves down, Tab goes on as usual.
   A row (an indicator and its disaggregation values) is saved when the focus leaves it
   after a change, through the same view as the plain form, which answers JSON for it. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form[data-grid]");
    if (!form) { return; }
    var live = document.getElementById("grid-status");
    var table = form.querySelector("table");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var dirty = {};

    function cellsOf(tr) { return Array.prototype.slice.call(tr.querySelectorAll("[data-cell]")); }

    function columnOf(cell) {
      var td = cell.closest("td");
      return Array.prototype.indexOf.call(td.parentNode.children, td);
    }

    function announce(text) {
      if (!live) { return; }
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function moveVertical(cell, step) {
      var tr = cell.closest("tr");
      var column = columnOf(cell);
      var index = rows.indexOf(tr) + step;
      while (index >= 0 && index < rows.length) {
        var candidates = cellsOf(rows[index]);
        if (candidates.length) {
          var same = candidates.filter(function (c) { return columnOf(c) === column; });
          var target = same[0] || candidates[0];
          target.focus();
          if (target.select) { target.select(); }
          return true;
        }
        index += step;
      }
      return false;
    }

    function moveHorizontal(cell, step) {
      var all = Array.prototype.slice.call(table.querySelectorAll("[data-cell]"));
      var target = all[all.indexOf(cell) + step];
      if (target) { target.focus(); if (target.select) { target.select(); } return true; }
      return false;
    }

    function atEdge(cell, step) {
      if (typeof cell.selectionStart !== "number") { return true; }
      if (cell.selectionStart !== cell.selectionEnd) { return true; }
      return step < 0 ? cell.selectionStart === 0 : cell.selectionEnd === cell.value.length;
    }

    table.addEventListener("keydown", function (event) {
      var cell = event.target;
      if (!cell.hasAttribute || !cell.hasAttribute("data-cell")) { return; }
      var multiline = cell.tagName === "TEXTAREA";
      if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey && !multiline)) {
        if (moveVertical(cell, 1) || event.key === "Enter") { event.preventDefault(); }
      } else if (event.key === "ArrowUp" && !multiline) {
        if (moveVertical(cell, -1)) { event.preventDefault(); }
      } else if (event.key === "ArrowLeft" && atEdge(cell, -1)) {
        if (moveHorizontal(cell, -1)) { event.preventDefault(); }
      } else if (event.key === "ArrowRight" && atEdge(cell, 1)) {
        if (moveHorizontal(cell, 1)) { event.preventDefault(); }
      }
    });

    table.addEventListener("input", function (event) {
      var body = event.target.closest("tbody[data-row]");
      if (body) { dirty[body.getAttribute("data-row")] = true; }
    });

    function showErrors(body, errors) {
      Array.prototype.slice.call(body.querySelectorAll(".cell-error")).forEach(function (p) { p.remove(); });
      Array.prototype.slice.call(body.querySelectorAll("[aria-invalid]")).forEach(function (c) {
        c.removeAttribute("aria-invalid");
        c.removeAttribute("aria-describedby");
      });
      Object.keys(errors || {}).forEach(function (name) {
        var cell = document.getElementById(name) || body.querySelector("th");
        var message = document.createElement("p");
        message.className = "cell-error";
        message.id = name + "-error";
        message.textContent = errors[name].join(" ");
        (cell.closest("td") || cell).appendChild(message);
        if (cell.hasAttribute("data-cell")) {
          cell.setAttribute("aria-invalid", "true");
          cell.setAttribute("aria-describedby", message.id);
        }
      });
    }

    function save(body) {
      var id = body.getAttribute("data-row");
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
      data.append("span", form.querySelector("input[name=span]").value);
      data.append("row", id);
      data.append("action", "draft");
      Array.prototype.slice.call(body.querySelectorAll("input[name], textarea[name]")).forEach(function (input) {
        data.append(input.name, input.value);
      });
      body.setAttribute("aria-busy", "true");
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (result) { return { ok: response.ok, result: result }; });
      }).then(function (answer) {
        body.removeAttribute("aria-busy");
        showErrors(body, answer.result.errors);
        if (answer.ok) {
          dirty[id] = false;
          var version = body.querySelector("[data-version]");
          if (version && answer.result.version !== null) { version.value = answer.result.version; }
          var state = body.querySelector("[data-state]");
          if (state) { state.textContent = answer.result.status; }
          body.querySelector("tr").classList.add("saved");
        }
        announce(answer.result.message || "");
      }).catch(function () {
        body.removeAttribute("aria-busy");
        announce(form.getAttribute("data-failed"));
      });
    }

    table.addEventListener("focusout", function (event) {
      var body = event.target.closest("tbody[data-row]");
      if (!body) { return; }
      var next = event.relatedTarget;
      if (next && body.contains(next)) { return; }
      if (dirty[body.getAttribute("data-row")]) { save(body); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
