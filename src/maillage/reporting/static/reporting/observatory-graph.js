// The relationship graph: zoom and pan by changing the drawing's viewBox (no inline
// script, no library). Buttons zoom in, out and back to the whole graph; dragging moves
// around; a circle reached with Tab is brought into view.
(() => {
  "use strict";
  const svg = document.querySelector("svg[data-graph]");
  const controls = document.querySelector("[data-graph-controls]");
  if (!svg || !controls) return;
  const whole = svg.viewBox.baseVal;
  const full = { x: whole.x, y: whole.y, width: whole.width, height: whole.height };
  let view = { ...full };
  const MIN_WIDTH = full.width / 8;

  const apply = () => {
    svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.width} ${view.height}`);
    svg.classList.toggle("zoomed", view.width < full.width);
  };
  const clamp = () => {
    view.x = Math.min(Math.max(view.x, full.x), full.x + full.width - view.width);
    view.y = Math.min(Math.max(view.y, full.y), full.y + full.height - view.height);
  };
  const zoom = (factor, cx, cy) => {
    const width = Math.min(full.width, Math.max(MIN_WIDTH, view.width * factor));
    const scale = width / view.width;
    const centreX = cx ?? view.x + view.width / 2;
    const centreY = cy ?? view.y + view.height / 2;
    view = {
      x: centreX - (centreX - view.x) * scale,
      y: centreY - (centreY - view.y) * scale,
      width,
      height: view.height * scale,
    };
    clamp();
    apply();
  };

  controls.hidden = false;
  controls.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-zoom]");
    if (!button) return;
    if (button.dataset.zoom === "in") zoom(1 / 1.5);
    else if (button.dataset.zoom === "out") zoom(1.5);
    else {
      view = { ...full };
      apply();
    }
  });

  // Drag to move: pointer offsets in screen pixels, turned into drawing units.
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (view.width >= full.width || event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...view }, moved: false };
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const ratio = view.width / svg.getBoundingClientRect().width;
    const dx = (event.clientX - drag.x) * ratio;
    const dy = (event.clientY - drag.y) * ratio;
    if (Math.abs(dx) + Math.abs(dy) > 2) {
      drag.moved = true;
      svg.setPointerCapture(event.pointerId);
    }
    view.x = drag.view.x - dx;
    view.y = drag.view.y - dy;
    clamp();
    apply();
  });
  // A drag that ends over a circle does not follow its link.
  svg.addEventListener("pointerup", () => {
    svg.dataset.dragged = drag && drag.moved ? "1" : "0";
    drag = null;
  });
  svg.addEventListener("pointercancel", () => {
    drag = null;
  });
  svg.addEventListener("click", (event) => {
    if (svg.dataset.dragged === "1") {
      event.preventDefault();
      svg.dataset.dragged = "0";
    }
  });

  // Keyboard: a circle reached with Tab outside the view is brought to its middle.
  svg.addEventListener("focusin", (event) => {
    const circle = event.target.querySelector && event.target.querySelector("circle");
    if (!circle) return;
    const cx = circle.cx.baseVal.value;
    const cy = circle.cy.baseVal.value;
    if (cx < view.x || cx > view.x + view.width || cy < view.y || cy > view.y + view.height) {
      view.x = cx - view.width / 2;
      view.y = cy - view.height / 2;
      clamp();
      apply();
    }
  });
})();
