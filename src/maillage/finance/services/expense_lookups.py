"""What the rules of an expense read from the database, read once for many expenses.

One expense checked alone reads its project's visibility, its line's project and
splits, the splits' grants and their donors, and each of its foreign keys: a dozen
queries, nothing for a page or an API call, but over an hour for an import of 100,000
rows (checked at the preview, then again when written). `ExpenseService.reading_once()`
gives the service a memo of these answers: each distinct question is asked once, with
the same query and the same verdict as for one expense. The importer keeps one for its
preview; every batch `create_many` writes starts a new one, so the rows are checked
against the database as it is when they are written.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from maillage.finance.models import BudgetLine, BudgetLineFunding
from maillage.funding.models import Grant
from maillage.projects.models import Project

# Foreign keys whose check (`ForeignKey.validate`: the record exists) is made once per
# value. None of them is named by a constraint of Expense: leaving one out of
# `full_clean` leaves no constraint unchecked.
CHECKED_ONCE = ("project", "budget_line", "payee", "entered_by")


class ExpenseLookups:
    """Answers of the database for the rules of many expenses, by question."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every answer: the next questions read the database again."""
        self._visible: dict[tuple[Any, int], bool] = {}
        self._in_project: dict[tuple[int, int], bool] = {}
        self._projects: dict[int, int | None] = {}  # line → its budget's project
        self._splits: dict[int, tuple[Decimal, list[BudgetLineFunding]] | None] = {}
        self._grants: dict[frozenset[int], list[Grant]] = {}
        self._grant_donors: dict[int, Any] = {}
        self._relations: dict[tuple[str, Any], bool] = {}
        self._numbers: dict[int, int] = {}

    def read_lines(self, line_ids: Iterable[int]) -> None:
        """The answers about these lines (their project, their splits), two queries for
        all of them rather than two each."""
        ids = set(line_ids) - {None} - set(self._splits)
        if not ids:
            return
        projects = dict(
            BudgetLine.all_objects.filter(pk__in=ids).values_list(
                "pk", "budget_version__budget__project_id"
            )
        )
        self._projects.update({line_id: projects.get(line_id) for line_id in ids})
        live = dict(BudgetLine.objects.filter(pk__in=ids).values_list("pk", "amount"))
        splits: dict[int, list[BudgetLineFunding]] = {line_id: [] for line_id in live}
        found = BudgetLineFunding.objects.filter(line__in=live).select_related("donor", "grant")
        for split in found.order_by("pk"):
            splits[split.line_id].append(split)
        for line_id in ids:
            line = (live[line_id], splits[line_id]) if line_id in live else None
            self._splits[line_id] = line

    def project_visible(self, user: Any, project_id: int) -> bool:
        key = (user.pk, project_id)
        if key not in self._visible:
            visible = Project.objects.visible_to(user).filter(pk=project_id).exists()
            self._visible[key] = visible
        return self._visible[key]

    def line_in_project(self, line_id: int, project_id: int) -> bool:
        if line_id in self._projects:  # read with its batch (`read_lines`)
            return self._projects[line_id] == project_id
        key = (line_id, project_id)
        if key not in self._in_project:
            self._in_project[key] = BudgetLine.all_objects.filter(
                pk=line_id, budget_version__budget__project_id=project_id
            ).exists()
        return self._in_project[key]

    def line_splits(self, line_id: int) -> tuple[Decimal, list[BudgetLineFunding]] | None:
        """The line's amount and its funders' splits (with donor and grant), None when
        the line is not live."""
        if line_id not in self._splits:
            line = BudgetLine.objects.filter(pk=line_id).first()
            self._splits[line_id] = (
                None
                if line is None
                else (
                    line.amount,
                    list(line.splits.select_related("donor", "grant").order_by("pk")),
                )
            )
        return self._splits[line_id]

    def grants(self, ids: Iterable[int]) -> list[Grant]:
        key = frozenset(ids)
        if key not in self._grants:
            found = Grant.all_objects.filter(pk__in=key).select_related("application")
            self._grants[key] = list(found)
        return self._grants[key]

    def grant_donor_id(self, grant: Grant) -> Any:
        if grant.pk not in self._grant_donors:
            self._grant_donors[grant.pk] = (
                Grant.all_objects.filter(pk=grant.pk)
                .values_list("application__call__instrument__donor", flat=True)
                .first()
            )
        return self._grant_donors[grant.pk]

    def next_number(self, year: int, count: Any) -> int:
        """`count(year)` (the next free reference number) asked once per year."""
        if year not in self._numbers:
            self._numbers[year] = count(year)
        return self._numbers[year]

    def checked_relations(self, obj: models.Model) -> set[str]:
        """The foreign keys of `CHECKED_ONCE` set on `obj` whose value passed Django's own
        check (`Field.clean`: it exists, within the field's limits); `full_clean` need
        not ask again. A value refused is left to `full_clean`, which says why."""
        names = set()
        for name in CHECKED_ONCE:
            field: Any = obj._meta.get_field(name)
            value = getattr(obj, field.attname)
            if value is None:
                continue
            key = (name, value)
            if key not in self._relations:
                try:
                    field.clean(value, obj)
                except ValidationError:
                    self._relations[key] = False
                else:
                    self._relations[key] = True
            if self._relations[key]:
                names.add(name)
        return names
