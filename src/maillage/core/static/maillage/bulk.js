// "Select all on this page" for a list's bulk actions. Delegated, so that it keeps working
// when htmx swaps the results in; without it, rows are still selected one by one.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== "checkbox") return;
  const formId = target.dataset.selectAll || target.getAttribute("form");
  if (!formId) return;
  const rows = document.querySelectorAll(`input[type="checkbox"][name="ids"][form="${formId}"]`);
  const all = document.querySelector(`input[data-select-all="${formId}"]`);
  if (target === all) {
    for (const box of rows) box.checked = all.checked;
    return;
  }
  if (!all) return;
  const checked = [...rows].filter((box) => box.checked).length;
  all.checked = checked === rows.length && rows.length > 0;
  all.indeterminate = checked > 0 && checked < rows.length;
});
