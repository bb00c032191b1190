"""The import engine: an importer declares its fields and how it finds duplicates; the
engine reads the rows, checks every cell, finds duplicates in the database and in the
file, and writes the clean result in one transaction.

    @register
    class ExchangeRateImporter(Importer):
        name = "exchange-rates"
        model = ExchangeRate
        fields = (
            Field("currency", _("currency"), parsers.choice(currency_choices), required=True,
                  aliases=("devise",)),
            Field("rate", _("rate"), parsers.decimal, required=True, aliases=("taux",)),
            Field("valid_on", _("date"), parsers.date, required=True),
        )

        def match_keys(self, values):
            return [("day", values.get("currency"), values.get("valid_on"))]

Nothing is written by `build_preview`; `commit` writes with `bulk_create_with_history`
and `bulk_update_with_history` (history kept, `search_text` computed, `version` and
`updated_at` moved on) and either writes every row or none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from maillage.core.imports import parsers
from maillage.core.imports.readers import ImportFileError, Notice, Sheet, column_letter

SKIP, UPDATE, CREATE = "skip", "update", "create"
DECISIONS = (SKIP, UPDATE, CREATE)


@dataclass(frozen=True)
class Field:
    """A column an importer understands: the model field (or hook value) it fills."""

    name: str
    label: Any
    parse: parsers.Parser = parsers.text
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers meaning this field, in French and English
    help_text: Any = ""


@dataclass(frozen=True)
class Issue:
    """An error (blocks the import) or a warning about a row, or the whole file."""

    level: str
    message: str
    row: int | None = None
    column: int | None = None
    header: str = ""

    @property
    def location(self) -> str:
        if self.row is None:
            return _("File")
        if self.column is None:
            return _("Row %(row)s") % {"row": self.row}
        return _("Row %(row)s, column %(letter)s “%(header)s”") % {
            "row": self.row,
            "letter": column_letter(self.column),
            "header": self.header,
        }

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "message": self.message,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "location": self.location,
        }


@dataclass(frozen=True)
class Match:
    """A row that looks like an existing record (`pk`) or an earlier row of the file."""

    reason: str
    pk: int | None = None
    row: int | None = None
    label: str = ""
    url: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return DECISIONS if self.pk is not None else (SKIP, CREATE)


@dataclass
class RowResult:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    match: Match | None = None

    @property
    def has_errors(self) -> bool:
        return any(i.level == "error" for i in self.issues)


class RowContext:
    """What a parser and `Importer.clean_row` see of the row being read."""

    def __init__(self, result: RowResult, columns: Mapping[str, tuple[int, str]]) -> None:
        self.result = result
        self.number = result.number
        self.values = result.values
        self._columns = columns
        self.field: str | None = None

    def _issue(self, level: str, message: str, field: str | None) -> None:
        column, header = self._columns.get(field or self.field or "", (None, ""))
        self.result.issues.append(Issue(level, str(message), self.number, column, header))

    def warn(self, message: str, field: str | None = None) -> None:
        self._issue("warning", message, field)

    def error(self, message: str, field: str | None = None) -> None:
        self._issue("error", message, field)


class Importer:
    """The declaration of an import; subclasses set the class attributes and, if needed,
    override the hooks. An instance lives for one preview or one commit."""

    name: ClassVar[str]
    model: ClassVar[type[models.Model]]
    fields: ClassVar[tuple[Field, ...]]
    match_reasons: ClassVar[Mapping[str, Any]] = {}  # key kind → "same SIRET"
    batch_size: ClassVar[int] = 500
    change_reason: ClassVar[Any] = gettext_lazy("Import from a file")

    def __init__(self, user: Any = None) -> None:
        self.user = user

    @classmethod
    def verbose_name_plural(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def field_map(cls) -> dict[str, Field]:
        return {f.name: f for f in cls.fields}

    # -- hooks ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load once what every row needs (lookup tables), before the rows are read."""

    def clean_row(self, row: RowContext) -> None:
        """Checks across the fields of a row; call `row.error(..., field=...)`."""

    def match_keys(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Keys that identify a record, strongest first, e.g. [("siret", "213…")]; the
        first element names the kind (see `match_reasons`). Empty: no duplicate check."""
        return []

    def existing(self) -> Iterable[Mapping[str, Any]]:
        """The records to compare with, as dicts with "pk"; match_keys is applied to them."""
        names = [f.name for f in self.fields if _is_model_field(self.model, f.name)]
        return self.model._default_manager.values("pk", *names).iterator(chunk_size=2000)

    def same_record(self, row: RowContext, other: Mapping[str, Any], kind: str) -> bool:
        """Veto a match found by a key (two different postcodes…); may warn the row."""
        return True

    def build(self, values: Mapping[str, Any]) -> models.Model:
        return self.model(**{k: v for k, v in values.items() if _is_model_field(self.model, k)})

    def apply(self, obj: models.Model, values: Mapping[str, Any]) -> list[str]:
        """Copy the file's values onto an existing record; an empty cell changes nothing."""
        changed = []
        for name, value in values.items():
            if not _is_model_field(self.model, name) or value in (None, ""):
                continue
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed.append(name)
        return changed

    def after_create(self, pairs: list[tuple[models.Model, RowResult]]) -> None:
        """Write what belongs to the new records (tags, positions…), in bulk."""

    def after_update(self, pairs: list[tuple[models.Model, RowResult]]) -> None:
        """Same as `after_create`, for the updated records."""


_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.name] = cls
    return cls


def importers() -> dict[str, type[Importer]]:
    """Every declared importer by name: each app's `imports` module declares its own."""
    autodiscover_modules("imports")
    return dict(sorted(_REGISTRY.items()))


def get_importer(name: str) -> type[Importer]:
    found = importers().get(name)
    if found is None:
        raise KeyError(name)
    return found


def _is_model_field(model: type[models.Model], name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    return field.concrete and not field.many_to_many


# --- Preview -------------------------------------------------------------------------------


@dataclass
class Preview:
    """The file read and checked: one result per data row, and notices about the file."""

    header_row: int
    headers: list[str]
    mapping: list[str]
    rows: list[RowResult]
    file_issues: list[Issue]

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.issues() if i.level == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self.issues() if i.level == "warning")

    @property
    def is_clean(self) -> bool:
        return self.error_count == 0

    def issues(self) -> Iterator[Issue]:
        yield from self.file_issues
        for row in self.rows:
            yield from row.issues

    def duplicates(self) -> list[RowResult]:
        return [r for r in self.rows if r.match is not None]

    def to_json(self, *, issue_limit: int = 1000, sample: int = 10) -> dict[str, Any]:
        """What the preview page shows, stored with the import between two requests."""
        issues = list(self.issues())
        fields = [(i, name) for i, name in enumerate(self.mapping) if name]
        return {
            "rows": len(self.rows),
            "errors": self.error_count,
            "warnings": self.warning_count,
            "rows_with_errors": sum(1 for r in self.rows if r.has_errors),
            "issues": [i.to_json() for i in issues[:issue_limit]],
            "more_issues": max(0, len(issues) - issue_limit),
            "duplicates": [
                {
                    "row": r.number,
                    "pk": r.match.pk,
                    "of_row": r.match.row,
                    "label": r.match.label,
                    "url": r.match.url,
                    "reason": r.match.reason,
                    "choices": list(r.match.choices),
                    "values": _row_label(r, self.mapping),
                }
                for r in self.rows
                if r.match is not None
            ],
            "columns": [self.headers[i] for i, _ in fields],
            "sample": [
                [r.number, [_display(r.values.get(name)) for _, name in fields]]
                for r in self.rows[:sample]
            ],
        }


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _row_label(row: RowResult, mapping: Sequence[str]) -> str:
    names = [n for n in mapping if n][:3]
    return " · ".join(_display(row.values.get(n)) for n in names if row.values.get(n))


def find_header_row(sheet: Sheet, importer: type[Importer], scan: int = 10) -> int:
    """Index in `sheet.rows` of the header row: among the first rows, the one whose cells
    name the most fields (a title line above the headers is skipped)."""
    from maillage.core.imports.mapping import auto_mapping

    best, best_count = 0, 0
    for index, (_number, cells) in enumerate(sheet.rows[:scan]):
        count = sum(1 for name in auto_mapping([_header(c) for c in cells], importer) if name)
        if count > best_count:
            best, best_count = index, count
    return best


def _header(value: Any) -> str:
    return parsers.as_text(value) if value is not None else ""


def sheet_headers(sheet: Sheet, header_index: int) -> list[str]:
    return [_header(c) for c in sheet.rows[header_index][1]]


def build_preview(
    importer: Importer,
    sheet: Sheet,
    mapping: Sequence[str],
    *,
    header_index: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Preview:
    """Read and check every data row; find duplicates. Writes nothing."""
    if header_index >= len(sheet.rows):
        raise ImportFileError(_("The file has no header row."))
    header_number, header_cells = sheet.rows[header_index]
    headers = [_header(c) for c in header_cells]
    data = sheet.rows[header_index + 1 :]
    if not data:
        raise ImportFileError(
            _("The file has a header row but no data: add one row per record below it.")
        )
    fields = importer.field_map()
    columns: dict[str, tuple[int, str]] = {}
    for index, name in enumerate(mapping):
        if name and name in fields and name not in columns:
            columns[name] = (index + 1, headers[index] if index < len(headers) else "")
    rows_by_number: dict[int, RowResult] = {}
    file_issues: list[Issue] = []
    importer.prepare()
    rows: list[RowResult] = []
    for count, (number, cells) in enumerate(data, start=1):
        result = RowResult(number)
        rows_by_number[number] = result
        ctx = RowContext(result, columns)
        for name, (column, _header_text) in columns.items():
            spec = fields[name]
            ctx.field = name
            raw = cells[column - 1] if column - 1 < len(cells) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if spec.required:
                    ctx.error(_("This column is required: the cell is empty."))
                continue
            try:
                value = spec.parse(raw, ctx)
            except ValidationError as error:
                for message in error.messages:
                    ctx.error(message)
                continue
            if value is not None:
                result.values[name] = value
                _check_length(importer.model, name, value, ctx)
        ctx.field = None
        importer.clean_row(ctx)
        rows.append(result)
        if progress and count % 500 == 0:
            progress(500)
    if progress:
        progress(len(data) % 500)
    for notice in sheet.notices:
        _attach_notice(notice, rows_by_number, headers, file_issues, header_number)
    find_duplicates(importer, rows, columns)
    return Preview(header_index, headers, list(mapping), rows, file_issues)


def _check_length(model: type[models.Model], name: str, value: Any, ctx: RowContext) -> None:
    if not isinstance(value, str) or not _is_model_field(model, name):
        return
    limit = model._meta.get_field(name).max_length
    if limit and len(value) > limit:
        ctx.error(
            _("Too long: %(length)s characters, at most %(limit)s.")
            % {"length": len(value), "limit": limit}
        )


def _attach_notice(
    notice: Notice,
    rows: dict[int, RowResult],
    headers: list[str],
    file_issues: list[Issue],
    header_number: int,
) -> None:
    header = ""
    if notice.column is not None and notice.column - 1 < len(headers):
        header = headers[notice.column - 1]
    issue = Issue(notice.level, notice.message, notice.row, notice.column, header)
    if notice.row is not None and notice.row in rows:
        rows[notice.row].issues.append(issue)
    elif notice.row is None or notice.row <= header_number:
        if notice.row is not None and notice.row == header_number:
            issue = Issue(notice.level, notice.message, notice.row, notice.column, header)
        file_issues.append(issue)


def find_duplicates(
    importer: Importer, rows: list[RowResult], columns: Mapping[str, tuple[int, str]]
) -> None:
    """Set `match` on each row that looks like an existing record or an earlier row."""
    index: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for record in importer.existing():
        for key in importer.match_keys(record):
            if _usable(key):
                index.setdefault(key, []).append(record)
    matched: dict[int, Match] = {}
    in_file: dict[tuple[Any, ...], RowResult] = {}
    for row in rows:
        if row.has_errors and not row.values:
            continue
        ctx = RowContext(row, columns)
        keys = [k for k in importer.match_keys(row.values) if _usable(k)]
        for key in keys:
            record = next(
                (r for r in index.get(key, ()) if importer.same_record(ctx, r, key[0])), None
            )
            if record is not None:
                row.match = Match(_reason(importer, key[0]), pk=record["pk"])
                break
        if row.match is not None and row.match.pk in matched:
            first = matched[row.match.pk]
            row.match = Match(_("same record as row %(row)s") % {"row": first.row}, row=first.row)
        elif row.match is not None:
            matched[row.match.pk] = Match(row.match.reason, row=row.number)
        if row.match is None:
            for key in keys:
                earlier = in_file.get(key)
                if earlier is not None and importer.same_record(ctx, earlier.values, key[0]):
                    row.match = Match(
                        _("%(reason)s as row %(row)s")
                        % {"reason": _reason(importer, key[0]), "row": earlier.number},
                        row=earlier.number,
                    )
                    break
        for key in keys:
            in_file.setdefault(key, row)
    _describe_matches(importer, rows)


def _usable(key: tuple[Any, ...]) -> bool:
    return len(key) > 1 and all(part not in (None, "") for part in key[1:])


def _reason(importer: Importer, kind: str) -> str:
    return str(importer.match_reasons.get(kind, kind))


def _describe_matches(importer: Importer, rows: list[RowResult]) -> None:
    pks = {r.match.pk for r in rows if r.match and r.match.pk is not None}
    records = importer.model._default_manager.in_bulk(pks) if pks else {}
    for row in rows:
        match = row.match
        if match is None:
            continue
        if match.pk is not None and match.pk in records:
            obj = records[match.pk]
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            row.match = Match(match.reason, pk=match.pk, label=str(obj), url=url)
        elif match.row is not None:
            row.match = Match(
                match.reason, row=match.row, label=_("row %(row)s") % {"row": match.row}
            )


# --- Commit --------------------------------------------------------------------------------


class ImportAborted(Exception):
    """The import was stopped before or while writing; nothing was written."""


@dataclass(frozen=True)
class Outcome:
    row: int
    action: str  # created, updated, unchanged, skipped
    pk: int | None = None
    label: str = ""
    detail: str = ""


class Progress:
    """What `commit` reports to: a job's context, or nothing (the command line)."""

    def set_total(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


def decide(row: RowResult, decisions: Mapping[int, str], default: str) -> str:
    if row.match is None:
        return CREATE
    decision = decisions.get(row.number, default)
    if decision not in row.match.choices:
        return SKIP
    return decision


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def commit(
    importer: Importer,
    preview: Preview,
    *,
    decisions: Mapping[int, str] | None = None,
    default: str = SKIP,
    expected: Mapping[int, int | None] | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Write a clean preview: create, update or skip each row, all in one transaction.

    `decisions` maps row numbers to skip/update/create for the duplicates (others get
    `default`); `expected` maps row numbers to the record the person saw matched: if the
    row now matches another, it is skipped rather than written on a record nobody chose.
    """
    if not preview.is_clean:
        raise ImportAborted(_("The file still has errors: nothing was imported."))
    progress = progress or Progress()
    decisions = decisions or {}
    outcomes: dict[int, Outcome] = {}
    creates: list[RowResult] = []
    updates: list[RowResult] = []
    for row in preview.rows:
        if expected is not None and row.match is not None and row.number in decisions:
            if expected.get(row.number) != row.match.pk:
                outcomes[row.number] = Outcome(
                    row.number, SKIP, detail=_("The duplicate changed since the preview.")
                )
                continue
        decision = decide(row, decisions, default)
        if decision == CREATE:
            creates.append(row)
        elif decision == UPDATE:
            updates.append(row)
        else:
            assert row.match is not None
            outcomes[row.number] = Outcome(
                row.number, "skipped", row.match.pk, row.match.label, row.match.reason
            )
    model = importer.model
    now = timezone.now()
    with transaction.atomic():
        for batch in _chunks(creates, importer.batch_size):
            objects = [importer.build(row.values) for row in batch]
            for obj in objects:
                _derive(obj)
            saved = bulk_create_with_history(
                objects,
                model,
                batch_size=importer.batch_size,
                default_user=importer.user,
                default_change_reason=str(importer.change_reason),
                default_date=now,
            )
            pairs = list(zip(saved, batch, strict=True))
            importer.after_create(pairs)
            for obj, row in pairs:
                outcomes[row.number] = Outcome(row.number, "created", obj.pk, str(obj))
            progress.advance(len(batch))
        for batch in _chunks(updates, importer.batch_size):
            pks = [row.match.pk for row in batch if row.match is not None]
            current = model._default_manager.select_for_update().in_bulk(pks)
            changed_fields: set[str] = set()
            pairs = []
            for row in batch:
                assert row.match is not None
                obj = current.get(row.match.pk)
                if obj is None:
                    raise ImportAborted(
                        _(
                            "Row %(row)s: the record it updates (%(label)s) was deleted "
                            "since the preview. Nothing was imported; preview the file again."
                        )
                        % {"row": row.number, "label": row.match.label}
                    )
                changed = importer.apply(obj, row.values)
                if changed:
                    changed_fields.update(changed)
                    changed_fields.update(_derive(obj, updating=True, now=now))
                pairs.append((obj, row))
                action = "updated" if changed else "unchanged"
                outcomes[row.number] = Outcome(row.number, action, obj.pk, str(obj))
            touched = [obj for obj, row in pairs if outcomes[row.number].action == "updated"]
            if touched:
                bulk_update_with_history(
                    touched,
                    model,
                    sorted(changed_fields),
                    batch_size=importer.batch_size,
                    default_user=importer.user,
                    default_change_reason=str(importer.change_reason),
                    default_date=now,
                )
            importer.after_update(pairs)
            progress.advance(len(batch))
    return [outcomes[row.number] for row in preview.rows if row.number in outcomes]


def _derive(obj: models.Model, *, updating: bool = False, now: Any = None) -> list[str]:
    """What save() would have set, since bulk writes skip it; the fields it changed."""
    fields = []
    if hasattr(obj, "compute_search_text"):
        obj.search_text = obj.compute_search_text()
        fields.append("search_text")
    if updating:
        if hasattr(obj, "version"):
            obj.version += 1  # editors holding the old version are told it moved on
            fields.append("version")
        for model_field in obj._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                setattr(obj, model_field.attname, now or timezone.now())
                fields.append(model_field.attname)
    return fields


def outcome_label(action: str) -> str:
    return {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "skipped": _("skipped"),
        SKIP: _("skipped"),
    }.get(action, action)


def report_rows(outcomes: Iterable[Outcome]) -> tuple[list[str], Iterator[list[Any]]]:
    """The downloadable report: one line per row of the file, with what became of it."""
    headers = [_("Row"), _("Outcome"), _("Record id"), _("Record"), _("Details")]
    rows = ([o.row, outcome_label(o.action), o.pk or "", o.label, o.detail] for o in outcomes)
    return headers, rows


def issue_report_rows(issues: Iterable[Issue]) -> tuple[list[str], Iterator[list[Any]]]:
    headers = [_("Row"), _("Column"), _("Level"), _("Message")]
    rows = (
        [
            i.row or "",
            f"{column_letter(i.column)} {i.header}".strip() if i.column else "",
            _("error") if i.level == "error" else _("warning"),
            i.message,
        ]
        for i in issues
    )
    return headers, rows
