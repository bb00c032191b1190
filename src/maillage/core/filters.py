"""The base of every list's filters: out-of-range values are refused, never sent on.

`?agreement=99999999999999999999` made SQLite raise OverflowError (a 500) and
`?starts_after=9999-12-31` asked for dates nobody types. Every app's FilterSet derives
from `FilterSet` below, which bounds its filters when the class is made:

- a number filter on an integer column (an id, a foreign key, a count) takes whole
  numbers within the column's range on this database;
- any other number filter takes numbers within a 64-bit integer;
- a date filter takes dates within the years the services accept (`core.dates`);
- a yes/no filter offers "All", "Yes", "No" (django-filter's own reads "Unknown" and puts
  `is_active=unknown` in the URL); "All" sends nothing;
- a choice filter's select, radio buttons or checkboxes are `core.widgets`' twins of
  Django's, which write the same HTML without a template per option (250 countries);
  a reference list (countries, départements…) is offered as its cached pairs, not
  normalised again pair by pair on each use (`ReferenceChoices`).

An invalid value is an error of the filter's form: the page shows it beside the filter
(and lists nothing), the API answers 400 naming the parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connection, models
from django.db.models import Lookup
from django.db.models.constants import LOOKUP_SEP
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_filters.utils import get_model_field

from maillage.core.dates import EARLIEST, LATEST, validate_in_range
from maillage.core.reference import REFERENCE_CHOICES
from maillage.core.widgets import Select, fast_widget

INT64 = (-(2**63), 2**63 - 1)


class YesNoSelect(Select):
    """ "All" (empty: no filter), "Yes", "No"; the values the API takes too (true/false)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, choices=(("", _("All")), ("true", _("Yes")), ("false", _("No"))))

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]  # a select's value is the list of its chosen options, as Django's ChoiceWidget returns
        value = {True: "true", False: "false", "True": "true", "False": "false"}.get(value, value)
        return [str(value)] if value in ("true", "false") else [""]


class ReferenceChoices(BaseChoiceIterator):
    """The choices of a reference list function (`core.reference`: already (code, label)
    pairs of text, cached per language) as they are: Django normalises each of the 250
    pairs of a callable's list every time a filter's field or widget walks it, three
    times a page. Still callable, so the API schema lists no enum, as for the function."""

    def __init__(self, func: Callable[[], list[tuple[str, str]]]) -> None:
        self.func = func

    def __call__(self) -> list[tuple[str, str]]:
        return self.func()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        yield from self.func()


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose number and date filters refuse out-of-range values."""

    @classmethod
    def get_filters(cls) -> dict[str, Any]:
        filters = super().get_filters()
        model = cls._meta.model
        for flt in filters.values():
            bound(flt, model)
        return filters


def bound(flt: django_filters.Filter, model: type[models.Model] | None) -> None:
    """Give `flt` the limits of what it filters (see the module's docstring)."""
    if isinstance(flt, django_filters.NumberFilter) and flt.field_class is forms.DecimalField:
        column = _integer_column(model, flt.field_name)
        if column is not None:
            flt.field_class = forms.IntegerField
            low, high = connection.ops.integer_field_range(column.get_internal_type())
        else:
            low, high = INT64
        flt.extra.setdefault("min_value", INT64[0] if low is None else low)
        flt.extra.setdefault("max_value", INT64[1] if high is None else high)
    elif isinstance(flt, django_filters.BooleanFilter) and "widget" not in flt.extra:
        flt.extra["widget"] = YesNoSelect()
    elif isinstance(flt, django_filters.DateFilter | django_filters.DateTimeFilter):
        flt.extra["validators"] = [*flt.extra.get("validators", ()), validate_in_range]
        widget = flt.extra.get("widget")
        if widget is not None and getattr(widget, "input_type", "") == "date":
            widget.attrs.setdefault("min", EARLIEST.isoformat())
            widget.attrs.setdefault("max", LATEST.isoformat())
    else:
        if flt.extra.get("choices") in REFERENCE_CHOICES:
            flt.extra["choices"] = ReferenceChoices(flt.extra["choices"])
        widget = flt.extra.get("widget", getattr(flt.field_class, "widget", None))
        fast = fast_widget(widget)
        if fast is not widget:
            flt.extra["widget"] = fast
    if (
        isinstance(flt, django_filters.MultipleChoiceFilter)
        and flt.distinct
        and _single_valued(model, flt.field_name)
    ):
        # django-filter makes every multiple choice DISTINCT, for the paths that cross a
        # to-many relation: on a column of the row itself no row can repeat, and DISTINCT
        # over the list's wide rows made SQLite sort all of them (indicator values
        # `?status=`: 7.3 s at national scale).
        flt.distinct = False
    flt.__dict__.pop("_field", None)  # built again with the limits


def _single_valued(model: type[models.Model] | None, path: str | None) -> bool:
    """Whether `path` reaches one value per row of `model` (no to-many relation on it)."""
    if model is None or not path:
        return False
    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return False
        if not field.is_relation:
            return True
        model = field.related_model  # type: ignore[assignment]  # a relation has one
        if model is None:
            return False
    return True


def _integer_column(model: type[models.Model] | None, path: str | None) -> models.Field | None:
    """The integer column `path` ends on (a foreign key's: the key it points to)."""
    if model is None or not path:
        return None
    field = get_model_field(model, path)
    if field is None:
        return None
    if field.is_relation and getattr(field, "target_field", None) is not None:
        field = field.target_field
    if isinstance(field, models.IntegerField | models.AutoField):
        return field
    return None


def through_related(queryset: models.QuerySet, field: str, related: models.QuerySet) -> Any:
    """`queryset`'s rows whose foreign key `field` ("budget_line_id") is among the ids of
    `related` (the lines of a category), for a list read a page at a time in its own
    order. SQLite, given the ids as keys of the foreign key's index, read every matching
    row and sorted them for each page (indicator values by period dates, expenses by
    line category: 25 ms of a 0.1 ms page at small scale); `+ 0` is a test no index
    answers, so it reads the list in its order and looks each row's key up among the
    ids. PostgreSQL weighs the page's limit itself, and counts from the index."""
    ids = related.order_by().values("pk")
    if connection.vendor != "sqlite":
        return queryset.filter(**{f"{field}__in": ids})
    return queryset.alias(_through=Unindexed(field)).filter(_through__in=ids)


class Unindexed(models.Func):
    """`column + 0`: the column's value, which no index answers (`through_related`). Only a
    page needs it: a count asks the column itself (`core.pagination.DeepPaginator.count`),
    so that it reads the column's index alone: the officer's expenses of a cost category,
    SQLite, national scale, 1,000,000 rows read for a count of 125,000."""

    template = "(%(expressions)s + 0)"
    arity = 1


class InArray(Lookup):
    """`column = ANY(ARRAY(subquery))` (PostgreSQL): the subquery's values read first, then
    the rows they name, whatever the planner estimates of them (`among`)."""

    lookup_name = "in_array"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


def among(queryset: models.QuerySet, values: models.QuerySet, field: str = "pk") -> Any:
    """`queryset`'s rows whose `field` (the primary key by default) is among `values`
    (one column: the expenses charged to a grant), read from those values first. For a
    filter whose rows are a bounded set (a grant's expenses) but gathered in time, which
    the list's date order does not find early: PostgreSQL, estimating a partner's
    expenses of a grant at a tenth of their number, walked the list's date index through
    335,000 expenses to find 25 (`?grant=` as the partner, national scale: 265 ms; from
    the grant's 30,379 charges, 45 ms). Elsewhere `field__in`: SQLite reads such a
    subquery first of itself."""
    if connection.vendor == "postgresql":
        return queryset.filter(InArray(models.F(field), values.order_by()))
    return queryset.filter(**{f"{field}__in": values})


class IdsIn(Lookup):
    """`column` among a list of whole numbers read before (`ids_in`): on PostgreSQL
    `column = ANY(%s)`, the list sent as one array; elsewhere `column IN (1, 2, 3)`, the
    numbers written into the statement (whole numbers, made so by `int`). No list: no
    row, and every row once negated, as `__in=[]`."""

    lookup_name = "ids_in"
    prepare_rhs = False  # a list of ints, not a value of the column

    def _numbers(self) -> list[int]:
        if not self.rhs:
            raise EmptyResultSet
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        numbers = ", ".join(map(str, self._numbers()))
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({numbers})", list(lhs_params)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        numbers = self._numbers()
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, numbers]


def among_ids(queryset: models.QuerySet, field: str, ids: list[int]) -> Any:
    """`queryset`'s rows whose `field` ("indicator__project_id") is one of `ids`, a list
    read before (an officer's 2,500 projects, `my_project_ids`). As `IN (%s, %s…)` each
    id was prepared by the field, placed by Django and found again in the SQL by the
    driver (~4 ms a query for 2,500 ids, and the home page has two): `IdsIn` sends one
    array to PostgreSQL and writes the numbers for SQLite. The databases plan both as
    they did `IN`."""
    return queryset.filter(ids_in(field, ids))


def ids_in(field: str, ids: list[int]) -> Lookup:
    """The condition of `among_ids`, to combine with others (`Q(…) | ids_in(…)`). Not for
    `exclude` on a column that may be null: a lookup given as an expression is negated
    as it is, without Django's `IS NOT NULL` (as `~Q(field__in=…)` has)."""
    return IdsIn(models.F(field), ids)
