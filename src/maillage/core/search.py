"""Search everything: one interface, the database's own full-text engine behind it.

    groups = search(user, "verhaeghe")            # every kind, grouped and ranked
    groups = search(user, "cp-2024", kinds=["partnerships.agreement"], limit=50)
    Organisation.objects.visible_to(user).search("oujda")   # a list's ?q= and the API's ?search=

What is searched is the index (`SearchEntry`, one row per live record of every
`SearchableModel`): its title (the record's name) and its text (the model's
SEARCH_FIELDS and the longer texts its `SearchProvider` names). Both are stored as
normalised words — lower case, accents and punctuation gone — so that the two engines
see the same tokens:

- SQLite: an FTS5 table over the index (`tokenize='unicode61 remove_diacritics 2'`),
  ranked by bm25 with the title weighing ten times the text;
- PostgreSQL: a generated `tsvector` column with a GIN index, built with the
  `maillage_search` configuration (unaccent, then the simple dictionary: no stemming,
  as on SQLite), ranked by `ts_rank` (title weight A, text B).

Every word of the query must match, each as a prefix (type-ahead: "verhae" finds
"Verhaeghe"). User input never reaches the engines' query syntax: the query is cut into
the same words as the text, each quoted.

Access is not the index's business: every match is checked against the kind's
`SearchProvider.queryset(user)` (its `visible_to`) in the same SQL query, so counts and
results only ever hold records the user may open.

The index is written by `SearchableModel.save` (services, the trash and restores go
through it), `bulk_save` and the import writer (bulk writes), a delete signal (purges),
and rebuilt by `maillage search_index --rebuild`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL

from maillage.core import hooks
from maillage.core.text import normalize

MAX_WORDS = 10  # words of a query
MAX_TEXT = 100_000  # characters of a record's text that are indexed
INSERT_ROWS = 190  # index rows per INSERT (SQLite allows 999 parameters)
COUNT_CAP = 1000  # counts stop there ("1000+"): a count of every match is not worth its time
FTS_TABLE = "core_searchentry_fts"
PG_CONFIG = "maillage_search"

_WORD = re.compile(r"[^\W_]+")

# The matching records of one kind, for `pk__in` (the user's words are a parameter).
SQLITE_IDS = (
    "SELECT e.object_id FROM core_searchentry_fts JOIN core_searchentry e"
    " ON e.id = core_searchentry_fts.rowid WHERE core_searchentry_fts MATCH %s"
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
# The kinds holding a match at all, whoever may open it.
POSTGRES_KINDS = (
    "SELECT DISTINCT e.content_type_id FROM core_searchentry e"
    " WHERE e.document @@ to_tsquery('maillage_search', %s) AND e.content_type_id = ANY(%s)"
)
# The matches of a search's words, read once by a statement that asks about every kind
# (`core_searchentry` there, so that the ORM's queries read it), and their documents for
# ts_rank (declared first: there `core_searchentry` is still the table).
POSTGRES_MATCHES = (
    "WITH search_document AS NOT MATERIALIZED (SELECT id, document FROM core_searchentry),"
    " core_searchentry AS MATERIALIZED (SELECT id, content_type_id, object_id, project_id,"
    " title FROM core_searchentry WHERE document @@ to_tsquery('maillage_search', %s)) "
)
POSTGRES_RANK = (
    "(SELECT ts_rank(d.document, to_tsquery('maillage_search', %s)) FROM search_document d"
    " WHERE d.id = core_searchentry.id)"
)
POSTGRES_IDS = (
    "SELECT e.object_id FROM core_searchentry e WHERE e.content_type_id = %s"
    " AND e.document @@ to_tsquery('maillage_search', %s)"
)


# -- words ---------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words both engines index: "L'Économie-2024" → ["l", "economie", "2024"]."""
    return _WORD.findall(normalize(text))


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
    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        """The matching records of one kind, as a subquery for `pk__in` (a queryset with
        `extra` cannot be one: the subquery renames its table)."""

    def prologue(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        """What a search's statement starts with (a WITH), whose `core_searchentry` the
        queries of `match` read."""
        return "", []

    def present(
        self, ct_ids: Sequence[int], terms: Sequence[str], project_id: int | None
    ) -> set[int]:
        """The kinds among `ct_ids` with a match, whoever may open it: the kinds left out
        cost nothing more (a word found nowhere ends here). By default, all of them."""
        return set(ct_ids)

    def visible_matches(
        self, kind: Kind, terms: Sequence[str], project_id: int | None
    ) -> models.QuerySet:
        """The kind's matching entries whose record the user may open: each match checked
        against the kind's `visible_to`, in SQL (the index leads: staff see every record)."""
        entries = self.match(_entries(), terms, kind.ct_id).filter(
            Exists(kind.visible.order_by().filter(pk=OuterRef("object_id")))
        )
        if project_id is not None:
            entries = entries.filter(project_id=project_id)
        return entries

    NO_RANK = "0"  # the rank of a row that is not ranked, of the type of the others

    def exact(self, terms: Sequence[str]) -> tuple[list[str], list[str]] | None:
        """The words to match, as `match` takes them, to count and to rank: a prefix may
        stand for the words of the index it matches, looked up once (the same rows; for
        ranking, the same rank). None: a word is found nowhere."""
        return list(terms), list(terms)

    def newest(self, entries: models.QuerySet) -> Any:
        return entries.order_by("-id")

    @abstractmethod
    def ranked(self, entries: models.QuerySet, terms: Sequence[str]) -> Any:
        """`entries` best first, equals oldest first, with their `rank`."""

    def rank_key(self, rank: float, entry_id: int) -> tuple[float, int]:
        """Sorts rows as `ranked` does (no rank: oldest first)."""
        return (0.0, entry_id)

    def among(
        self, kind: Kind, terms: Sequence[str], project_id: int | None, cap: int
    ) -> tuple[str, list[Any]] | None:
        """SQL of (object id, entry id, title) of the matches among the kind's visible
        rows, at most `cap`: for a user who sees a small part of the records (a partner),
        found from that part rather than checked match by match. None: nothing visible."""
        entries = self.match(_entries(), terms, kind.ct_id).filter(
            object_id__in=kind.visible.order_by().values("pk")
        )
        if project_id is not None:
            entries = entries.filter(project_id=project_id)
        return _sql(entries.order_by("-id").values_list("object_id", "id", "title")[:cap])

    def among_order(self, row: tuple[int, int, str]) -> Any:
        """The key that sorts `among`'s rows newest first."""
        return row[1]


class SqliteEngine(Engine):
    @staticmethod
    def expression(terms: Sequence[str], ct_id: int | None = None) -> str:
        # The kind is a word of its own column, found inside the index; the user's words
        # are quoted (never an operator), each a prefix, all required, in title or text;
        # a prefix already looked up (`exact`) is the words it stands for.
        words = " AND ".join(
            f"({' OR '.join(f'{chr(34)}{w}{chr(34)}' for w in term.split())})"
            if " " in term
            else f'"{term}"' + prefix(term)
            for term in terms
        )
        if ct_id is None:
            return f"{{title text}}: ({words})"
        return f"kind:k{int(ct_id)} AND {{title text}}: ({words})"

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        return entries.extra(  # noqa: S610 — fixed SQL; the user's words are a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = core_searchentry.id", f"{FTS_TABLE} MATCH %s"],
            params=[self.expression(terms, ct_id)],
        )

    def exact(self, terms: Sequence[str]) -> tuple[list[str], list[str]] | None:
        # FTS5 reads every word a prefix stands for and merges their rows before it
        # answers, for each kind: the words are looked up once in the index's vocabulary
        # (a prefix of up to 3 letters has an index of its own: left as it is). Ranked,
        # only a prefix that stands for one word (bm25 counts an OR's words apart).
        longer = [n for n, term in enumerate(terms) if len(term) > PREFIX_INDEXED]
        if not longer:
            return list(terms), list(terms)
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
        unranked, ranked = list(terms), list(terms)
        for n, words in found.items():
            if 0 < len(words) <= MAX_PREFIX_WORDS:
                unranked[n] = " ".join(words) + " "  # a space: words, not a prefix
            if len(words) == 1:
                ranked[n] = unranked[n]
        return unranked, ranked

    def newest(self, entries: models.QuerySet) -> Any:
        # In the index's own order: the scan stops after the page.
        return entries.extra(order_by=[f"-{FTS_TABLE}.rowid"])

    def ranked(self, entries: models.QuerySet, terms: Sequence[str]) -> Any:
        # bm25, lower is better (the index's `rank`: the title weighs ten times the text).
        return entries.extra(  # noqa: S610 — constants
            select={"rank": f"{FTS_TABLE}.rank"}, order_by=["rank", f"{FTS_TABLE}.rowid"]
        )

    def rank_key(self, rank: float, entry_id: int) -> tuple[float, int]:
        return (rank, entry_id)

    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        return RawSQL(SQLITE_IDS, [self.expression(terms, ct_id)])  # noqa: S611 — fixed SQL

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
        args: list[Any] = [self.expression(terms, kind.ct_id), *visible[1]]
        if project_id is not None:
            query += " AND e.project_id = %s"
            args.append(project_id)
        # No ORDER BY (it could change the plan); the few rows are sorted by the caller.
        return f"{query} LIMIT {int(cap)}", args

    def among_order(self, row: tuple[int, int, str]) -> Any:
        return (row[0], row[2])


class PostgresEngine(Engine):
    TSQUERY = f"to_tsquery('{PG_CONFIG}', %s)"
    NO_RANK = "CAST(0 AS real)"

    @staticmethod
    def expression(terms: Sequence[str]) -> str:
        # Words are letters and digits only; quoted anyway, each a prefix, all required.
        return " & ".join(
            f"'{term}'" + (":" + prefix(term) if prefix(term) else "") for term in terms
        )

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        # In a search's statement `core_searchentry` names the matches (`prologue`).
        return entries.filter(content_type_id=ct_id)

    def prologue(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        # The GIN index read once for every kind: asked kind by kind, the planner reads a
        # kind's entries through its own index and checks every document.
        return POSTGRES_MATCHES, [self.expression(terms)]

    def present(
        self, ct_ids: Sequence[int], terms: Sequence[str], project_id: int | None
    ) -> set[int]:
        # One scan of the GIN index for every kind at once.
        query = POSTGRES_KINDS
        params: list[Any] = [self.expression(terms), list(ct_ids)]
        if project_id is not None:
            query += " AND e.project_id = %s"
            params.append(project_id)
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return {row[0] for row in cursor.fetchall()}

    def ranked(self, entries: models.QuerySet, terms: Sequence[str]) -> Any:
        # ts_rank, higher is better (title weight A, text B).
        return entries.extra(  # noqa: S610 — fixed SQL; the user's words are a parameter
            select={"rank": POSTGRES_RANK},
            select_params=[self.expression(terms)],
            order_by=["-rank", "id"],
        )

    def rank_key(self, rank: float, entry_id: int) -> tuple[float, int]:
        return (-rank, entry_id)

    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        return RawSQL(POSTGRES_IDS, [ct_id, self.expression(terms)])  # noqa: S611 — fixed SQL


class LikeEngine(Engine):
    """Any other database: every word somewhere in the title or text, unranked."""

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        entries = entries.filter(content_type_id=ct_id)
        for term in terms:
            entries = entries.filter(models.Q(title__contains=term) | models.Q(text__contains=term))
        return entries

    def ranked(self, entries: models.QuerySet, terms: Sequence[str]) -> Any:
        return entries.extra(select={"rank": "0"}, order_by=["id"])

    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        return self.match(_entries(), terms, ct_id).values("object_id")


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
    ct = ContentType.objects.get_for_model(model)
    return engine().object_ids(ct.pk, terms)


# -- searching -----------------------------------------------------------------------


@dataclass
class Group:
    """The records of one kind that matched, best first; `count` stops at COUNT_CAP."""

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
    those kinds for their counts and one for their pages (one for a partner: the matches
    among what they see), then each kind's records shown."""
    terms = query_words(query)
    if not terms:
        return []
    wanted = set(kinds) if kinds is not None else None
    found = engine()
    asked: list[Kind] = []
    for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
        visible = provider.queryset(user)
        model = provider.model or visible.model
        key = model._meta.label_lower
        if wanted is not None and key not in wanted:
            continue
        ct_id = ContentType.objects.get_for_model(model).pk
        asked.append(Kind(key=key, label=provider.label, ct_id=ct_id, visible=visible))
    if not asked:
        return []
    words = found.exact(terms)
    if words is None:
        return []
    present = found.present(list(dict.fromkeys(k.ct_id for k in asked)), terms, project_id)
    asked = [kind for kind in asked if kind.ct_id in present]
    if getattr(user, "is_internal", False):
        # Staff see every record (core.access): the index leads, ranked.
        pages = _ranked_pages(found, asked, terms, words, project_id, offset, limit)
    else:
        # A partner sees a small part: found from that part, title matches first.
        pages = _title_first_pages(found, asked, terms, words[0], project_id, offset, limit)
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


def _ranked_pages(
    found: Engine,
    asked: list[Kind],
    terms: Sequence[str],
    words: tuple[list[str], list[str]],
    project_id: int | None,
    offset: int,
    limit: int,
) -> dict[int, tuple[int, list[int]]]:
    """Kind number → (count up to the cap, the ids of its page), in two statements.

    The count reads at most COUNT_CAP + 1 matches of each kind and ranks none. A kind
    with no more matches than the cap is ranked, best first (every match is ranked, the
    page only is returned); one with more comes newest first, unranked (the page says
    "more than 1,000": more words narrow it down)."""
    exact, ranked = words
    entries = {n: found.visible_matches(kind, exact, project_id) for n, kind in enumerate(asked)}
    arms = {n: _sql(rows.values("id")[: COUNT_CAP + 1]) for n, rows in entries.items()}
    counts = {row[0]: row[1] for row in _union(found, terms, arms, "COUNT(*)") if row[1]}
    pages: dict[int, tuple[int, list[int]]] = {n: (count, []) for n, count in counts.items()}
    arms = {}
    for n, count in counts.items():
        if count <= COUNT_CAP:
            best = found.ranked(found.visible_matches(asked[n], ranked, project_id), terms)
            arms[n] = _sql(best.values_list("object_id", "id", "rank")[offset : offset + limit])
        elif offset < count:
            newest = found.newest(entries[n]).extra(select={"rank": found.NO_RANK})  # noqa: S610 — a constant
            newest = newest.values_list("object_id", "id", "rank")
            arms[n] = _sql(newest[offset : min(offset + limit, count)])
    by_kind: dict[int, list[tuple[Any, int, int]]] = {}
    for n, object_id, entry_id, rank in _union(found, terms, arms, "s.object_id, s.id, s.rank"):
        key = found.rank_key(rank, entry_id) if counts[n] <= COUNT_CAP else (-entry_id,)
        by_kind.setdefault(n, []).append((key, entry_id, object_id))
    for n, found_rows in by_kind.items():
        pages[n] = (counts[n], [object_id for _key, _id, object_id in sorted(found_rows)])
    return pages


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
    arms = {n: found.among(kind, exact, project_id, COUNT_CAP + 1) for n, kind in enumerate(asked)}
    by_kind: dict[int, list[tuple[int, int, str]]] = {}
    for n, object_id, entry_id, title in _union(found, terms, arms, "s.object_id, s.id, s.title"):
        by_kind.setdefault(n, []).append((object_id, entry_id, title))
    pages = {}
    for n, rows in by_kind.items():
        rows.sort(key=found.among_order, reverse=True)
        ids = [row[0] for row in _title_first(rows, terms)]
        pages[n] = (len(rows), ids[offset : offset + limit])
    return pages


def _title_first(rows: list[tuple[int, int, str]], terms: Sequence[str]) -> list[Any]:
    """Records whose name holds more of the words first (stable: newest first within)."""

    def in_title(row: tuple[int, int, str]) -> int:
        title_words = row[2].split()
        return sum(any(w.startswith(t) for w in title_words) for t in terms)

    return sorted(rows, key=in_title, reverse=True)


# -- writing the index -----------------------------------------------------------------


def searchable_models() -> list[type[models.Model]]:
    """Every concrete model whose records are indexed."""
    from maillage.core.models import SearchableModel

    return [
        m
        for m in apps.get_models()
        if issubclass(m, SearchableModel) and not m._meta.proxy and not m._meta.abstract
    ]


@lru_cache(maxsize=1)
def _extra_fields() -> dict[type[models.Model], tuple[str, ...]]:
    """Concrete model → the longer texts its providers name (descriptions, notes)."""
    extra: dict[type[models.Model], tuple[str, ...]] = {}
    for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
        model = provider.model
        if model is None or not provider.fields:
            continue
        concrete = model._meta.concrete_model or model
        extra[concrete] = tuple(dict.fromkeys((*extra.get(concrete, ()), *provider.fields)))
    return extra


def _project_attname(model: type[models.Model]) -> str | None:
    try:
        project = model._meta.get_field("project")
    except Exception:
        return None
    return getattr(project, "attname", None) if getattr(project, "many_to_one", False) else None


def _entry_row(
    obj: models.Model, ct_id: int, extra: tuple[str, ...], project: str | None
) -> tuple[int, Any, Any, str, str]:
    """The index row of a record: (kind, id, project, title words, text words)."""
    parts = [getattr(obj, "search_text", "") or ""]
    parts += [str(value) for name in extra if (value := getattr(obj, name, None))]
    return (
        ct_id,
        obj.pk,
        getattr(obj, project) if project else None,
        " ".join(words(str(obj)[:1000])),
        " ".join(words(" ".join(parts)[:MAX_TEXT])),
    )


def _entry(obj: models.Model, ct_id: int, extra: tuple[str, ...], project: str | None) -> Any:
    from maillage.core.models_search import SearchEntry

    ct, object_id, project_id, title, text = _entry_row(obj, ct_id, extra, project)
    return SearchEntry(
        content_type_id=ct, object_id=object_id, project_id=project_id, title=title, text=text
    )


def _insert_rows(rows: list[tuple[int, Any, Any, str, str]]) -> None:
    """New index rows, many to a statement, without a model object per row nor the ids
    returned (`bulk_create` spent half a rebuild's Python time on both)."""
    from maillage.core.models_search import SearchEntry

    quote = connection.ops.quote_name
    names = ("content_type_id", "object_id", "project_id", "title", "text")
    head = (
        f"INSERT INTO {quote(SearchEntry._meta.db_table)} ({', '.join(map(quote, names))}) VALUES "  # noqa: S608 — names from the model
    )
    step = INSERT_ROWS
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            cursor.execute(
                head + ", ".join(["(%s, %s, %s, %s, %s)"] * len(part)),
                [value for row in part for value in row],
            )


def index(objs: Iterable[models.Model]) -> None:
    """Bring the index in step with these records (saved: they have their pk): live
    ones are written, trashed ones taken out."""
    from maillage.core.models_search import SearchEntry

    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objs:
        if obj.pk is not None:
            by_model.setdefault(obj._meta.concrete_model or type(obj), []).append(obj)
    for model, rows in by_model.items():
        ct = ContentType.objects.get_for_model(model)
        extra = _extra_fields().get(model, ())
        project = _project_attname(model)
        live = [o for o in rows if getattr(o, "deleted_at", None) is None]
        gone = [o.pk for o in rows if getattr(o, "deleted_at", None) is not None]
        if gone:
            SearchEntry.objects.filter(content_type=ct, object_id__in=gone).delete()
        if live:
            SearchEntry.objects.bulk_create(
                [_entry(o, ct.pk, extra, project) for o in live],
                batch_size=500,
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=["project_id", "title", "text"],
            )


def unindex(model: type[models.Model], ids: Iterable[Any]) -> None:
    from maillage.core.models_search import SearchEntry

    ct = ContentType.objects.get_for_model(model)
    SearchEntry.objects.filter(content_type=ct, object_id__in=list(ids)).delete()


def rebuild(*, models_: Iterable[type[models.Model]] | None = None, chunk: int = 2000) -> int:
    """Index every live record again from what is stored; how many entries were written."""
    from maillage.core.models_search import SearchEntry

    written = 0
    for model in models_ or searchable_models():
        ct = ContentType.objects.get_for_model(model)
        extra = _extra_fields().get(model, ())
        project = _project_attname(model)
        SearchEntry.objects.filter(content_type=ct).delete()
        rows = model._base_manager.all()
        if any(f.name == "deleted_at" for f in model._meta.concrete_fields):
            rows = rows.filter(deleted_at__isnull=True)
        batch = []
        for obj in rows.order_by("pk").iterator(chunk_size=chunk):
            batch.append(_entry_row(obj, ct.pk, extra, project))
            if len(batch) >= chunk:
                _insert_rows(batch)
                written += len(batch)
                batch = []
        _insert_rows(batch)
        written += len(batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608 — a constant
    return written


def on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """post_delete of a searchable model (a purge, a real delete, a cascade)."""
    unindex(sender._meta.concrete_model or sender, [instance.pk])
