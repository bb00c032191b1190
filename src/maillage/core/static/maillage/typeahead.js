// Type-ahead choices (core/typeahead.py): the "Find" box of a TypeaheadSelect becomes an
// ARIA 1.2 combobox with a list of matches asked from the server as the user types; the
// select stays in the form, hidden, and carries the chosen id. Without this script the
// select and the box work as they are (submit the box's words to list the matches).
(() => {
  "use strict";
  const DELAY_MS = 200;

  function enhance(root) {
    if (root.dataset.typeaheadReady) return;
    root.dataset.typeaheadReady = "1";
    const select = root.querySelector("select");
    const input = root.querySelector("[data-typeahead-input]");
    const listbox = root.querySelector("[data-typeahead-listbox]");
    const status = root.querySelector("[data-typeahead-status]");
    if (!select || !input || !listbox || select.multiple) return;
    const url = root.dataset.typeahead;
    const empty = Array.from(select.options).find((o) => o.value === "");

    // The field's own label now names the box; the select leaves the page's order.
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    if (label) label.htmlFor = input.id;
    for (const own of root.querySelectorAll(".typeahead-find > label")) own.hidden = true;
    root.querySelector("[data-typeahead-hint]").hidden = true;
    input.removeAttribute("aria-describedby");
    select.hidden = true;
    select.tabIndex = -1;
    input.removeAttribute("name"); // the select is what the form sends
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    if (label) listbox.setAttribute("aria-label", label.textContent.trim());
    const chosen = select.selectedOptions[0];
    input.value = chosen && chosen.value !== "" ? chosen.textContent.trim() : "";
    if (empty && !input.value) input.placeholder = empty.textContent.trim();

    let timer = null;
    let asked = 0;
    let active = -1;

    const options = () => Array.from(listbox.querySelectorAll("[role=option]"));

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach((o, i) => o.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function choose(id, text) {
      let option = Array.from(select.options).find((o) => o.value === String(id));
      if (!option) {
        option = new Option(text, String(id));
        select.add(option);
      }
      select.value = String(id);
      input.value = id === "" ? "" : text;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(data) {
      listbox.replaceChildren();
      data.results.forEach((row, i) => {
        const li = document.createElement("span");
        li.id = `${listbox.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.id = row.id;
        li.textContent = row.text;
        li.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus
        li.addEventListener("click", () => choose(row.id, row.text));
        listbox.append(li);
      });
      const count = data.results.length;
      status.textContent = count
        ? root.dataset.msgCount.replace("{count}", count) + (data.more ? ` ${root.dataset.msgMore}` : "")
        : root.dataset.msgNone;
      listbox.hidden = !count;
      input.setAttribute("aria-expanded", String(Boolean(count)));
      active = -1;
    }

    async function ask() {
      const ticket = ++asked;
      const query = new URLSearchParams({ q: input.value });
      try {
        const response = await fetch(`${url}?${query}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok || ticket !== asked) return;
        show(await response.json());
      } catch {
        // Offline or signed out: the box keeps its words; submitting still works.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      if (!input.value.trim()) {
        close();
        if (empty) choose("", "");
        return;
      }
      timer = setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const open = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) ask();
        else highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(active - 1);
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          const option = options()[active];
          choose(option.dataset.id, option.textContent);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          if (empty) choose("", "");
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", () => {
      close();
      // Words that were not a choice give way to the current choice again.
      const current = select.selectedOptions[0];
      input.value = current && current.value !== "" ? current.textContent.trim() : "";
    });
  }

  function enhanceAll(scope) {
    for (const root of scope.querySelectorAll("[data-typeahead]")) enhance(root);
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();
