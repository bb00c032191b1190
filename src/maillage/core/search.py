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
    "SELECT e.object_id, e.title FROM core_searchentry_fts CROSS JOIN core_searchentry e"
    " ON e.id = core_searchentry_fts.rowid"
    " WHERE core_searchentry_fts MATCH %s AND e.object_id IN ({visible})"
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


class Engine(ABC):
    """Finds index rows (a SearchEntry queryset) of one kind by query words; gives the
    first of them newest first with their rank, in one query (`first_matches`), which
    `best_first` orders by rank when they are all there (for words so common that they
    are not, ranking every match is not worth its time: newest first)."""

    @abstractmethod
    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        """The entries of kind `ct_id` holding every word."""

    def newest(self, entries: models.QuerySet) -> Any:
        return entries.order_by("-id")

    def first_matches(
        self, entries: models.QuerySet, terms: Sequence[str], cap: int
    ) -> list[tuple[int, float]]:
        """(object id, rank) of the first `cap` matching `entries`, newest first, in one
        query: their number is the kind's count (up to the cap), their ranks order them
        when they are all there."""
        return [(pk, 0.0) for pk in self.newest(entries).values_list("object_id", flat=True)[:cap]]

    def best_first(self, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """`first_matches` best first: as they come without a rank. The engines with one
        sort by it, equals in the index's order (oldest first) as a database sort does."""
        return rows

    @abstractmethod
    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        """The matching records of one kind, as a subquery for `pk__in` (a queryset with
        `extra` cannot be one: the subquery renames its table)."""

    def among(
        self, visible: Any, terms: Sequence[str], ct_id: int, project_id: int | None, cap: int
    ) -> list[tuple[int, str]]:
        """(object id, title) of the matches among `visible`, newest first, at most `cap`:
        for a user who sees a small part of the records (a partner), found from that part
        rather than checked match by match."""
        entries = self.match(_entries(), terms, ct_id).filter(
            object_id__in=visible.order_by().values("pk")
        )
        if project_id is not None:
            entries = entries.filter(project_id=project_id)
        return list(entries.order_by("-id").values_list("object_id", "title")[:cap])


class SqliteEngine(Engine):
    @staticmethod
    def expression(terms: Sequence[str], ct_id: int) -> str:
        # The kind is a word of its own column, found inside the index; the user's words
        # are quoted (never an operator), each a prefix, all required, in title or text.
        words = " ".join(f'"{term}"' + prefix(term) for term in terms)
        return f"kind:k{int(ct_id)} AND {{title text}}: ({words})"

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        return entries.extra(  # noqa: S610 — fixed SQL; the user's words are a parameter
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = core_searchentry.id", f"{FTS_TABLE} MATCH %s"],
            params=[self.expression(terms, ct_id)],
        )

    def newest(self, entries: models.QuerySet) -> Any:
        # In the index's own order: the scan stops after the page.
        return entries.extra(order_by=[f"-{FTS_TABLE}.rowid"])

    def first_matches(
        self, entries: models.QuerySet, terms: Sequence[str], cap: int
    ) -> list[tuple[int, float]]:
        # bm25 of the rows read only (the scan stops at the cap).
        ranked = self.newest(entries).extra(select={"rank": f"{FTS_TABLE}.rank"})  # noqa: S610 — a constant
        return list(ranked.values_list("object_id", "rank")[:cap])

    def best_first(self, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
        oldest_first = rows[::-1]  # equals keep the index's order
        return sorted(oldest_first, key=lambda row: row[1])  # bm25: lower is better

    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        return RawSQL(SQLITE_IDS, [self.expression(terms, ct_id)])  # noqa: S611 — fixed SQL

    def among(
        self, visible: Any, terms: Sequence[str], ct_id: int, project_id: int | None, cap: int
    ) -> list[tuple[int, str]]:
        # CROSS JOIN keeps this order: the index's matches first (the query is evaluated
        # once), each checked against the visible rows, gathered once. The other way
        # round evaluates the query again for every visible row: seconds for a short prefix.
        try:
            sql, params = visible.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # visible_to gave none()
            return []
        query = SQLITE_AMONG.format(visible=sql)
        args: list[Any] = [self.expression(terms, ct_id), *params]
        if project_id is not None:
            query += " AND e.project_id = %s"
            args.append(project_id)
        with connection.cursor() as cursor:
            # No ORDER BY (it could change the plan); the few rows are sorted here.
            cursor.execute(query + " LIMIT %s", [*args, cap])
            return sorted(((row[0], row[1]) for row in cursor.fetchall()), reverse=True)


class PostgresEngine(Engine):
    TSQUERY = f"to_tsquery('{PG_CONFIG}', %s)"

    @staticmethod
    def expression(terms: Sequence[str]) -> str:
        # Words are letters and digits only; quoted anyway, each a prefix, all required.
        return " & ".join(
            f"'{term}'" + (":" + prefix(term) if prefix(term) else "") for term in terms
        )

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        return entries.filter(content_type_id=ct_id).extra(  # noqa: S610 — fixed SQL
            where=[f"core_searchentry.document @@ {self.TSQUERY}"],
            params=[self.expression(terms)],
        )

    def object_ids(self, ct_id: int, terms: Sequence[str]) -> Any:
        return RawSQL(POSTGRES_IDS, [ct_id, self.expression(terms)])  # noqa: S611 — fixed SQL

    def first_matches(
        self, entries: models.QuerySet, terms: Sequence[str], cap: int
    ) -> list[tuple[int, float]]:
        # The first rows found, then ts_rank of those only (ranking every match of a
        # common word reads every document). Raw SQL: the match's `extra` names the
        # table, which a subquery of the ORM would rename.
        try:
            sql, params = self.newest(entries).values("id")[:cap].query.sql_with_params()
        except EmptyResultSet:
            return []
        query = (
            f"SELECT r.object_id, ts_rank(r.document, {self.TSQUERY}) FROM core_searchentry r"  # noqa: S608 — fixed SQL; the user's words are parameters
            f" JOIN ({sql}) f ON f.id = r.id ORDER BY r.id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [self.expression(terms), *params])
            return [(row[0], row[1]) for row in cursor.fetchall()]

    def best_first(self, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
        oldest_first = rows[::-1]  # equals keep the index's order (deterministic pages)
        return sorted(oldest_first, key=lambda row: -row[1])  # ts_rank: higher is better


class LikeEngine(Engine):
    """Any other database: every word somewhere in the title or text, unranked."""

    def match(self, entries: models.QuerySet, terms: Sequence[str], ct_id: int) -> Any:
        entries = entries.filter(content_type_id=ct_id)
        for term in terms:
            entries = entries.filter(models.Q(title__contains=term) | models.Q(text__contains=term))
        return entries

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
    from `offset`, with the number of matches."""
    terms = query_words(query)
    if not terms:
        return []
    wanted = set(kinds) if kinds is not None else None
    found = engine()
    groups: dict[str, Group] = {}
    for provider in hooks.collect(hooks.SEARCH_PROVIDERS):
        visible = provider.queryset(user)
        model = provider.model or visible.model
        key = model._meta.label_lower
        if wanted is not None and key not in wanted:
            continue
        ct = ContentType.objects.get_for_model(model)
        if getattr(user, "is_internal", False):
            # Staff see every record (core.access): the index leads, ranked.
            count, ids = _ranked_page(found, visible, terms, ct.pk, project_id, offset, limit)
        else:
            # A partner sees a small part: found from that part, title matches first.
            rows = found.among(visible, terms, ct.pk, project_id, COUNT_CAP + 1)
            count, ids = len(rows), [pk for pk, _t in _title_first(rows, terms)]
            ids = ids[offset : offset + limit]
        if not count:
            continue
        by_id = visible.in_bulk(ids) if ids else {}
        group = groups.setdefault(str(provider.label), Group(key=key, label=provider.label))
        group.count += count
        group.results.extend(by_id[pk] for pk in ids if pk in by_id)
    return list(groups.values())


def _ranked_page(
    found: Engine,
    visible: Any,
    terms: Sequence[str],
    ct_id: int,
    project_id: int | None,
    offset: int,
    limit: int,
) -> tuple[int, list[int]]:
    entries = found.match(_entries(), terms, ct_id).filter(
        Exists(visible.order_by().filter(pk=OuterRef("object_id")))
    )
    if project_id is not None:
        entries = entries.filter(project_id=project_id)
    # One query: the matches up to the cap, newest first, with their rank. Their number
    # is the count; when they are all there they are ranked, else the newest come first
    # (the page says "more than 1,000": more words narrow it down).
    rows = found.first_matches(entries, terms, COUNT_CAP + 1)
    count = len(rows)
    if count <= COUNT_CAP:
        rows = found.best_first(rows)
    return count, [pk for pk, _rank in rows[offset : offset + limit]]


def _title_first(rows: list[tuple[int, str]], terms: Sequence[str]) -> list[tuple[int, str]]:
    """Records whose name holds more of the words first (stable: newest first within)."""

    def in_title(row: tuple[int, str]) -> int:
        title_words = row[1].split()
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
