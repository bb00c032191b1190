"""Search everything: one interface, the database's own full-text engine behind it.

    groups = search(user, "verhaeghe")            # every kind, grouped and ranked
    groups = search(user, "cp-2024", kinds=["partnerships.agreement"], limit=50)
    Organisation.objects.visible_to(user).search("oujda")   # a list's ?q= and the API's ?search=

What is searched is the index (`SearchEntry`, one row per live record of every
`SearchableModel`): its title (the record's name) and its text (the model's
SEARCH_FIELDS and the longer texts its `SearchProvider` names). Both are stored as
normalised words — lower case, accents and punctuation gone — so that the two engines
see the same tokens:

- SQLite: an FTS5 table over the index (`tokenize='unicode61 remove_diacritics 2'`);
- PostgreSQL: a generated `tsvector` column with a GIN index, built with the
  `maillage_search` configuration (unaccent, then the simple dictionary: no stemming,
  as on SQLite).

Every word of the query must match, each as a prefix (type-ahead: "verhae" finds
"Verhaeghe"). User input never reaches the engines' query syntax: the query is cut into
the same words as the text, each quoted. Matches are ranked alike on both databases, by
their title (`title_rank`, TITLE_RANK in SQL): records whose name holds more of the
words first, the shorter name first among those, then the newest.

Common words are answered in bounded time: each kind reads at most COUNT_CAP + 1 of its
matches (1,001), newest first (the index's order on SQLite; on PostgreSQL the records'
order, each kind's matches read as `PostgresEngine.mode` chooses), the candidates. They
are counted — a kind with more says "more than 1,000" (`Group.capped`) — and only they
are ranked, so a common word's page is the best of its kind's newest 1,000 matches, and
its pages stop at the 1,000th; a kind with fewer matches is ranked whole. More words
narrow it down.
A user who sees a small part of the records (a partner) gets the matches among that
part, up to the cap, ranked the same way.

Access is not the index's business: every match is checked against the kind's
`SearchProvider.queryset(user)` (its `visible_to`) in the same SQL query, so counts and
results only ever hold records the user may open.

The index is written by `SearchableModel.save` (services, the trash and restores go
through it), `bulk_save` and the import writer (bulk writes), a delete signal (purges),
and rebuilt by `maillage search_index --rebuild`: `maillage.core.search_indexing`, whose
names this module carries for its callers.
"""

from __future__ import annotations

import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, models
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.sql.where import AND

from maillage.core import hooks
from maillage.core.search_indexing import (  # the index's writing, here for its callers
    FTS_TABLE,
    index,
    index_new,
    kind_id,
    kind_ids,
    kind_indexes,
    large_kinds,
    on_delete,
    optimize,
    rebuild,
    rest_condition,
    searchable_models,
    unindex,
    words,
)

__all__ = [
    "COUNT_CAP",
    "Group",
    "index",
    "index_new",
    "kind_id",
    "kind_ids",
    "kind_indexes",
    "kinds",
    "matching",
    "on_delete",
    "optimize",
    "query_words",
    "rebuild",
    "search",
    "searchable_models",
    "unindex",
    "words",
]

MAX_WORDS = 10  # words of a query
COUNT_CAP = 1000  # counted and ranked matches of a kind ("more than 1,000"): see above
PG_CONFIG = "maillage_search"

# The matching records of one kind, for `pk__in` (the user's words are a parameter).
SQLITE_IDS = (
    "SELECT e.object_id FROM core_searchentry_fts JOIN core_searchentry e"
    " ON e.id = core_searchentry_fts.rowid WHERE core_searchentry_fts MATCH %s"
)
# The entries holding the words, by their ids alone (the FTS table's own rowids).
SQLITE_ROWIDS = "SELECT rowid FROM core_searchentry_fts WHERE core_searchentry_fts MATCH %s"
# How many matches are rows of a list (`rows`: the list's statement for one record, the
# match's), up to a cap: read from the index's matches, in its order (CROSS JOIN).
SQLITE_COUNT = (
    "SELECT COUNT(DISTINCT object_id) FROM (SELECT e.object_id FROM core_searchentry_fts"
    " CROSS JOIN core_searchentry e"
    " ON e.id = core_searchentry_fts.rowid WHERE core_searchentry_fts MATCH %s"
    " AND EXISTS ({rows}) LIMIT {cap})"
)
# The matches among the rows a user sees (`visible` is the SQL of their queryset).
SQLITE_AMONG = (
    "SELECT e.object_id, e.id, e.title FROM core_searchentry_fts CROSS JOIN core_searchentry e"
    " ON e.id = core_searchentry_fts.rowid"
    " WHERE core_searchentry_fts MATCH %s AND e.object_id IN ({visible})"
)
# The words of the index a prefix stands for (a vocabulary of the FTS table, per
# connection), at most a few.
SQLITE_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.core_searchentry_words"
    " USING fts5vocab(main, core_searchentry_fts, row)"
)
SQLITE_WORDS = (
    "SELECT {number}, term FROM (SELECT term FROM temp.core_searchentry_words"
    " WHERE term >= %s AND term < %s LIMIT %s)"
)
PREFIX_INDEXED = 3  # the prefix='2 3' of the FTS table
MAX_PREFIX_WORDS = 20
# PostgreSQL: how many of the newest entries of a kind with an index of its own hold the
# words.
POSTGRES_SAMPLE = (
    "SELECT {ct}, COUNT(*) FROM (SELECT s.document FROM core_searchentry s"
    " WHERE s.content_type_id = {ct} ORDER BY s.object_id DESC LIMIT {size}) n"
    " WHERE n.document @@ to_tsquery('maillage_search', %s)"
)
SAMPLE = 1000  # newest entries of a large kind looked at to choose how its matches are read
WALK_MAX = 50_000  # most entries of a kind walked newest first for its newest matches
# PostgreSQL, a user who sees a part (`PostgresEngine.plan_among`): a kind's matches are
# read from the user's rows one by one when stepping through all of them costs less than
# reading the kind's matches whole, a step costing STEP_COST matches (measured: ~2 µs a
# step, 0.6–4 µs a match), and the kind has STEP_MIN_MATCHES.
STEP_COST = 3
STEP_MIN_MATCHES = 2_000
# PostgreSQL: the matches of the kinds without an index of their own, read once by a
# statement that asks about every kind.
POSTGRES_REST = (
    "WITH search_rest AS MATERIALIZED (SELECT id, content_type_id, object_id, project_id,"
    " title FROM core_searchentry WHERE document @@ to_tsquery('maillage_search', %s){where}) "
)
# A match's rank, from its title (`{title}`) alone, higher is better: a thousand for each
# word of the query that begins a word of the title, less the title's length (a short
# name holding the words is the closer match); a match in the text only, 0.
TITLE_HAS = "(CASE WHEN (' ' || {title}) LIKE %s THEN 1 ELSE 0 END)"
TITLE_RANK = (
    "(CASE WHEN {hits} = 0 THEN 0"
    " ELSE {hits} * 1000 - (CASE WHEN length({title}) > 999 THEN 999 ELSE length({title}) END)"
    " END)"
)
POSTGRES_IDS = (
    "SELECT e.object_id FROM core_searchentry e WHERE e.content_type_id {kinds}"
    " AND e.document @@ to_tsquery('maillage_search', %s)"
)


class WalkedMatches(Exists):
    """A search's matches tested row by row (`Engine.capped_pages`): a condition each row of
    a list meets, read by its ids like `Matches` (core.pagination)."""


class Matches(RawSQL):
    """The ids of a kind's records matching a search's words (a list's `?q=`, the API's
    `?search=`), a subquery for `pk__in`. A page read ids first (core.pagination) leaves it
    out of the statement that then reads the page's rows by their ids: those ids matched
    already, and SQLite listed every match again (a third of `/api/tasks?search=` at
    national scale)."""


# -- words ---------------------------------------------------------------------------


def query_words(query: str) -> list[str]:
    """The words of a query: single letters are dropped when longer words remain (each
    word is a prefix: "l" would match half the index)."""
    found = words((query or "")[:500])
    longer = [w for w in found if len(w) > 1 or w.isdigit()]
    return (longer or found)[:MAX_WORDS]


def prefix(term: str) -> str:
    """ "*" when the word is matched as a prefix: every word but a single character (a
    one-letter prefix would match most of the index, at the cost of reading it all)."""
    return "*" if len(term) > 1 else ""


def title_rank(title: str, terms: Sequence[str]) -> int:
    """A match's rank from its title, as TITLE_RANK works it out in SQL (a partner's
    matches are sorted here): a thousand for each word of the query that begins a word
    of the title, less the title's length; 0 when the words are in the text only."""
    padded = " " + title
    hits = sum(f" {term}" in padded for term in terms)
    return hits * 1000 - min(len(title), 999) if hits else 0


def title_rank_sql(terms: Sequence[str], title: str) -> tuple[str, list[str]]:
    """SQL of TITLE_RANK for the column `title`, and its parameters (the query's words)."""
    hits = "(" + " + ".join(TITLE_HAS.format(title=title) for _ in terms) + ")"
    patterns = [f"% {term}%" for term in terms]
    return TITLE_RANK.format(hits=hits, title=title), patterns * 2


# -- the two engines -------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record a search asks about: a provider's rows the user may open."""

    key: str
    label: Any
    ct_id: int
    visible: Any  # the provider's queryset(user)


class Engine(ABC):
    """Finds index rows (a SearchEntry queryset) of one kind by query words, and puts the
    questions a search asks of every kind into one SQL statement each (`_union`): which
    kinds hold a match at all, how many matches each kind has that the user may open (up
    to the cap), and the page of each."""

    @abstractmethod
    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        """The entries of kind `ct_id` holding every word."""

    @abstractmethod
    def object_ids(self, ct_ids: Sequence[int], terms: Sequence[str]) -> Any:
        """The matching records of a model's kinds, as a subquery for `pk__in` (a
        queryset with `extra` cannot be one: the subquery renames its table)."""

    def count_matching(
        self, rows: models.QuerySet, others: models.QuerySet, found: Matches, cap: int
    ) -> int:
        """How many rows `rows`, a searched list (`others`: the same without its search
        `found`), holds, counted up to `cap` (a searched list's count:
        `core.pagination`). By default the list's own statement, stopped at the cap."""
        return rows.order_by()[:cap].count()

    def capped_pages(
        self, rows: models.QuerySet, others: models.QuerySet, found: Matches
    ) -> models.QuerySet:
        """`rows`, a list searched for more matches than it counts (`others`: the same
        without its search `found`), as its pages read it. By default as it is."""
        return rows

    def prologue(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        """What a search's statement starts with (PostgreSQL: a WITH of the matches its
        kinds share). Nothing by default."""
        return "", []

    def present(
        self, ct_ids: Sequence[int], terms: Sequence[str], project_id: int | None
    ) -> set[int]:
        """The kinds among `ct_ids` with a match, whoever may open it: the kinds left out
        cost nothing more (a word found nowhere ends here). By default, all of them."""
        return set(ct_ids)

    def kind_matches(
        self, kind: Kind, terms: Sequence[str], project_id: int | None
    ) -> models.QuerySet:
        """The kind's entries holding every word (of one project's records, if given),
        whoever may open them."""
        entries = self.match(_entries(), terms, kind.ct_id)
        if project_id is not None:
            entries = entries.filter(project_id=project_id)
        return entries

    def visible_matches(
        self, kind: Kind, terms: Sequence[str], project_id: int | None
    ) -> models.QuerySet:
        """The kind's matching entries whose record the user may open: each match checked
        against the kind's `visible_to`, in SQL (the index leads: staff see every record)."""
        return self.kind_matches(kind, terms, project_id).filter(
            Exists(kind.visible.order_by().filter(pk=OuterRef("object_id")))
        )

    RANK_ORDER = "c.rank DESC, c.id DESC"  # best first (TITLE_RANK), equals newest first

    def exact(self, terms: Sequence[str]) -> list[str] | None:
        """The words to match, as `match` takes them: a prefix may stand for the words of
        the index it matches, looked up once (the same rows). None: a word is found
        nowhere."""
        return list(terms)

    def newest(self, entries: models.QuerySet) -> Any:
        return entries.order_by("-id")

    def with_rank(self, entries: models.QuerySet, terms: Sequence[str]) -> Any:
        """`entries` with their `rank` (in their own order): TITLE_RANK, worked out from
        the title of the rows read only. The engines' own ranking read more than the
        matches: SQLite's bm25 counted, for each kind, the entries holding each word and
        the kind's own token (18 ms before a common word's first row); PostgreSQL's
        ts_rank read each candidate's whole document (86 ms for 1,001 interactions)."""
        sql, params = title_rank_sql(terms, '"core_searchentry"."title"')
        return entries.extra(select={"rank": sql}, select_params=params)  # noqa: S610 — fixed SQL; the user's words are parameters

    def candidates(
        self, kind: Kind, words: Sequence[str], terms: Sequence[str], project_id: int | None
    ) -> tuple[str, list[Any]] | None:
        """SQL of (object id, entry id, rank) of the COUNT_CAP + 1 newest of the kind's
        matches the user may open (`visible_matches` of `words`), only those ranked (by
        the query's `terms`): what a kind is counted and ranked among (all its matches
        when there are no more)."""
        entries = self.visible_matches(kind, words, project_id)
        rows = self.with_rank(self.newest(entries), terms)
        return _sql(rows.values_list("object_id", "id", "rank")[: COUNT_CAP + 1])

    def page(
        self, candidates: tuple[str, list[Any]] | None, offset: int, limit: int
    ) -> tuple[str, list[Any]] | None:
        """SQL of (object id, entry id, rank, count, place) of the page of `candidates`
        from `offset`, best first, within the first COUNT_CAP: each row with their count,
        and the best row always (it carries the count of a page past the last)."""
        if candidates is None:
            return None
        last = min(offset + limit, COUNT_CAP)
        return (
            "SELECT s.object_id, s.id, s.rank, s.total, s.place FROM (SELECT c.object_id, c.id,"  # noqa: S608 — SQL of a queryset; the user's words are parameters
            f" c.rank, COUNT(*) OVER () AS total, ROW_NUMBER() OVER (ORDER BY {self.RANK_ORDER})"
            f" AS place FROM ({candidates[0]}) c) s"
            f" WHERE s.place = 1 OR s.place BETWEEN {int(offset) + 1} AND {int(last)}",
            candidates[1],
        )

    def short(self, kind: Kind, count: int) -> bool:
        """Whether the kind's count and page must be asked again (a walk of its newest
        entries that found fewer than the cap: the older ones hold more)."""
        return False

    def rank_key(self, rank: int, entry_id: int) -> tuple[int, int]:
        """Sorts rows as RANK_ORDER does."""
        return (-rank, -entry_id)

    def plan_among(self, kinds: Sequence[Kind]) -> None:  # noqa: B027 — optional, as `prologue`
        """Whatever `among` should know of the kinds before it is asked about each (one
        statement for all of them). Nothing by default."""

    def among_short(self, kind: Kind, count: int) -> bool:
        """Whether `among`'s `count` rows of the kind say nothing of the rest (a read
        bounded before the cap was met): the kind is then asked again (`among_rejoin`)."""
        return False

    def among_rejoin(self, ct_ids: set[int]) -> None:  # noqa: B027 — optional, as `prologue`
        """`among` reads these kinds whole from now on. Nothing by default."""

    def among(
        self, kind: Kind, terms: Sequence[str], project_id: int | None, cap: int
    ) -> tuple[str, list[Any]] | None:
        """SQL of (object id, entry id, title) of the matches among the kind's visible
        rows, at most `cap`: for a user who sees a small part of the records (a partner),
        found from that part rather than checked match by match. None: nothing visible."""
        entries = self.kind_matches(kind, terms, project_id).filter(
            object_id__in=kind.visible.order_by().values("pk")
        )
        return _sql(entries.order_by("-id").values_list("object_id", "id", "title")[:cap])

    def among_order(self, row: tuple[int, int, str]) -> Any:
        """The key that sorts `among`'s rows newest first."""
        return row[1]


class SqliteEngine(Engine):
    @staticmethod
    def expression(terms: Sequence[str], ct_ids: Sequence[int] = ()) -> str:
        # The kind is a word of its own column, found inside the index; the user's words
        # are quoted (never an operator), each a prefix, all required, in title or text;
        # a prefix already looked up (`exact`) is the words it stands for.
        words = " AND ".join(
            f"({' OR '.join(f'{chr(34)}{w}{chr(34)}' for w in term.split())})"
            if " " in term
            else f'"{term}"' + prefix(term)
            for term in terms
        )
        if not ct_ids:
            return f"{{title text}}: ({words})"
        kinds = " OR ".join(f"k{int(ct_id)}" for ct_id in ct_ids)
        return f"kind:({kinds}) AND {{title text}}: ({words})"

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        return entries.extra(  # noqa: S610 — fixed SQL; the user's words are a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = core_searchentry.id", f"{FTS_TABLE} MATCH %s"],
            params=[self.expression(terms, [ct_id])],
        )

    def exact(self, terms: Sequence[str]) -> list[str] | None:
        # FTS5 reads every word a prefix stands for and merges their rows before it
        # answers, for each kind: the words are looked up once in the index's vocabulary
        # (a prefix of up to 3 letters has an index of its own: left as it is).
        longer = [n for n, term in enumerate(terms) if len(term) > PREFIX_INDEXED]
        if not longer:
            return list(terms)
        arms = " UNION ALL ".join(SQLITE_WORDS.format(number=n) for n in longer)
        params: list[Any] = []
        for n in longer:
            params += [terms[n], terms[n] + "\U0010ffff", MAX_PREFIX_WORDS + 1]
        found: dict[int, list[str]] = {n: [] for n in longer}
        with connection.cursor() as cursor:
            # A temporary table of the connection; asked each time (a transaction rolled
            # back takes it away).
            cursor.execute(SQLITE_VOCABULARY)
            cursor.execute(arms, params)
            for n, word in cursor.fetchall():
                found[n].append(word)
        if not all(found.values()):  # a word found nowhere: nothing matches every word
            return None
        exact = list(terms)
        for n, stands_for in found.items():
            if len(stands_for) <= MAX_PREFIX_WORDS:
                exact[n] = " ".join(stands_for) + " "  # a space: words, not a prefix
        return exact

    def newest(self, entries: models.QuerySet) -> Any:
        # In the index's own order: the scan stops after the page.
        return entries.extra(order_by=[f"-{FTS_TABLE}.rowid"])

    def object_ids(self, ct_ids: Sequence[int], terms: Sequence[str]) -> Any:
        return Matches(SQLITE_IDS, [self.expression(terms, ct_ids)])

    def count_matching(
        self, rows: models.QuerySet, others: models.QuerySet, found: Matches, cap: int
    ) -> int:
        # From the index's matches, each checked against the list's rows, until the cap:
        # `id IN (matches)` reads every match first (a list SQLite builds, then reads
        # the rows of): 121,682 expenses hold "martin" at national scale, 90 ms before
        # the first row is counted; this reads ~1,000 for the officer (6 ms).
        probe = others.filter(pk=RawSQL("e.object_id", ())).order_by().values("pk")
        try:
            sql, params = probe.query.get_compiler(using=rows.db).as_sql()
        except EmptyResultSet:
            return 0
        statement = SQLITE_COUNT.format(rows=sql, cap=int(cap))
        with connections[rows.db].cursor() as cursor:
            cursor.execute(statement, [*found.params, *params])
            return int(cursor.fetchone()[0])

    def capped_pages(
        self, rows: models.QuerySet, others: models.QuerySet, found: Matches
    ) -> models.QuerySet:
        # `id IN (matches)` lists every match, then reads and sorts them all for a page:
        # ~210 ms for the expenses holding "martin" (121,682 of them). A list of more
        # matches than its count's cap finds a page's rows sooner from its own indexes:
        # - the index of its sort walked, each row tested against the index's matches
        #   (their entries' ids, listed once without reading the entries: 25 ms), when an
        #   index gives the list's order (the officer's expenses by date: 37 ms);
        # - else its rows read from the index of its other conditions and tested against
        #   the list of matches (a partner's expenses, by their projects: ~100 ms);
        # - else, a list with neither, as it was: testing every row of the table costs
        #   more than reading the matches.
        entries = _entries().filter(
            content_type_id__in=kind_ids(rows.model),
            object_id=OuterRef("pk"),
            id__in=RawSQL(SQLITE_ROWIDS, found.params),  # noqa: S611 — fixed SQL, words a parameter
        )
        walking = others.filter(WalkedMatches(entries))
        if "TEMP B-TREE FOR ORDER BY" not in _plan(walking):
            return walking
        from maillage.core.filters import Unindexed

        filtering = others.alias(matched=Unindexed("pk")).filter(matched__in=found)
        table = re.escape(rows.model._meta.db_table)
        if re.search(rf"SCAN {table}$", _plan(filtering), re.MULTILINE):
            return rows
        return filtering

    def among(
        self, kind: Kind, terms: Sequence[str], project_id: int | None, cap: int
    ) -> tuple[str, list[Any]] | None:
        # CROSS JOIN keeps this order: the index's matches first (the query is evaluated
        # once), each checked against the visible rows, gathered once. The other way
        # round evaluates the query again for every visible row: seconds for a short prefix.
        visible = _sql(kind.visible.order_by().values("pk"))
        if visible is None:  # visible_to gave none()
            return None
        query = SQLITE_AMONG.format(visible=visible[0])
        args: list[Any] = [self.expression(terms, [kind.ct_id]), *visible[1]]
        if project_id is not None:
            query += " AND e.project_id = %s"
            args.append(project_id)
        # No ORDER BY (it could change the plan); the few rows are sorted by the caller.
        return f"{query} LIMIT {int(cap)}", args

    def among_order(self, row: tuple[int, int, str]) -> Any:
        return (row[0], row[2])


def _plan(rows: models.QuerySet) -> str:
    """SQLite's plan of a page of `rows` (EXPLAIN QUERY PLAN)."""
    from maillage.core.pagination import totally_ordered

    return str(totally_ordered(rows).values("pk")[:1].explain())


class PostgresEngine(Engine):
    TSQUERY = f"to_tsquery('{PG_CONFIG}', %s)"

    @staticmethod
    def expression(terms: Sequence[str]) -> str:
        # Words are letters and digits only; quoted anyway, each a prefix, all required.
        return " & ".join(
            f"'{term}'" + (":" + prefix(term) if prefix(term) else "") for term in terms
        )

    def __init__(self) -> None:
        # What `present` learnt for the statements that follow: the kinds with an index of
        # their own and their entries, the matches among each one's newest entries, the
        # project asked about, and the kinds walked newest first (to their depth).
        self.large: dict[int, float] = {}
        self.sampled: dict[int, int] = {}
        self.project_id: int | None = None
        self.walked: dict[int, int] = {}
        self.stepped: set[int] = set()  # kinds `among` reads row by row (`plan_among`)
        self.step_limit: dict[int, int] = {}  # of those, the ones read to a bound of rows

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        # The search's own statements are written whole below (`source`, `among`).
        return entries.filter(content_type_id=ct_id).extra(  # noqa: S610 — fixed SQL; the user's words are a parameter
            where=[f"core_searchentry.document @@ {self.TSQUERY}"],
            params=[self.expression(terms)],
        )

    def present(
        self, ct_ids: Sequence[int], terms: Sequence[str], project_id: int | None
    ) -> set[int]:
        # For each kind with an index of its own, how many of its newest SAMPLE entries
        # hold the words: what `mode` chooses by. Which kinds hold them at all would read
        # every match (123,664 for "martin": 250 ms at national scale), and whether any
        # does could scan the table (the planner expects a prefix to be found soon): each
        # kind's own question answers that, through an index, within the statement.
        # Every large kind, asked or not: the shared matches leave them all out, as the
        # shared index does (a search of one small kind would otherwise read every
        # match of the large ones without that index).
        self.large = large_kinds()
        self.project_id = project_id
        asked = set(ct_ids)
        sampled = [] if project_id is not None else sorted(asked.intersection(self.large))
        if sampled:
            query = " UNION ALL ".join(
                POSTGRES_SAMPLE.format(ct=int(ct), size=SAMPLE) for ct in sampled
            )
            with connection.cursor() as cursor:
                cursor.execute(query, [self.expression(terms)] * len(sampled))
                self.sampled = dict(cursor.fetchall())
        return set(ct_ids)

    def mode(self, ct_id: int) -> tuple[str, int]:
        """How a kind's matches are read: "rest" (from the statement's matches of the
        kinds without an index of their own), "own" (through the kind's own index: all
        its matches) or "walk" (its newest entries, to the depth given, checked one by
        one: for a word common in a large kind, whose newest 1,001 matches lie among far
        fewer entries than all its matches)."""
        if ct_id not in self.large:
            return "rest", 0
        hits = self.sampled.get(ct_id, 0)
        if ct_id in self.walked or hits < max(SAMPLE // 100, 1):
            return "own", 0
        depth = math.ceil(1.5 * (COUNT_CAP + 1) * SAMPLE / hits)
        matches = self.large[ct_id] * hits / SAMPLE
        return ("walk", depth) if depth <= WALK_MAX and depth < matches else ("own", 0)

    def prologue(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        # Read only if a kind without an index of its own is asked about.
        where = f" AND {rest_condition(self.large)}" if self.large else ""
        params: list[Any] = [self.expression(terms)]
        if self.project_id is not None:
            where += " AND project_id = %s"
            params.append(self.project_id)
        return POSTGRES_REST.format(where=where), params

    def source(self, ct_id: int, terms: Sequence[str]) -> tuple[str, list[Any]]:
        """SQL of (id, object_id, title) of the kind's matches, in the subquery `c`
        (conditions on `c` may follow), and its parameters."""
        mode, depth = self.mode(ct_id)
        ct, project = int(ct_id), self.project_id
        if mode == "walk":
            self.walked[ct_id] = depth
            return (
                "(SELECT id, object_id, title, document, project_id FROM core_searchentry"  # noqa: S608 — numbers; the user's words are parameters
                f" WHERE content_type_id = {ct} ORDER BY object_id DESC LIMIT {depth}) c"
                f" WHERE c.document @@ {self.TSQUERY}"
                + ("" if project is None else " AND c.project_id = %s"),
                [self.expression(terms), *([] if project is None else [project])],
            )
        params: list[Any]
        if mode == "rest":
            table, params, where = "search_rest", [], ""
        else:
            table, params = "core_searchentry", [self.expression(terms)]
            where = f" AND document @@ {self.TSQUERY}"
        if project is not None:
            where += " AND project_id = %s"
            params.append(project)
        # OFFSET 0 keeps the sorted matches a subquery of their own: each is then checked
        # against what the user may open, newest first, until COUNT_CAP + 1 pass.
        return (
            f"(SELECT id, object_id, title FROM {table} WHERE content_type_id = {ct}{where}"  # noqa: S608 — numbers; the user's words are parameters
            " ORDER BY object_id DESC OFFSET 0) c WHERE TRUE",
            params,
        )

    def candidates(
        self, kind: Kind, words: Sequence[str], terms: Sequence[str], project_id: int | None
    ) -> tuple[str, list[Any]] | None:
        # The kind's matches newest first (`source`), each checked against what the user
        # may open in that order until COUNT_CAP + 1 pass. Written as one filter, the
        # planner checked every match before it kept the newest (a common word's 19,804
        # interactions: ~400 ms at national scale).
        visible = _sql(kind.visible.order_by().values("pk"))
        if visible is None:
            return None
        rank, rank_params = title_rank_sql(terms, "c.title")
        source, source_params = self.source(kind.ct_id, words)
        return (
            f"SELECT c.object_id, c.id, {rank} AS rank FROM {source}"  # noqa: S608 — SQL of querysets; the user's words are parameters
            f" AND EXISTS (SELECT 1 FROM ({visible[0]}) v (pk) WHERE v.pk = c.object_id)"
            f" ORDER BY c.object_id DESC LIMIT {COUNT_CAP + 1}",
            [*rank_params, *source_params, *visible[1]],
        )

    def short(self, kind: Kind, count: int) -> bool:
        # A walk that found fewer than the cap within its depth says nothing of the older
        # entries: the kind is asked again through its own index (rare: a walk is chosen
        # when its depth should hold half as many matches again as the cap).
        depth = self.walked.get(kind.ct_id)
        return depth is not None and count <= COUNT_CAP and depth < self.large[kind.ct_id]

    def plan_among(self, kinds: Sequence[Kind]) -> None:
        """Which large kinds `among` reads from the user's rows one by one (`stepped`)
        rather than by joining all the kind's matches. PostgreSQL cannot choose: it
        guesses a prefix's matches at a few dozen (5,105 activities held "santé
        maternelle"), so it read them all for a partner's 238 activities (23 ms against
        0.7 stepped). Here, a kind is stepped through when even stepping through all the
        user's rows costs less than reading its matches: the matches estimated from the
        sample `present` took (the kind's entries times the share of its newest that
        match), the user's rows from the planner (good from the partner's project ids;
        one EXPLAIN for every kind with enough matches to matter). Where the user's rows
        are too many, a word common in the sample is stepped through to a bound of rows
        worth the matches, and joined again when the bound comes before the cap: the
        share is everyone's, not the user's, and stepping through a partner's 117,218
        expenses for a word common elsewhere but absent from theirs took 225 ms."""
        self.stepped, self.step_limit = set(), {}
        weigh: dict[int, tuple[float, tuple[str, list[Any]]]] = {}
        for kind in kinds:
            ct = int(kind.ct_id)
            matches = self.large.get(ct, 0) * self.sampled.get(ct, 0) / SAMPLE
            if matches < STEP_MIN_MATCHES or ct in weigh:
                continue
            visible = _sql(kind.visible.order_by().values("pk"))
            if visible is not None:
                weigh[ct] = (matches, visible)
        if not weigh:
            return
        arms = [f"SELECT pk FROM ({sql}) v{n}" for n, (_m, (sql, _p)) in enumerate(weigh.values())]  # noqa: S608 — SQL of querysets
        params = [p for _m, visible in weigh.values() for p in visible[1]]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + " UNION ALL ".join(arms), params)
            plan = cursor.fetchone()[0]
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
        # One arm: its own plan; several: an Append of theirs, in order.
        arms_planned = plan.get("Plans", []) if len(weigh) > 1 else [plan]
        if len(arms_planned) != len(weigh):
            return  # a plan of another shape: every kind joined, as before
        for (ct, (matches, _visible)), arm in zip(weigh.items(), arms_planned, strict=True):
            if STEP_COST * arm["Plan Rows"] < matches:
                self.stepped.add(ct)
                continue
            # Too many rows to step through them all, but the word common enough that
            # the cap should be met within half the rows the matches are worth (as the
            # newest entries' share goes): stepped to that bound, the kind joined again
            # if the bound comes first (`among_short`). A partner's 117,218 expenses and
            # "martin": 1,001 found within ~8,300 rows (11 ms; joined, 40).
            reach = (COUNT_CAP + 1) * SAMPLE / self.sampled[ct]
            if 2 * STEP_COST * reach < matches:
                self.stepped.add(ct)
                self.step_limit[ct] = int(matches / STEP_COST)

    def among_short(self, kind: Kind, count: int) -> bool:
        return kind.ct_id in self.step_limit and count <= COUNT_CAP

    def among_rejoin(self, ct_ids: set[int]) -> None:
        self.stepped -= ct_ids
        for ct in ct_ids:
            self.step_limit.pop(ct, None)

    def among(
        self, kind: Kind, terms: Sequence[str], project_id: int | None, cap: int
    ) -> tuple[str, list[Any]] | None:
        visible = _sql(kind.visible.order_by().values("pk"))
        if visible is None:
            return None
        ct = int(kind.ct_id)
        if ct in self.stepped:
            # Each visible row's entry looked up by its key and its words checked, until
            # the cap: chosen by `plan_among` where that reads fewer rows than the matches.
            params: list[Any] = [*visible[1], self.expression(terms)]
            project = ""
            if project_id is not None:
                project = " AND e.project_id = %s"
                params.append(project_id)
            bound = self.step_limit.get(ct)
            rows = f"LIMIT {int(bound)}" if bound is not None else "OFFSET 0"
            query = (
                f"SELECT e.object_id, e.id, e.title FROM ({visible[0]} {rows}) v (pk)"  # noqa: S608 — SQL of a queryset; the user's words are parameters
                " CROSS JOIN LATERAL (SELECT id, object_id, title FROM core_searchentry e"
                f" WHERE e.content_type_id = {ct} AND e.object_id = v.pk"
                f" AND e.document @@ {self.TSQUERY}{project} OFFSET 0) e"
            )
            return f"{query} LIMIT {int(cap)}", params
        if ct in self.large:
            # From what the user sees (a subquery of its own, whose size the planner
            # knows from the partner's project ids), joined to the kind's matches: the
            # planner reads them all, which suits a word rare in the kind.
            query = (
                f"SELECT e.object_id, e.id, e.title FROM ({visible[0]} OFFSET 0) v (pk)"  # noqa: S608 — SQL of a queryset; the user's words are parameters
                f" JOIN core_searchentry e ON e.content_type_id = {ct} AND e.object_id = v.pk"
                f" WHERE e.document @@ {self.TSQUERY}"
            )
            params = [*visible[1], self.expression(terms)]
            if project_id is not None:
                query += " AND e.project_id = %s"
                params.append(project_id)
            return f"{query} LIMIT {int(cap)}", params
        query = f"SELECT object_id, id, title FROM search_rest WHERE content_type_id = {ct}"  # noqa: S608 — a number
        params = []
        if project_id is not None:
            query += " AND project_id = %s"
            params.append(project_id)
        query += f" AND object_id IN ({visible[0]}) LIMIT {int(cap)}"
        return query, [*params, *visible[1]]

    def object_ids(self, ct_ids: Sequence[int], terms: Sequence[str]) -> Any:
        # One kind named as a number: a kind's own index is used only for a condition
        # the planner can prove implies the index's.
        kinds = f"= {int(ct_ids[0])}" if len(ct_ids) == 1 else "= ANY(%s)"
        params = [] if len(ct_ids) == 1 else [list(ct_ids)]
        return Matches(POSTGRES_IDS.format(kinds=kinds), [*params, self.expression(terms)])


class LikeEngine(Engine):
    """Any other database: every word somewhere in the title or text."""

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        return self.containing(entries.filter(content_type_id=ct_id), terms)

    def object_ids(self, ct_ids: Sequence[int], terms: Sequence[str]) -> Any:
        return self.containing(_entries().filter(content_type_id__in=ct_ids), terms).values(
            "object_id"
        )

    @staticmethod
    def containing(entries: models.QuerySet, terms: Sequence[str]) -> models.QuerySet:
        for term in terms:
            entries = entries.filter(models.Q(title__contains=term) | models.Q(text__contains=term))
        return entries


def engine() -> Engine:
    vendor = connection.vendor
    if vendor == "sqlite":
        return SqliteEngine()
    if vendor == "postgresql":
        return PostgresEngine()
    return LikeEngine()


def _entries() -> models.QuerySet:
    from maillage.core.models_search import SearchEntry

    return SearchEntry.objects.all()


def _sql(queryset: Any) -> tuple[str, list[Any]] | None:
    """The SQL of a queryset; None when it can hold no row (none(), an empty slice)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)


def _union(
    found: Engine,
    terms: Sequence[str],
    arms: dict[int, tuple[str, list[Any]] | None],
    columns: str,
) -> list[tuple]:
    """The rows of every kind's query in one statement, each row led by the kind's number
    in `arms`: `columns` are read from each query (a subquery, so that its ORDER BY and
    LIMIT hold)."""
    prologue, params = found.prologue(terms)
    parts = []
    for number, arm in arms.items():
        if arm is not None:
            parts.append(f"SELECT {int(number)}, {columns} FROM ({arm[0]}) s")  # noqa: S608 — SQL of querysets; the user's words are parameters
            params += arm[1]
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(prologue + " UNION ALL ".join(parts), params)
        return cursor.fetchall()


def matching(model: type[models.Model], query: str) -> Any:
    """The ids of `model`'s records matching `query` (a subquery for `pk__in`); None when
    the query holds no word."""
    terms = query_words(query)
    if not terms:
        return None
    return engine().object_ids(kind_ids(model), terms)


def capped_pages(rows: models.QuerySet) -> models.QuerySet:
    """`rows`, a searched list of more matches than its count's cap, as its pages read it
    (`Engine.capped_pages`)."""
    others, found = _unsearched(rows)
    return engine().capped_pages(rows, others, found)


def count_matching(rows: models.QuerySet, cap: int) -> int:
    """How many rows of `rows`, a searched list (`pk__in` a `Matches`), there are, counted
    up to `cap`."""
    others, found = _unsearched(rows)
    return engine().count_matching(rows, others, found, cap)


def search_of(rows: models.QuerySet) -> Matches | None:
    """The search every row of `rows` must match (`pk__in` a `Matches` among the
    conditions all of them meet), if any."""
    where = rows.query.where
    if where.connector != AND or where.negated:
        return None
    for child in where.children:
        rhs = getattr(child, "rhs", None)
        if isinstance(rhs, Matches):
            return rhs
    return None


def _unsearched(rows: models.QuerySet) -> tuple[models.QuerySet, Matches]:
    """`rows` without its search, and the search."""
    found = search_of(rows)
    if found is None:
        raise ValueError("not a searched list")
    others = rows.all()
    others.query.where.children = [
        c for c in rows.query.where.children if getattr(c, "rhs", None) is not found
    ]
    return others, found


# -- searching -----------------------------------------------------------------------


@dataclass
class Group:
    """The records of one kind that matched, best first; `count` stops at COUNT_CAP + 1
    (`capped`: more than COUNT_CAP, of which the newest COUNT_CAP were ranked)."""

    key: str
    label: Any
    count: int = 0
    results: list[Any] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def more(self) -> bool:
        return self.count > len(self.results)


def kinds() -> list[tuple[str, Any]]:
    """(key, label) of every kind of record the search knows, in the providers' order."""
    seen: dict[str, Any] = {}
    for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
        if provider.model is not None:
            seen.setdefault(provider.model._meta.label_lower, provider.label)
    return list(seen.items())


@hooks.collecting()  # one span: what the kinds share (a partner's project ids) read once
def search(
    user: Any,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = 10,
    offset: int = 0,
    project_id: int | None = None,
) -> list[Group]:
    """What `user` may open that matches `query`: one group per kind of record (in the
    providers' order, empty kinds left out), each ranked best first, `limit` records
    from `offset`, with the number of matches.

    A constant number of queries, whatever the words and the data: which kinds hold a
    match at all (one query; a word found nowhere stops there), then one statement over
    those kinds for their counts and pages (for a partner: the matches among what they
    see), then each kind's records shown."""
    terms = query_words(query)
    if not terms:
        return []
    wanted = set(kinds) if kinds is not None else None
    found = engine()
    words = found.exact(terms)
    if words is None:  # a word found nowhere: nothing more to ask
        return []
    asked: list[Kind] = []
    for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
        visible = provider.queryset(user)
        model = provider.model or visible.model
        key = model._meta.label_lower
        if wanted is not None and key not in wanted:
            continue
        ct_id = kind_id(model)
        asked.append(Kind(key=key, label=provider.label, ct_id=ct_id, visible=visible))
    if not asked:
        return []
    present = found.present(list(dict.fromkeys(k.ct_id for k in asked)), terms, project_id)
    asked = [kind for kind in asked if kind.ct_id in present]
    if getattr(user, "is_internal", False):
        # Staff see every record (core.access): the index leads, ranked.
        pages = _ranked_pages(found, asked, terms, words, project_id, offset, limit)
    else:
        # A partner sees a small part: found from that part, title matches first.
        pages = _title_first_pages(found, asked, terms, words, project_id, offset, limit)
    groups: dict[str, Group] = {}
    for number, kind in enumerate(asked):
        count, ids = pages.get(number, (0, []))
        if not count:
            continue
        by_id = kind.visible.in_bulk(ids) if ids else {}
        group = groups.setdefault(str(kind.label), Group(key=kind.key, label=kind.label))
        group.count += count
        group.results.extend(by_id[pk] for pk in ids if pk in by_id)
    return list(groups.values())


PAGE_COLUMNS = "s.object_id, s.id, s.rank, s.total, s.place"  # of `Engine.page`


def _ranked_pages(
    found: Engine,
    asked: list[Kind],
    terms: Sequence[str],
    words: list[str],
    project_id: int | None,
    offset: int,
    limit: int,
) -> dict[int, tuple[int, list[int]]]:
    """Kind number → (count up to the cap, the ids of its page), in one statement.

    Each kind reads at most COUNT_CAP + 1 of its matches, newest first (the candidates),
    counts them and ranks them only: a kind with no more matches than the cap is ranked
    whole; one with more (the page says "more than 1,000": more words narrow it down)
    among its newest, its pages stopping at the cap."""

    def pages_of(numbers: Iterable[int]) -> list[tuple]:
        arms = {
            n: found.page(found.candidates(asked[n], words, terms, project_id), offset, limit)
            for n in numbers
        }
        return _union(found, terms, arms, PAGE_COLUMNS)

    rows = pages_of(range(len(asked)))
    again = {row[0] for row in rows if found.short(asked[row[0]], row[4])}
    if again:  # a walk came back short: those kinds asked again, the other way
        rows = [row for row in rows if row[0] not in again] + pages_of(sorted(again))
    counts: dict[int, int] = {}
    by_kind: dict[int, list[tuple[Any, int, int]]] = {}
    for n, object_id, entry_id, rank, total, place in rows:
        counts[n] = total
        if place > offset:
            by_kind.setdefault(n, []).append((found.rank_key(rank, entry_id), entry_id, object_id))
    return {
        n: (count, [object_id for _key, _id, object_id in sorted(by_kind.get(n, []))])
        for n, count in counts.items()
    }


def _title_first_pages(
    found: Engine,
    asked: list[Kind],
    terms: Sequence[str],
    exact: list[str],
    project_id: int | None,
    offset: int,
    limit: int,
) -> dict[int, tuple[int, list[int]]]:
    """Kind number → (count up to the cap, the ids of its page) for a user who sees a
    part of the records: the matches among that part, up to the cap, of every kind in
    one statement; records whose name holds more of the words first."""
    found.plan_among(asked)

    def rows_of(numbers: Iterable[int]) -> dict[int, list[tuple[int, int, str]]]:
        arms = {n: found.among(asked[n], exact, project_id, COUNT_CAP + 1) for n in numbers}
        by_kind: dict[int, list[tuple[int, int, str]]] = {}
        for n, object_id, entry_id, title in _union(
            found, terms, arms, "s.object_id, s.id, s.title"
        ):
            by_kind.setdefault(n, []).append((object_id, entry_id, title))
        return by_kind

    by_kind = rows_of(range(len(asked)))
    again = [n for n, kind in enumerate(asked) if found.among_short(kind, len(by_kind.get(n, [])))]
    if again:  # a bounded read came back short: those kinds asked again, whole
        found.among_rejoin({asked[n].ct_id for n in again})
        by_kind = {n: rows for n, rows in by_kind.items() if n not in again} | rows_of(again)
    pages = {}
    for n, rows in by_kind.items():
        rows.sort(key=found.among_order, reverse=True)
        ids = [row[0] for row in _title_first(rows, terms)]
        pages[n] = (len(rows), ids[offset : min(offset + limit, COUNT_CAP)])
    return pages


def _title_first(rows: list[tuple[int, int, str]], terms: Sequence[str]) -> list[Any]:
    """Records best first by `title_rank`, as a staff user's are ranked in SQL (stable:
    newest first within)."""
    return sorted(rows, key=lambda row: title_rank(row[2], terms), reverse=True)
