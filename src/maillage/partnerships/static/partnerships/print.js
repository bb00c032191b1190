// "Print" buttons of printable pages: no inline script (the CSP forbids it).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
