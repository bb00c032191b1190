"""Writing the search index (`maillage.core.search` reads it): one `SearchEntry` per live
record of every `SearchableModel`, its title and text as the normalised words both
engines index. Written by `SearchableModel.save`, `bulk_save` and the import writer
(`index`), a delete signal (`on_delete`), and `maillage search_index --rebuild`
(`rebuild`); the benchmark dataset's bulk writers index each batch as they insert it
(`index_new`). The names are imported from `maillage.core.search` by their callers.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from maillage.core import hooks
from maillage.core.text import normalize

MAX_TEXT = 100_000  # characters of a record's text that are indexed
INSERT_ROWS = 190  # index rows per INSERT (SQLite allows 999 parameters)
FTS_TABLE = "core_searchentry_fts"

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words both engines index: "L'Économie-2024" → ["l", "economie", "2024"]."""
    return _WORD.findall(normalize(text))


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


def kind_id(kind: type[models.Model]) -> int:
    """The index's content type of a kind of record (a proxy's own)."""
    return ContentType.objects.get_for_model(kind, for_concrete_model=False).pk


def _kind_of(obj: models.Model, known: dict[type[models.Model], int]) -> int:
    """`kind_id` of the kind a record is indexed as, looked up once per kind in `known`
    (bulk writes index a million rows)."""
    kind = obj.search_kind()  # type: ignore[attr-defined]  # a SearchableModel
    if kind not in known:
        known[kind] = kind_id(kind)
    return known[kind]


def kind_ids(model: type[models.Model]) -> list[int]:
    """The index's content types of a model's rows: its table's kinds
    (`SearchableModel.search_kinds`), or a proxy's own."""
    kinds = getattr(model, "search_kinds", None)  # a model not indexed: its own, empty
    return [kind_id(kind) for kind in kinds()] if kinds else [kind_id(model)]


def _by_kind(
    objs: Iterable[models.Model],
) -> dict[tuple[type[models.Model], int], list[models.Model]]:
    """Records grouped by (concrete model, the content type of the kind they are indexed
    as)."""
    by_kind: dict[tuple[type[models.Model], int], list[models.Model]] = {}
    known: dict[type[models.Model], int] = {}
    for obj in objs:
        model = obj._meta.concrete_model or type(obj)
        by_kind.setdefault((model, _kind_of(obj, known)), []).append(obj)
    return by_kind


def index(objs: Iterable[models.Model]) -> None:
    """Bring the index in step with these records (saved: they have their pk): live
    ones are written, trashed ones taken out."""
    from maillage.core.models_search import SearchEntry

    for (model, ct_id), rows in _by_kind(o for o in objs if o.pk is not None).items():
        extra = _extra_fields().get(model, ())
        project = _project_attname(model)
        live = [o for o in rows if getattr(o, "deleted_at", None) is None]
        gone = [o.pk for o in rows if getattr(o, "deleted_at", None) is not None]
        kinds = kind_ids(model)
        if gone:
            SearchEntry.objects.filter(content_type__in=kinds, object_id__in=gone).delete()
        if live and len(kinds) > 1:  # a record whose kind changed leaves its old one
            others = [k for k in kinds if k != ct_id]
            ids = [o.pk for o in live]
            SearchEntry.objects.filter(content_type__in=others, object_id__in=ids).delete()
        if live:
            SearchEntry.objects.bulk_create(
                [_entry(o, ct_id, extra, project) for o in live],
                batch_size=500,
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=["project_id", "title", "text"],
            )


def index_new(objs: Iterable[models.Model]) -> int:
    """The entries of records just inserted in bulk, which have none yet (a bulk writer's
    batch, while its rows are in memory): written many to a statement, without reading
    the records back nor looking for an entry to replace. Trashed ones are left out, as a
    rebuild leaves them; how many entries were written."""
    live = (o for o in objs if o.pk is not None and getattr(o, "deleted_at", None) is None)
    written = 0
    for (model, ct_id), rows in _by_kind(live).items():
        extra = _extra_fields().get(model, ())
        project = _project_attname(model)
        _insert_rows([_entry_row(o, ct_id, extra, project) for o in rows])
        written += len(rows)
    return written


def optimize() -> None:
    """Merge the index's segments into one (SQLite's FTS5, after a bulk write: what its
    automatic merging would do bit by bit); nothing to do on PostgreSQL."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608 — a constant


# -- PostgreSQL: a GIN index of its own for each large kind ------------------------------

LARGE_KIND = 50_000  # entries of a kind that has its own GIN index (PostgreSQL)
KIND_INDEX = "core_searchentry_doc_"  # the names of those indexes begin so
KIND_INDEXES_TTL = 300.0  # seconds a process keeps what it read of them
_kind_indexes: dict[str, Any] = {}


def rest_condition(large: Iterable[int]) -> str:
    """The condition of the index of the kinds that have none of their own, written as a
    query must write it for PostgreSQL to use that index."""
    ids = ",".join(str(int(ct)) for ct in sorted(large))
    return f"content_type_id <> ALL ('{{{ids}}}'::integer[])"


def kind_indexes() -> list[str]:
    """PostgreSQL: one GIN index of the documents for each kind of LARGE_KIND entries or
    more, and one for all the others, made or dropped as kinds grow (the statements run).

    With one GIN index for every kind, a search read every match of a common word from
    the table — 121,682 expenses hold "martin" — to keep each kind's newest 1,001: a kind
    with its own index reads its own matches only, or walks its newest entries
    (`core.search.PostgresEngine`), and the others read theirs through the second index
    without the large kinds' rows. The planner proves which index a kind's query may use
    from its conditions. Run nightly with the statistics (`core.statistics.gather`) and
    after a rebuild; the whole-table index stays, for the lists' searches across kinds."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id FROM core_searchentry GROUP BY content_type_id"
            " HAVING COUNT(*) >= %s ORDER BY content_type_id",
            [LARGE_KIND],
        )
        large = [row[0] for row in cursor.fetchall()]
        wanted = {f"{KIND_INDEX}k{int(ct)}": f"content_type_id = {int(ct)}" for ct in large}
        if large:
            digest = hashlib.sha256(rest_condition(large).encode()).hexdigest()[:10]
            wanted[f"{KIND_INDEX}rest_{digest}"] = rest_condition(large)
        cursor.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = 'core_searchentry'"
            " AND left(c.relname, %s) = %s",
            [len(KIND_INDEX), KIND_INDEX],
        )
        found = dict(cursor.fetchall())
        existing = {name for name, valid in found.items() if valid}
        # Outside a transaction (the nightly job, the command), without holding up writes
        # while an index is built; one left invalid by a failed build is made again.
        concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
        statements = [f"DROP INDEX{concurrently} {name}" for name in found if not found[name]]
        statements += [
            f"CREATE INDEX{concurrently} {name} ON core_searchentry USING gin (document)"
            f" WHERE {condition}"
            for name, condition in wanted.items()
            if name not in existing
        ]  # made before the old ones go: searches keep an index meanwhile
        statements += [
            f"DROP INDEX{concurrently} {name}" for name in sorted(existing - wanted.keys())
        ]
        for statement in statements:
            cursor.execute(statement)
    _kind_indexes.clear()
    return statements


def large_kinds() -> dict[int, float]:
    """PostgreSQL: the kinds with a GIN index of their own (`kind_indexes`) and about how
    many entries each holds (the planner's statistics), read from the catalog at most
    every KIND_INDEXES_TTL seconds by a process. A kind's search is right whether or not
    the indexes read here still exist; only its speed depends on them."""
    if connection.vendor != "postgresql":
        return {}
    read_at = _kind_indexes.get("at", -KIND_INDEXES_TTL)
    if time.monotonic() - read_at < KIND_INDEXES_TTL:
        return dict(_kind_indexes["large"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT substr(indexname, %s)::integer FROM pg_indexes"
            " WHERE tablename = 'core_searchentry' AND left(indexname, %s) = %s",
            [len(KIND_INDEX) + 2, len(KIND_INDEX) + 1, KIND_INDEX + "k"],
        )
        kinds = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT s.most_common_vals::text::integer[], s.most_common_freqs, c.reltuples"
            " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname"
            " AND s.attname = 'content_type_id' WHERE c.relname = 'core_searchentry'"
        )
        row = cursor.fetchone()
    values, freqs, rows = row if row else (None, None, 0.0)
    share = dict(zip(values or [], freqs or [], strict=True))
    large = {ct: max(share.get(ct, 0.0) * rows, float(LARGE_KIND)) for ct in kinds}
    _kind_indexes.update(at=time.monotonic(), large=large)
    return dict(large)


def unindex(model: type[models.Model], ids: Iterable[Any]) -> None:
    from maillage.core.models_search import SearchEntry

    kinds = kind_ids(model._meta.concrete_model or model)
    SearchEntry.objects.filter(content_type__in=kinds, object_id__in=list(ids)).delete()


def rebuild(*, models_: Iterable[type[models.Model]] | None = None, chunk: int = 2000) -> int:
    """Index every live record again from what is stored; how many entries were written."""
    from maillage.core.models_search import SearchEntry

    written = 0
    for model in models_ or searchable_models():
        extra = _extra_fields().get(model, ())
        project = _project_attname(model)
        SearchEntry.objects.filter(content_type__in=kind_ids(model)).delete()
        rows = model._base_manager.all()
        if any(f.name == "deleted_at" for f in model._meta.concrete_fields):
            rows = rows.filter(deleted_at__isnull=True)
        batch = []
        known: dict[type[models.Model], int] = {}
        for obj in rows.order_by("pk").iterator(chunk_size=chunk):
            batch.append(_entry_row(obj, _kind_of(obj, known), extra, project))
            if len(batch) >= chunk:
                _insert_rows(batch)
                written += len(batch)
                batch = []
        _insert_rows(batch)
        written += len(batch)
    optimize()
    return written


def on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """post_delete of a searchable model (a purge, a real delete, a cascade)."""
    unindex(sender._meta.concrete_model or sender, [instance.pk])
