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

- **Several records** (`TypeaheadSelectMultiple`): the chosen ones are listed as chips,
  each with a "Remove" button, and the box adds one more; without JavaScript, a multiple
  select of the chosen records and the matches.
- **In a form that saves** (POST), a search submitted without JavaScript must not save
  the record: forms with type-ahead fields derive from `TypeaheadFormMixin`, which holds
  the form (an error on the field) while a search differs from the one already listed.
- **Created on the spot** (tags): with `create=True` on the endpoint and `create_url_name`
  on the widget, the list offers "Create …" when no match has the typed name; the
  endpoint creates it through the model's service (write roles only).

Each model offers its endpoint in its app's `urls.py` (`ChoicesView.as_view(model=…)`,
named `<app>:<model>_choices`); the endpoint starts from `visible_to(request.user)`, so a
partner never reads the name of a record it may not see.

Use it in any form or filter:
`forms.ModelChoiceField(queryset=…, widget=TypeaheadSelect("projects:project_choices"))`,
or in a ModelForm's `Meta.widgets`: `{"people": TypeaheadSelectMultiple("actors:person_choices")}`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from maillage.core.access import can_write
from maillage.core.services import error_dict, service_for
from maillage.core.text import normalize

# Matches listed at once: enough to recognise the record, small enough to stay instant.
LIMIT = 20
SEARCH_SUFFIX = "_search"
# The search already listed (without JavaScript): submitting it again saves the form.
SEARCHED_SUFFIX = "_searched"
# Rows of a reference table without a search index (tags) that a type-ahead reads.
SMALL_TABLE = 5000
MAX_ID = 2**63 - 1  # the largest id a bigint column holds


def search(queryset: models.QuerySet, term: str) -> models.QuerySet:
    """The records of `queryset` that match `term`: the model's own search when it has
    one (`SearchQuerySet.search`); for a small reference table without one (tags), the
    rows whose `name` holds every word; nothing otherwise."""
    if not term.strip():
        return queryset.none()
    finder = getattr(queryset, "search", None)
    if finder is not None:
        return finder(term)
    if any(f.name == "name" for f in queryset.model._meta.concrete_fields):
        # A small table, read whole: accents and capitals set aside as the search does.
        words = normalize(term).split()[:10]
        found = [
            pk
            for pk, name in queryset.values_list("pk", "name")[:SMALL_TABLE]
            if all(word in normalize(name) for word in words)
        ]
        return queryset.filter(pk__in=found)
    return queryset.none()


class TypeaheadSelect(forms.Select):
    """A select that renders only the chosen value(s) and the matches of `<name>_search`;
    see the module's docstring."""

    template_name = "core/widgets/typeahead.html"

    def __init__(
        self,
        url_name: str,
        attrs: dict[str, Any] | None = None,
        *,
        create_url_name: str = "",
        params: dict[str, Any] | None = None,
        within: models.QuerySet | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url_name = url_name
        self.create_url_name = create_url_name
        # Narrower than what the field accepts: the endpoint's scope (`?project=42`, see
        # ChoicesView.scopes) and, without JavaScript, the queryset searched.
        self.params = params or {}
        self.within = within
        self.search_term = ""
        self.searched = ""
        self.matches = 0

    @property
    def holding(self) -> bool:
        """A search submitted without JavaScript that was not listed yet: the form shows
        its matches instead of saving (`TypeaheadFormMixin`)."""
        return bool(self.search_term.strip()) and self.search_term != self.searched

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # The widget is copied for each form: what the user searched for is this form's.
        self.search_term = str(data.get(name + SEARCH_SUFFIX, ""))[:200]
        self.searched = str(data.get(name + SEARCHED_SUFFIX, ""))[:200]
        return super().value_from_datadict(data, files, name)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        every = self.choices
        self.choices = self._few_choices(every, self.format_value(value))
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = every
        url = reverse(self.url_name)
        context["widget"].update(
            url=f"{url}?{urlencode(self.params)}" if self.params else url,
            create_url=reverse(self.create_url_name) if self.create_url_name else "",
            search_name=name + SEARCH_SUFFIX,
            searched_name=name + SEARCHED_SUFFIX,
            search_term=self.search_term,
            matches=self.matches,
        )
        return context

    def _few_choices(self, every: Any, chosen: list[str]) -> list[tuple[Any, Any]]:
        """The empty choice, the chosen records and the searched ones, never the rest."""
        queryset = getattr(every, "queryset", None)
        if queryset is None:  # plain choices (countries)
            return self._few_codes(list(every), chosen)
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
        pool = self.within if self.within is not None else queryset
        matches = search(pool, self.search_term).exclude(pk__in=[r.pk for r in records])
        found = list(matches[:LIMIT])
        self.matches = len(found)
        shown += [every.choice(record) for record in records + found]
        return shown

    def _few_codes(self, every: list[Any], chosen: list[str]) -> list[tuple[Any, Any]]:
        """As for records: the empty choice, the chosen codes and the searched ones."""
        words = normalize(self.search_term).split()
        kept, found = [], []
        for code, label in every:
            if code in ("", None) or str(code) in chosen:
                kept.append((code, label))
            elif words and all(w in normalize(f"{code} {label}") for w in words):
                found.append((code, label))
        self.matches = min(len(found), LIMIT)
        return kept + found[:LIMIT]


class TypeaheadSelectMultiple(TypeaheadSelect, forms.SelectMultiple):
    """Several records: the chosen ones and the matches; the script lists the chosen ones
    with a "Remove" button each and adds one at a time; without it, a multiple select."""

    allow_multiple_selected = True


class TypeaheadFormMixin:
    """For a form that saves: a search submitted without JavaScript lists its matches in
    the field (the form is shown again, with this error on the field) instead of saving
    without the record the user was looking for. Submitted again, it saves."""

    fields: dict[str, forms.Field]

    def clean(self) -> Any:
        cleaned = super().clean()  # type: ignore[misc]  # mixed into a Form
        for name, field in self.fields.items():
            if isinstance(field.widget, TypeaheadSelect) and field.widget.holding:
                self.add_error(  # type: ignore[attr-defined]  # mixed into a Form
                    name, _("Choose among the matches listed here, then submit again.")
                )
        return cleaned


class CodeChoicesView(LoginRequiredMixin, View):
    """The type-ahead endpoint of a list of codes (countries): `GET ?q=words` →
    `{"results": [{"id": code, "text": label}], "more": bool}`, the codes whose code or
    label (in the user's language) holds every word, accents and capitals aside."""

    # A function returning (code, label) pairs, set by as_view(choices=…).
    choices: Callable[[], Iterable[tuple[str, str]]] | None = None

    def get(self, request: HttpRequest) -> JsonResponse:
        assert self.choices is not None  # set by as_view(choices=…)
        words = normalize(request.GET.get("q", "")[:200]).split()
        found = [
            {"id": code, "text": str(label)}
            for code, label in self.choices()
            if code and all(w in normalize(f"{code} {label}") for w in words)
        ]
        return JsonResponse({"results": found[:LIMIT], "more": len(found) > LIMIT})


class ChoicesView(LoginRequiredMixin, View):
    """`GET ?q=words` → `{"results": [{"id", "text"}], "more": bool}`: the first `LIMIT`
    records of `model` the user may see that match the words (the model's search), or
    the first ones in the model's order without words.

    With `create=True`, `POST name=…` → `{"id", "text"}` (201): a record of that name,
    created through the model's service for the roles that write (403 otherwise), or
    the one that already has it; 400 `{"error"}` with the service's refusal."""

    model: ClassVar[type[models.Model] | None] = None
    create: ClassVar[bool] = False
    # Foreign keys a request may narrow the records to, by id: `?project=42` offers only
    # that project's plan items (a project of 1,000 items lists 20, not 1,000).
    scopes: ClassVar[tuple[str, ...]] = ()

    def post(self, request: HttpRequest) -> JsonResponse:
        assert self.model is not None  # set by as_view(model=…)
        if not self.create:
            return JsonResponse({"error": _("Records are not created here.")}, status=405)
        if not can_write(request.user):
            return JsonResponse({"error": _("Your role does not allow this.")}, status=403)
        name = " ".join(str(request.POST.get("name", "")).split())
        if not name:
            return JsonResponse({"error": _("Type a name first.")}, status=400)
        visible = self.model._default_manager.visible_to(request.user)  # type: ignore[attr-defined]  # every domain queryset is a VisibleQuerySet
        # One record per name, accents and capitals aside ("éducation" is "Éducation").
        key = normalize(name)
        same = [
            pk for pk, n in visible.values_list("pk", "name")[:SMALL_TABLE] if normalize(n) == key
        ]
        if same:
            existing = visible.get(pk=same[0])
            return JsonResponse({"id": existing.pk, "text": str(existing)})
        try:
            created = service_for(self.model).create(data={"name": name}, by=request.user)
        except ValidationError as error:
            messages = [m for msgs in error_dict(error).values() for m in msgs]
            return JsonResponse({"error": " ".join(messages)}, status=400)
        return JsonResponse({"id": created.pk, "text": str(created)}, status=201)

    def get(self, request: HttpRequest) -> JsonResponse:
        assert self.model is not None  # set by as_view(model=…)
        visible = self.model._default_manager.visible_to(request.user)  # type: ignore[attr-defined]  # every domain queryset is a VisibleQuerySet
        for scope in self.scopes:
            raw = request.GET.get(scope)
            if raw is None:
                continue
            if not raw.isdigit() or int(raw) > MAX_ID:
                error = _("%(name)s: not an id.") % {"name": scope}
                return JsonResponse({"error": error}, status=400)
            visible = visible.filter(**{f"{scope}_id": int(raw)})
        term = request.GET.get("q", "")[:200]
        found = search(visible, term) if term.strip() else visible
        rows = list(found[: LIMIT + 1])
        return JsonResponse(
            {
                "results": [{"id": row.pk, "text": str(row)} for row in rows[:LIMIT]],
                "more": len(rows) > LIMIT,
            }
        )
