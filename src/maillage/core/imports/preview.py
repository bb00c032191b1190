"""Read and check every row of a file (its cells, then the entity's own rules), and find
its duplicates; nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext as _

from maillage.core.imports import parsers
from maillage.core.imports.engine import (
    Importer,
    Issue,
    Match,
    RowContext,
    RowResult,
    is_model_field,
    model_fields,
)
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.readers import ImportFileError, Notice, Sheet
from maillage.core.services import field_label, iter_errors


@dataclass
class Preview:
    """The file read and checked: one result per data row, and notices about the file."""

    header_row: int
    headers: list[str]
    mapping: list[str]
    rows: list[RowResult]
    file_issues: list[Issue]
    model: type[models.Model] | None = None

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
            "valid_rows": sum(1 for r in self.rows if not r.has_errors),
            "file_errors": sum(1 for i in self.file_issues if i.level == "error"),
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
                [r.number, [self.display(name, r.values.get(name)) for _, name in fields]]
                for r in self.rows[:sample]
            ],
        }

    def display(self, name: str, value: Any) -> str:
        """A value as the person reads it: a choice by its label, not its code."""
        if self.model is not None and is_model_field(self.model, name):
            choices = model_fields(self.model)[name].flatchoices
            if choices and value is not None:
                return str(dict(choices).get(value, value))
        return _display(value)


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
    _header_number, header_cells = sheet.rows[header_index]
    headers = [_header(c) for c in header_cells]
    data = sheet.rows[header_index + 1 :]
    if not data:
        raise ImportFileError(
            _("The file has a header row but no data: add one row per record below it.")
        )
    fields = importer.field_map()
    found: dict[str, tuple[int, str]] = {}
    for index, name in enumerate(mapping):
        if name and name in fields and name not in found:
            found[name] = (index + 1, headers[index] if index < len(headers) else "")
    # Read in the declared order, so that a parser may use an earlier field (a phone
    # number, the country), whatever the order of the columns in the file.
    columns = {spec.name: found[spec.name] for spec in importer.fields if spec.name in found}
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
    used = {column for column, _header_text in columns.values()}
    for notice in sheet.notices:
        # A formula or an error in a column left out of the import does not matter.
        if notice.column is None or notice.column in used:
            _attach_notice(notice, rows_by_number, headers, file_issues)
    find_duplicates(importer, rows, columns)
    check_rules(importer, rows, columns)
    return Preview(header_index, headers, list(mapping), rows, file_issues, importer.model)


def check_rules(
    importer: Importer, rows: list[RowResult], columns: Mapping[str, tuple[int, str]]
) -> None:
    """Each row passes the rules of the record it makes, as a page or the API would check
    them (the service's `clean`): the same messages, on the row and on the cell they name;
    a field whose cell was already refused is not reported twice."""
    service = importer.service
    for row in rows:
        obj = importer.build(row.values)
        if row.match is not None and row.match.pk is not None:
            # Checked as the record it may update: its own values are no clash with itself.
            obj.pk = row.match.pk
            obj._state.adding = False
        try:
            service.prepare(obj, by=importer.user, before=None)
            service.clean(obj, by=importer.user, before=None, related={})
        except ValidationError as error:
            ctx = RowContext(row, columns)
            for name, message in iter_errors(error):
                if name in row.refused:
                    continue
                if name == NON_FIELD_ERRORS:
                    ctx.error(message, field="")
                elif name in columns:
                    ctx.error(message, field=name)
                else:  # a field the file has no column for: name it
                    ctx.error(named(importer.model, name, message), field=name)


def named(model: type[models.Model], name: str, message: str) -> str:
    """A message about a field, prefixed with the field's label ("Longitude: …")."""
    return _("%(field)s: %(message)s") % {"field": field_label(model, name), "message": message}


def _check_length(model: type[models.Model], name: str, value: Any, ctx: RowContext) -> None:
    """A text longer than its column takes, refused in the words the form and the API
    use (Django's MaxLengthValidator)."""
    if not isinstance(value, str) or not is_model_field(model, name):
        return
    limit = model_fields(model)[name].max_length
    if not limit:
        return
    try:
        MaxLengthValidator(limit)(value)
    except ValidationError as error:
        for message in error.messages:
            ctx.error(message)


def _attach_notice(
    notice: Notice, rows: dict[int, RowResult], headers: list[str], file_issues: list[Issue]
) -> None:
    header = ""
    if notice.column is not None and notice.column - 1 < len(headers):
        header = headers[notice.column - 1]
    issue = Issue(notice.level, notice.message, notice.row, notice.column, header)
    if notice.row is not None and notice.row in rows:
        rows[notice.row].issues.append(issue)
    else:  # the file as a whole, the header row, or a row left empty once read
        file_issues.append(issue)


def find_duplicates(
    importer: Importer, rows: list[RowResult], columns: Mapping[str, tuple[int, str]]
) -> None:
    """Set `match` on each row that looks like an existing record or an earlier row."""
    index: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    blocks: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for existing in importer.existing():
        for key in importer.match_keys(existing):
            if _usable(key):
                index.setdefault(key, []).append(existing)
        for block in importer.near_blocks(existing):
            blocks.setdefault(block, []).append(existing)
    matched: dict[int, int] = {}  # record → the first row that matched it
    in_file: dict[tuple[Any, ...], RowResult] = {}
    for row in rows:
        if row.has_errors and not row.values:
            continue
        ctx = RowContext(row, columns)
        keys = [k for k in importer.match_keys(row.values) if _usable(k)]
        for key in keys:
            record: Mapping[str, Any] | None = None
            for candidate in index.get(key, ()):  # the first that is the same (may warn)
                if importer.same_record(ctx, candidate, key[0]):
                    record = candidate
                    break
            if record is not None:
                row.match = Match(_reason(importer, key[0]), pk=record["pk"])
                break
        if row.match is not None and row.match.pk in matched:
            # Several rows may name one record; each is shown with it, and says so.
            reason = _("%(reason)s; also like row %(row)s") % {
                "reason": row.match.reason,
                "row": matched[row.match.pk],
            }
            row.match = Match(reason, pk=row.match.pk)
        elif row.match is not None and row.match.pk is not None:
            matched[row.match.pk] = row.number
        if row.match is None:
            row.match = _near_match(importer, ctx, blocks)
            if row.match is not None and row.match.pk is not None:
                matched.setdefault(row.match.pk, row.number)
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


def _near_match(
    importer: Importer, row: RowContext, blocks: Mapping[tuple[Any, ...], list[Mapping[str, Any]]]
) -> Match | None:
    """The existing record a row resembles most, from the importer's threshold, among
    the records of its groups that `same_record` does not tell apart."""
    best: tuple[float, Mapping[str, Any]] | None = None
    seen: set[Any] = set()
    for block in importer.near_blocks(row.values):
        for candidate in blocks.get(block, ()):
            if candidate["pk"] in seen:
                continue
            seen.add(candidate["pk"])
            score = importer.resemblance(row.values, candidate)
            if score >= importer.near_threshold and (best is None or score > best[0]):
                best = (score, candidate)
    if best is None or not importer.same_record(row, best[1], "near"):
        return None
    percent = int(best[0] * 100)
    return Match(str(importer.near_reason) % {"percent": percent}, pk=best[1]["pk"])


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
