"""Type-ahead choices: a record picked among thousands without sending them all.

A `<select>` of every project (24,903 at national scale) made a list page weigh 2.2 MB and
spend 4 s rendering it. `TypeaheadSelect` renders only the chosen value(s), plus the
matches of what the user searched for; `static/maillage/typeahead.js` turns it into an
ARIA combobox that asks a JSON endpoint for matches as the user types.

- **Without JavaScript** the field is a plain `<select>` holding the current value, and a
  text box `<name>_search` beside it: typing a code or words of a name and submitting the
  form (GET, as every filter form) lists the matches in the select, to choose and submit.
- **With JavaScript** the text box becomes the combobox (keyboard: arrows, Enter, Escape;
  the field's label names it; a status line reads the number of matches), the select is
  hidden and keeps the chosen id, so the submitted value is unchanged (`?project=42`).

Each model offers its endpoint in its app's `urls.py` (`ChoicesView.as_view(model=…)`,
named `<app>:<model>_choices`); the endpoint starts from `visible_to(request.user)`, so a
partner never reads the name of a record it may not see.

Use it in any form or filter:
`forms.ModelChoiceField(queryset=…, widget=TypeaheadSelect("projects:project_choices"))`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views import View

# Matches listed at once: enough to recognise the record, small enough to stay instant.
LIMIT = 20
SEARCH_SUFFIX = "_search"


def search(queryset: models.QuerySet, term: str) -> models.QuerySet:
    """The records of `queryset` that match `term`: the model's own search when it has
    one (`SearchQuerySet.search`), nothing otherwise."""
    finder = getattr(queryset, "search", None)
    if not term.strip() or finder is None:
        return queryset.none()
    return finder(term)


class TypeaheadSelect(forms.Select):
    """A select that renders only the chosen value(s) and the matches of `<name>_search`;
    see the module's docstring."""

    template_name = "core/widgets/typeahead.html"

    def __init__(self, url_name: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.url_name = url_name
        self.search_term = ""
        self.matches = 0

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # The widget is copied for each form: what the user searched for is this form's.
        self.search_term = str(data.get(name + SEARCH_SUFFIX, ""))[:200]
        return super().value_from_datadict(data, files, name)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        every = self.choices
        self.choices = self._few_choices(every, self.format_value(value))
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = every
        context["widget"].update(
            url=reverse(self.url_name),
            search_name=name + SEARCH_SUFFIX,
            search_term=self.search_term,
            matches=self.matches,
        )
        return context

    def _few_choices(self, every: Any, chosen: list[str]) -> list[tuple[Any, Any]]:
        """The empty choice, the chosen records and the searched ones, never the rest."""
        queryset = getattr(every, "queryset", None)
        if queryset is None:  # plain choices: a short list, shown whole
            return list(every)
        field = every.field
        shown: list[tuple[Any, Any]] = []
        if field.empty_label is not None:
            shown.append(("", field.empty_label))
        records: list[models.Model] = []
        keys = [v for v in chosen if v not in ("", None)]
        if keys:
            try:
                records = list(queryset.filter(pk__in=keys))
            # A malformed id in the URL, or one no integer column holds (SQLite raises
            # OverflowError past 64 bits): no record chosen.
            except (ValueError, TypeError, OverflowError, ValidationError):
                records = []
        matches = search(queryset, self.search_term).exclude(pk__in=[r.pk for r in records])
        found = list(matches[:LIMIT])
        self.matches = len(found)
        shown += [every.choice(record) for record in records + found]
        return shown


class TypeaheadSelectMultiple(TypeaheadSelect, forms.SelectMultiple):
    """Several records: the chosen ones and the matches (enhanced one at a time by the
    script as a plain multiple select without it)."""

    allow_multiple_selected = True


class ChoicesView(LoginRequiredMixin, View):
    """`GET ?q=words` → `{"results": [{"id", "text"}], "more": bool}`: the first `LIMIT`
    records of `model` the user may see that match the words (the model's search), or
    the first ones in the model's order without words."""

    model: ClassVar[type[models.Model] | None] = None

    def get(self, request: HttpRequest) -> JsonResponse:
        assert self.model is not None  # set by as_view(model=…)
        visible = self.model._default_manager.visible_to(request.user)  # type: ignore[attr-defined]  # every domain queryset is a VisibleQuerySet
        term = request.GET.get("q", "")[:200]
        found = search(visible, term) if term.strip() else visible
        rows = list(found[: LIMIT + 1])
        return JsonResponse(
            {
                "results": [{"id": row.pk, "text": str(row)} for row in rows[:LIMIT]],
                "more": len(rows) > LIMIT,
            }
        )
