"""The steps of an import from the pages: upload, map the columns, preview, confirm; and
the job that writes it. Each step is a service function; the views only call them."""

from __future__ import annotations

import uuid
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core.exports import write_table
from maillage.core.imports.engine import DECISIONS, SKIP, Importer, get_importer
from maillage.core.imports.mapping import initial_mapping, mapping_errors, remember_mapping
from maillage.core.imports.preview import Preview, build_preview, find_header_row, sheet_headers
from maillage.core.imports.readers import ImportFileError, Sheet, read_table
from maillage.core.imports.writer import ImportAborted, commit, issue_report_rows, report_rows
from maillage.core.jobs import JobRecovery, register_recovery, start_job
from maillage.core.models import ImportSession, ImportState, Job

JOB_HANDLER = "maillage.core.imports.sessions.run_import"
# What the person chose at the preview: every row or none (the default), or the valid
# rows, with the rejected ones given back as a file.
ALL_OR_NOTHING, VALID_ROWS = "all", "valid"
MODES = (ALL_OR_NOTHING, VALID_ROWS)


def open_session(
    *, importer: type[Importer], upload: IO[bytes], name: str, user: Any
) -> ImportSession:
    """Check and keep an uploaded file; find its header row and a first mapping.

    Raises `ImportFileError` (nothing kept) when the file cannot be imported at all.
    """
    sheet = read_table(upload)
    header_index = find_header_row(sheet, importer)
    headers = sheet_headers(sheet, header_index)
    if len(sheet.rows) <= header_index + 1:
        raise ImportFileError(
            _("The file has a header row but no data: add one row per record below it.")
        )
    mapping, _remembered = initial_mapping(importer, headers)
    upload.seek(0)
    session = ImportSession(
        importer=importer.name,
        original_name=(name or "")[-255:],
        file_format=sheet.format,
        header_index=header_index,
        headers=headers,
        mapping=mapping,
        created_by=user,
    )
    session.file.save(f"{uuid.uuid4().hex}.{sheet.format}", File(upload), save=False)
    session.save()
    return session


def load_sheet(session: ImportSession) -> Sheet:
    with session.file.open("rb") as stored:
        return read_table(stored)


def column_samples(session: ImportSession, count: int = 3) -> list[list[str]]:
    """A few values of each column, to help the person recognise it while mapping."""
    sheet = load_sheet(session)
    rows = sheet.rows[session.header_index + 1 : session.header_index + 1 + count]
    samples: list[list[str]] = [[] for _ in session.headers]
    for _number, cells in rows:
        for index, value in enumerate(cells[: len(samples)]):
            if value not in (None, ""):
                samples[index].append(str(value)[:60])
    return samples


def preview_session(*, session: ImportSession, mapping: list[str], user: Any) -> Preview:
    """Check every row with this mapping and keep what the preview page shows."""
    importer_class = get_importer(session.importer)
    errors = mapping_errors(importer_class, mapping)
    if errors:
        raise ImportAborted(" ".join(errors))
    preview = build_preview(
        importer_class(user=user),
        load_sheet(session),
        mapping,
        header_index=session.header_index,
    )
    remember_mapping(importer_class, session.headers, mapping, user)
    session.mapping = mapping
    session.preview = preview.to_json()
    session.decisions = {}
    session.state = ImportState.PREVIEWED
    session.save(update_fields=["mapping", "preview", "decisions", "state"])
    return preview


def confirm_session(
    *,
    session: ImportSession,
    decisions: dict[int, str],
    default: str,
    user: Any,
    mode: str = ALL_OR_NOTHING,
) -> Job:
    """Start the job that writes the preview, with the choices made for duplicates: all
    or nothing (a clean preview), or the valid rows (`mode=VALID_ROWS`)."""
    if session.state != ImportState.PREVIEWED:
        raise ImportAborted(_("This import was already started."))
    preview = session.preview
    if mode == VALID_ROWS:
        if preview.get("file_errors") or not preview.get("valid_rows", 0):
            raise ImportAborted(_("No row of the file can be imported: correct it first."))
    elif preview.get("errors"):
        raise ImportAborted(_("The file still has errors: correct them and upload it again."))
    session.decisions = {
        "default": default if default in DECISIONS else SKIP,
        "rows": {str(row): d for row, d in decisions.items() if d in DECISIONS},
        "mode": mode if mode in MODES else ALL_OR_NOTHING,
    }
    session.state = ImportState.QUEUED
    # Conditional: of two confirmations sent at once (or a confirmation and a retry of a
    # job whose process died), one starts the import.
    if not ImportSession.objects.filter(pk=session.pk, state=ImportState.PREVIEWED).update(
        decisions=session.decisions, state=ImportState.QUEUED
    ):
        raise ImportAborted(_("This import was already started."))
    importer_class = get_importer(session.importer)
    job = start_job(
        handler=JOB_HANDLER,
        title=_("Import of %(what)s from %(file)s")
        % {"what": importer_class.verbose_name_plural(), "file": session.original_name},
        params={"session": session.pk},
        user=user,
    )
    ImportSession.objects.filter(pk=session.pk).update(job=job)
    return job


def run_import(ctx: Any) -> None:
    """Job handler: check the file again (the database may have changed since the
    preview), then write every row or none, and leave a report of what became of each."""
    session = ImportSession.objects.get(pk=ctx.params["session"], created_by=ctx.user)
    importer_class = get_importer(session.importer)
    importer = importer_class(user=ctx.user)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    valid_rows_only = session.decisions.get("mode") == VALID_ROWS
    try:
        sheet = load_sheet(session)
        ctx.set_total(2 * max(0, len(sheet.rows) - session.header_index - 1))
        preview = build_preview(
            importer, sheet, session.mapping, header_index=session.header_index,
            progress=ctx.advance,
        )  # fmt: skip
        if not preview.is_clean and not valid_rows_only:
            errors = [i for i in preview.issues() if i.level == "error"]
            for issue in errors[:20]:
                ctx.message(str(issue), "error")
            headers, rows = issue_report_rows(errors)
            ctx.save_file(f"{importer.name}-errors-{stamp}.csv", write_table("csv", headers, rows))
            raise ImportAborted(
                ngettext(
                    "The file has %(count)s error now; nothing was imported.",
                    "The file has %(count)s errors now; nothing was imported.",
                    len(errors),
                )
                % {"count": len(errors)}
            )
        # The writing runs in one transaction: its progress is saved inside it too, so the
        # job page sees the checking half move, then the writing half all at once.
        rows_decided = session.decisions.get("rows", {})
        expected = {d["row"]: d.get("pk") for d in session.preview.get("duplicates", [])}
        outcomes = commit(
            importer,
            preview,
            decisions={int(row): d for row, d in rows_decided.items()},
            default=session.decisions.get("default", SKIP),
            expected=expected,
            progress=ctx,
            valid_rows_only=valid_rows_only,
        )
    except (ImportFileError, ImportAborted) as error:
        ctx.message(str(error), "error")
        _finish(session, ImportState.FAILED)
        raise
    except Exception as error:
        ctx.message(
            _("The database refused the import (%(error)s); nothing was imported.")
            % {"error": str(error)[:300]},
            "error",
        )
        _finish(session, ImportState.FAILED)
        raise
    rejected = {o.row: o.detail for o in outcomes if o.action == "rejected"}
    if rejected:
        # The rejected rows, given back as they came (same format, same columns) with
        # the reason beside each: corrected, the file is imported again as it is.
        fmt = session.file_format if session.file_format in ("csv", "xlsx", "ods") else "csv"
        given_back = rejected_rows(sheet, session.header_index, rejected)
        name = f"{importer.name}-rejected-{stamp}.{fmt}"
        ctx.save_file(name, write_table(fmt, *given_back))
    else:
        headers, rows = report_rows(outcomes)
        ctx.save_file(f"{importer.name}-import-{stamp}.csv", write_table("csv", headers, rows))
    ctx.message(summary(outcomes, len(preview.rows)))
    _finish(session, ImportState.DONE)


def rejected_rows(
    sheet: Sheet, header_index: int, reasons: dict[int, str]
) -> tuple[list[str], list[list[Any]]]:
    """The header row and the rejected rows of the file, each with its reason last."""
    header_cells = sheet.rows[header_index][1]
    width = max([len(header_cells)] + [len(c) for n, c in sheet.rows if n in reasons])
    headers = [sheet_cell(c) for c in header_cells] + [""] * (width - len(header_cells))
    rows = [
        [*cells, *([None] * (width - len(cells))), reasons[number]]
        for number, cells in sheet.rows[header_index + 1 :]
        if number in reasons
    ]
    return [*headers, _("Reason for rejection")], rows


def sheet_cell(value: Any) -> str:
    return "" if value is None else str(value)


def summary(outcomes: list[Any], total: int) -> str:
    counts = dict.fromkeys(("created", "updated", "unchanged", "skipped", "rejected"), 0)
    for outcome in outcomes:
        counts[outcome.action] = counts.get(outcome.action, 0) + 1
    parts = [
        ngettext("%(count)s created", "%(count)s created", counts["created"]),
        ngettext("%(count)s updated", "%(count)s updated", counts["updated"]),
        ngettext("%(count)s unchanged", "%(count)s unchanged", counts["unchanged"]),
        ngettext("%(count)s skipped", "%(count)s skipped", counts["skipped"]),
    ]
    numbers = [counts["created"], counts["updated"], counts["unchanged"], counts["skipped"]]
    said = [part % {"count": n} for part, n in zip(parts, numbers, strict=True)]
    if counts["rejected"]:
        said.append(
            ngettext(
                "%(count)s rejected (given back in a file with the reason)",
                "%(count)s rejected (given back in a file with their reasons)",
                counts["rejected"],
            )
            % {"count": counts["rejected"]}
        )
    rows = ngettext("%(total)s row", "%(total)s rows", total) % {"total": total}
    return _("%(rows)s: %(outcomes)s.") % {"rows": rows, "outcomes": ", ".join(said)}


def _finish(session: ImportSession, state: str) -> None:
    session.state = state
    fields = ["state"]
    if state == ImportState.DONE and session.file:
        # The people's data came in for the import; once written it is not kept twice.
        session.file.delete(save=False)
        fields.append("file")
    with transaction.atomic():
        session.save(update_fields=fields)


class ImportRecovery(JobRecovery):
    """An import whose process died wrote nothing (its rows go in one transaction): its
    file goes back to the preview, to be confirmed again there or retried from the job."""

    def on_dead(self, job: Job) -> None:
        ImportSession.objects.filter(job=job, state=ImportState.QUEUED).update(
            state=ImportState.PREVIEWED
        )

    def may_retry(self, job: Job) -> bool:
        return ImportSession.objects.filter(job=job, state=ImportState.PREVIEWED).exists()

    def before_retry(self, job: Job) -> bool:
        # Once: confirmed again from the preview meanwhile, it is another job's.
        return bool(
            ImportSession.objects.filter(job=job, state=ImportState.PREVIEWED).update(
                state=ImportState.QUEUED
            )
        )


register_recovery(JOB_HANDLER, ImportRecovery())
