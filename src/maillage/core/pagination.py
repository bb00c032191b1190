"""Pages read in the database at a cost that does not grow with their depth.

`OFFSET n` makes the database produce, then drop, the n rows before the page, with every
join of the list's query (the project, the line, the payee… of each expense): at a
million expenses the list's page 40,000 took 15–19 s of CPU on SQLite. `DeepPaginator`
reads a page in two ways the plain `Paginator` does not:

- **from the nearer end**: a page past the middle is read in the reverse order, from the
  end (the last page is as cheap as the first);
- **ids first**: a page more than `DIRECT_ROWS` rows from either end reads its ids alone
  (`values_list("pk")`, which an index of the sort serves without touching the table
  nor the joins), then its rows by those ids, in the list's order. A list that joins
  other tables (`select_related`) reads its ids first on every page: otherwise the
  database may join every row of the list before keeping a page of them. A partner's
  expense list at national scale joined all 117,218 of its expenses to their payee and
  budget line to keep 25 (PostgreSQL: 1.4 s; its ids alone from an index, 87 ms).

A searched list (a list's `?q=`, the API's `?search=`) counts its rows up to
`SEARCH_COUNT_CAP` and pages through that many, in its own order: past it, the page
says "more than 1,000" (`capped`), as the global search does (`core.search.COUNT_CAP`).
Its exact count read every match: 121,682 expenses hold "martin" at national scale,
and counting them was most of the list's 200–320 ms (PostgreSQL: a hash join of the
matches with the million expenses' ids; SQLite: the FTS matches listed, then looked up
one by one). Stopped at the cap, the count reads about as many matches as it counts
(`core.search.count_matching`). Nobody reads a thousand rows of a search: they narrow
it, or export it (an export reads every row).

The ordering is made total (the primary key is appended when it is not the last key) so
that reading backwards is the exact mirror of reading forwards: pages neither repeat nor
skip a row, whichever way they were read. Pages near the start are the plain lazy slice,
as before. Every HTML list (`core.crud`) and every API list (`core.api_settings`) pages
through it.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.expressions import Col
from django.db.models.sql.query import Query
from django.db.models.sql.where import AND, WhereNode
from django.utils.functional import cached_property

# A page closer than this to the end it is read from is read in one query: skipping a
# few hundred rows costs less than a second query.
DIRECT_ROWS = 500

# A searched list's rows counted and paged up to this many (see above): the global
# search's cap (`core.search.COUNT_CAP`, a test keeps them equal).
SEARCH_COUNT_CAP = 1_000


class DeepPaginator(Paginator):
    _capped = False

    @cached_property
    def count(self) -> int:
        """The list's rows counted through the indexes a page does without
        (`core.filters.Unindexed`); a searched list's, up to SEARCH_COUNT_CAP."""
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().count
        if searched(rows):
            from maillage.core.search import count_matching

            found = count_matching(counted(rows), SEARCH_COUNT_CAP + 1)
            self._capped = found > SEARCH_COUNT_CAP
            return min(found, SEARCH_COUNT_CAP)
        return counted(rows).count()

    @property
    def capped(self) -> bool:
        """More rows match than `count` says: a searched list of more than
        SEARCH_COUNT_CAP rows, of which the first SEARCH_COUNT_CAP are paged."""
        self.count  # noqa: B018 (the count finds it out)
        return self._capped

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if self.capped:
            from maillage.core.search import capped_pages

            # Its end is not known: its pages are read from the start, in its order.
            rows = page_rows(capped_pages(cast(QuerySet, rows)), bottom, top, sys.maxsize)
        else:
            rows = page_rows(rows, bottom, top, self.count)
        return self._get_page(rows, number, self)  # type: ignore[attr-defined]  # Django's own


def searched(rows: QuerySet) -> bool:
    """Whether every row of `rows` must match a search (`core.search.Matches`)."""
    from maillage.core.search import search_of

    return search_of(rows) is not None


def page_rows(rows: Any, bottom: int, top: int, count: int) -> Sequence[Any] | QuerySet:
    """Rows `bottom` to `top` (excluded) of `rows`, a queryset of `count` rows."""
    if not isinstance(rows, QuerySet) or rows.query.combinator or top <= bottom:
        return rows[bottom:top]
    rows = totally_ordered(rows)
    # A DISTINCT list keeps the plain slice near its ends: its ids alone, with the columns
    # of its order, could repeat.
    direct = DIRECT_ROWS if not rows.query.select_related or rows.query.distinct else -1
    from_end = count - top
    if bottom <= from_end:
        if bottom <= direct:
            return rows[bottom:top]
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        return list(by_ids(rows, ids))
    backwards = rows.reverse()
    if from_end <= direct:
        return list(backwards[from_end : count - bottom])[::-1]
    ids = list(backwards.values_list("pk", flat=True)[from_end : count - bottom])
    return list(by_ids(rows, ids))


def by_ids(rows: QuerySet, ids: list[Any]) -> QuerySet:
    """The rows of `rows` whose ids are `ids` (read from `rows`, so they met its
    conditions), in its order, without the conditions that cost a statement of their
    own: a search's matches (`core.search.Matches`) were listed again for the rows of
    every page, and so were a filter's subqueries (a grant's 30,379 charged expenses, for
    25 rows: SQLite, national scale, 80 ms). Only conditions of the top level, which every
    row must meet, on the list's own columns (not a joined table's, whose join would stay
    without them), are left out: the ids met them."""
    rows = rows.filter(pk__in=ids)
    where = rows.query.where
    if where.connector == AND and not where.negated:
        base = rows.query.base_table
        where.children = [child for child in where.children if not _met_by_ids(child, base)]
    return rows


def _met_by_ids(condition: Any, base: str | None) -> bool:
    """Whether a top-level condition may be left out once the ids met it: a search's
    matches, or a subquery tested against the list's own columns."""
    from maillage.core.search import Matches, WalkedMatches

    rhs = getattr(condition, "rhs", None)
    if isinstance(rhs, Matches) or isinstance(getattr(condition, "lhs", None), WalkedMatches):
        return True
    if isinstance(condition, WhereNode) or not isinstance(rhs, Query):
        return False
    columns = list(_columns(condition.lhs))
    return bool(columns) and all(col.alias == base for col in columns)


def _columns(expression: Any) -> Any:
    if isinstance(expression, Col):
        yield expression
        return
    for source in expression.get_source_expressions():
        if source is not None:
            yield from _columns(source)


def counted(rows: QuerySet) -> QuerySet:
    """`rows` as a count reads them: a condition on `Unindexed(column)` asks the column
    itself, whose index a count may read alone."""
    from maillage.core.filters import Unindexed

    where = rows.query.where
    if where.connector != AND or where.negated:
        return rows
    changed: list[Any] = []
    unindexed = False
    for child in where.children:
        lhs = getattr(child, "lhs", None)
        if isinstance(lhs, Unindexed):
            asked: Any = copy.copy(child)
            asked.lhs = lhs.get_source_expressions()[0]
            child, unindexed = asked, True
        changed.append(child)
    if not unindexed:
        return rows
    rows = rows.all()
    rows.query.where.children = changed
    return rows


def totally_ordered(rows: QuerySet) -> QuerySet:
    """`rows` in its own order, ties broken by the primary key."""
    query = rows.query
    ordering = list(query.order_by) or (
        list(query.get_meta().ordering or ()) if query.default_ordering else []
    )
    if not ordering:
        return rows.order_by("pk")
    last = ordering[-1]
    pk = query.get_meta().pk
    assert pk is not None
    if isinstance(last, str) and last.lstrip("-") in {"pk", pk.name, pk.attname}:
        return rows
    return rows.order_by(*ordering, "pk")
