// Type-ahead choices (core/typeahead.py): the "Find" box of a TypeaheadSelect becomes an
// ARIA 1.2 combobox with a list of matches asked from the server as the user types; the
// select stays in the form, hidden, and carries the chosen id(s). A multiple select's
// chosen records are listed as chips with a "Remove" button each. Without this script the
// select and the box work as they are (submit the box's words to list the matches).
(() => {
  "use strict";
  const DELAY_MS = 200;

  function csrfToken(root) {
    const form = root.closest("form");
    const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function enhance(root) {
    if (root.dataset.typeaheadReady) return;
    root.dataset.typeaheadReady = "1";
    const select = root.querySelector("select");
    const input = root.querySelector("[data-typeahead-input]");
    const listbox = root.querySelector("[data-typeahead-listbox]");
    const status = root.querySelector("[data-typeahead-status]");
    if (!select || !input || !listbox) return;
    const multiple = select.multiple;
    const url = root.dataset.typeahead;
    const createUrl = root.dataset.create || "";
    const empty = Array.from(select.options).find((o) => o.value === "");

    // The field's own label now names the box; the select leaves the page's order.
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    if (label) label.htmlFor = input.id;
    for (const own of root.querySelectorAll(".typeahead-find > label")) own.hidden = true;
    root.querySelector("[data-typeahead-hint]").hidden = true;
    for (const searched of root.querySelectorAll("[data-typeahead-searched]")) searched.remove();
    input.removeAttribute("aria-describedby");
    select.hidden = true;
    select.tabIndex = -1;
    input.disabled = select.disabled; // a choice fixed once made (a plan item's project)
    input.removeAttribute("name"); // the select is what the form sends
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    const labelText = label ? label.textContent.trim() : "";
    if (labelText) listbox.setAttribute("aria-label", labelText);

    // Several records: the matches listed without JavaScript but not chosen leave.
    let chips = null;
    if (multiple) {
      for (const option of Array.from(select.options)) if (!option.selected) option.remove();
      chips = document.createElement("ul");
      chips.className = "typeahead-chosen";
      chips.setAttribute("aria-label", `${root.dataset.msgChosen}${labelText ? ` — ${labelText}` : ""}`);
      root.querySelector(".typeahead-find").before(chips);
      input.value = "";
    } else {
      const chosen = select.selectedOptions[0];
      input.value = chosen && chosen.value !== "" ? chosen.textContent.trim() : "";
      if (empty && !input.value) input.placeholder = empty.textContent.trim();
    }

    let timer = null;
    let asked = 0;
    let active = -1;

    const options = () => Array.from(listbox.querySelectorAll("[role=option]"));

    function drawChips() {
      if (!chips) return;
      chips.replaceChildren();
      for (const option of Array.from(select.selectedOptions)) {
        const item = document.createElement("li");
        const text = option.textContent.trim();
        item.append(document.createTextNode(text));
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link";
        remove.textContent = "×";
        remove.setAttribute("aria-label", root.dataset.msgRemove.replace("{name}", text));
        remove.addEventListener("click", () => {
          option.remove();
          drawChips();
          input.focus();
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });
        item.append(remove);
        chips.append(item);
      }
      chips.hidden = !select.selectedOptions.length;
    }

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
      if (id === "") {
        if (!multiple) select.value = "";
        input.value = "";
        close();
        select.dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
      let option = Array.from(select.options).find((o) => o.value === String(id));
      if (!option) {
        option = new Option(text, String(id));
        select.add(option);
      }
      if (multiple) {
        option.selected = true;
        input.value = "";
        drawChips();
      } else {
        select.value = String(id);
        input.value = text;
      }
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    async function create(name) {
      const body = new URLSearchParams({ name });
      try {
        const response = await fetch(createUrl, {
          method: "POST",
          body,
          headers: { Accept: "application/json", "X-CSRFToken": csrfToken(root) },
          credentials: "same-origin",
        });
        const data = await response.json();
        if (response.ok) choose(data.id, data.text);
        else status.textContent = data.error || root.dataset.msgNone;
      } catch {
        // Offline: the box keeps its words.
      }
    }

    function addOption(index, text, onChoose, extra) {
      const li = document.createElement("span");
      li.id = `${listbox.id}-${index}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = text;
      Object.assign(li.dataset, extra);
      li.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus
      li.addEventListener("click", onChoose);
      listbox.append(li);
    }

    function show(data) {
      listbox.replaceChildren();
      const taken = new Set(multiple ? Array.from(select.selectedOptions, (o) => o.value) : []);
      const rows = data.results.filter((row) => !taken.has(String(row.id)));
      rows.forEach((row, i) => {
        addOption(i, row.text, () => choose(row.id, row.text), { id: row.id });
      });
      const typed = input.value.trim();
      const same = (text) => text.trim().toLocaleLowerCase() === typed.toLocaleLowerCase();
      if (createUrl && typed && !data.results.some((row) => same(row.text))) {
        const text = root.dataset.msgCreate.replace("{name}", typed);
        addOption(rows.length, text, () => create(typed), { create: typed });
      }
      const count = rows.length;
      status.textContent = count
        ? root.dataset.msgCount.replace("{count}", count) + (data.more ? ` ${root.dataset.msgMore}` : "")
        : root.dataset.msgNone;
      const open = listbox.children.length > 0;
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      active = -1;
    }

    async function ask() {
      const ticket = ++asked;
      // The endpoint's address may carry its scope already (?project=42).
      const target = new URL(url, window.location.href);
      target.searchParams.set("q", input.value);
      try {
        const response = await fetch(target, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok || ticket !== asked) return;
        show(await response.json());
      } catch {
        // Offline or signed out: the box keeps its words; submitting still works.
      }
    }

    function pick(option) {
      if (option.dataset.create !== undefined) create(option.dataset.create);
      else choose(option.dataset.id, option.textContent);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      if (!input.value.trim()) {
        close();
        if (empty && !multiple) choose("", "");
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
          pick(options()[active]);
        } else if (multiple || open) {
          event.preventDefault(); // Enter in the box chooses; it never sends the form
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          if (empty && !multiple) choose("", "");
        }
      } else if (event.key === "Backspace" && multiple && !input.value) {
        const last = select.selectedOptions[select.selectedOptions.length - 1];
        if (last) {
          last.remove();
          drawChips();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", () => {
      close();
      if (multiple) {
        input.value = "";
        return;
      }
      // Words that were not a choice give way to the current choice again.
      const current = select.selectedOptions[0];
      input.value = current && current.value !== "" ? current.textContent.trim() : "";
    });

    drawChips();
  }

  function enhanceAll(scope) {
    for (const root of scope.querySelectorAll("[data-typeahead]")) enhance(root);
  }

  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();
