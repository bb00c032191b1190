// Small behaviours of the shell; pages work without it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("details.user-menu[open]")) {
    menu.removeAttribute("open");
    menu.querySelector("summary")?.focus();
  }
});

// On a phone the main navigation and a list's filters fold behind a button
// (`.collapse-toggle` with aria-controls → `.collapsible`); the stylesheet hides the button
// and ignores the fold on wider screens, and without this script everything stays open.
document.documentElement.classList.add("js-ready");
document.addEventListener("click", (event) => {
  const button = event.target.closest?.(".collapse-toggle[aria-controls]");
  if (!button) return;
  const target = document.getElementById(button.getAttribute("aria-controls"));
  if (!target) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  target.classList.toggle("is-open", open);
});

// A table or chart wider than its box scrolls inside it, not the page: a table without a
// box gets one; when nothing in a scrolling box can take the focus, the box itself does,
// so that a keyboard can scroll it too (WCAG 2.1.1).
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
const SCROLL_BOXES = ".table-wrap, .gantt-wrap, .scroll-box";
function focusableScrollBoxes(root) {
  for (const box of root.querySelectorAll(SCROLL_BOXES)) {
    const scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
    if (scrolls && !box.querySelector(FOCUSABLE)) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("data-scroll-focus", "");
      const caption = box.querySelector("caption, figcaption");
      if (caption && !box.hasAttribute("role")) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption.textContent.trim());
      }
    } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-scroll-focus");
    }
  }
}
function boxTables(root) {
  for (const table of root.querySelectorAll("main table")) {
    if (table.parentElement.closest(SCROLL_BOXES)) continue;
    const box = document.createElement("div");
    box.className = "scroll-box";
    table.replaceWith(box);
    box.appendChild(table);
  }
}
function scrollBoxesEverywhere() {
  boxTables(document);
  focusableScrollBoxes(document);
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", scrollBoxesEverywhere);
} else {
  scrollBoxesEverywhere();
}
window.addEventListener("resize", scrollBoxesEverywhere);
document.addEventListener("htmx:afterSwap", (event) => {
  boxTables(event.target);
  focusableScrollBoxes(event.target);
});
