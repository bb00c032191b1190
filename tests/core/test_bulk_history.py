"""Bulk creation copies each record's first version with one `INSERT … SELECT` (the
database writes the history rows; issue 16's import throughput): the history is the one
simple-history's `bulk_create_with_history` wrote, row for row, and nothing of it stays
when the transaction fails. Runs on both databases (the suite's DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import transaction
from django.utils import translation

from maillage.accounts.models import Role
from maillage.actors.imports import OrganisationImporter
from maillage.actors.models import Organisation, OrganisationType
from maillage.core import services
from maillage.core.imports import build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import sheet_headers
from maillage.core.imports.writer import ImportAborted
from maillage.core.services import bulk_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=False)

COMPARED = ("history_type", "history_change_reason", "history_user_id", "history_date")


def organisations(prefix: str, n: int = 3) -> list[Organisation]:
    return [
        Organisation(
            name=f"{prefix} {i}",
            type=OrganisationType.ASSOCIATION,
            country="FR",
            postcode="59000",
            city="Lille",
            email=f"contact{i}@{prefix.lower()}.fr",
            notes=f"Note {i}",
        )
        for i in range(n)
    ]


def history_rows(pks: list[int]) -> list[dict]:
    """Each record's versions as dicts, without the history's own id."""
    rows = Organisation.history.filter(id__in=pks).order_by("id", "history_id").values()
    return [{k: v for k, v in row.items() if k != "history_id"} for row in rows]


def test_the_copied_first_versions_are_those_simple_history_writes(monkeypatch):
    user = UserFactory(role=Role.OFFICER)
    when = dt.datetime(2026, 12, 6, 8, 30, tzinfo=dt.UTC)
    assert services.copies_first_versions(Organisation, organisations("Essai"))
    monkeypatch.setattr(services.timezone, "now", lambda: when)
    copied = bulk_save(Organisation, organisations("Copie"), by=user, reason="Import")
    monkeypatch.setattr(services, "copies_first_versions", lambda model, objs: False)
    built = bulk_save(Organisation, organisations("Objet"), by=user, reason="Import")
    fast, slow = history_rows([o.pk for o in copied]), history_rows([o.pk for o in built])
    assert len(fast) == len(slow) == 3
    for mine, theirs in zip(fast, slow, strict=True):
        assert {k: mine[k] for k in COMPARED} == {k: theirs[k] for k in COMPARED}
        assert mine["history_type"] == "+" and mine["history_user_id"] == user.pk
        assert mine["history_date"] == when and mine["history_change_reason"] == "Import"
        # Every field of the record as stored, the same way (names differ by prefix only).
        different = {k for k in mine if mine[k] != theirs[k]}
        assert different <= {"id", "name", "email", "search_text", "created_at", "updated_at"}
    record = Organisation.objects.get(pk=copied[0].pk)
    first = record.history.get()
    for field in Organisation.history.model.tracked_fields:
        assert getattr(first, field.attname) == getattr(record, field.attname), field.name


def test_a_row_with_its_own_reason_keeps_it_through_simple_history():
    user = UserFactory(role=Role.OFFICER)
    rows = organisations("Motif", 2)
    rows[1]._change_reason = "fusion"
    created = bulk_save(Organisation, rows, by=user, reason="Import")
    reasons = [Organisation.history.get(id=o.pk).history_change_reason for o in created]
    assert reasons == ["Import", "fusion"]


def test_no_reason_and_no_user_are_kept_as_none():
    created = bulk_save(Organisation, organisations("Anonyme", 1), by=None, reason=None)
    first = Organisation.history.get(id=created[0].pk)
    assert first.history_user_id is None and first.history_change_reason is None


def test_a_failure_after_the_copy_leaves_no_history_row(monkeypatch):
    user = UserFactory(role=Role.OFFICER)
    before = Organisation.history.count()

    def broken(objs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("maillage.core.search.index", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk_save(Organisation, organisations("Perdu"), by=user, reason="Import")
    assert not Organisation.objects.filter(name__startswith="Perdu").exists()
    assert Organisation.history.count() == before


def preview_of(text: str, user):
    sheet = read_table(io.BytesIO(text.encode()))
    mapping = auto_mapping(sheet_headers(sheet, 0), OrganisationImporter)
    importer = OrganisationImporter(user=user)
    return importer, build_preview(importer, sheet, mapping)


def test_an_imported_row_has_its_history_as_before():
    user = UserFactory(role=Role.OFFICER, language="en")
    text = (
        "Nom;Type;Code postal;Ville;Courriel\n"
        "Association des Flandres;Association;59000;Lille;a@b.fr\n"
    )
    with translation.override("en"):
        importer, preview = preview_of(text, user)
        (outcome,) = commit(importer, preview)
    record = Organisation.objects.get(pk=outcome.pk)
    first = record.history.get()
    assert first.history_type == "+" and first.history_user == user
    assert first.history_change_reason == "Import from a file"
    assert (first.name, first.postcode, first.email, first.departement) == (
        "Association des Flandres",
        "59000",
        "a@b.fr",
        "59",
    )
    assert first.search_text == record.search_text and "flandres" in first.search_text


def test_an_import_failing_in_its_second_batch_leaves_no_history(monkeypatch):
    user = UserFactory(role=Role.OFFICER, language="en")
    before = Organisation.history.count()
    rows = "".join(f"Association {n};Association;Ville {n}\n" for n in range(7))
    monkeypatch.setattr(OrganisationImporter, "batch_size", 3)
    importer, preview = preview_of("Nom;Type;Ville\n" + rows, user)
    real = services.bulk_save
    calls = []

    def failing(model, objs, **kwargs):
        calls.append(len(objs))
        if model is Organisation and len(calls) > 1:
            raise ImportAborted("stopped")
        return real(model, objs, **kwargs)

    monkeypatch.setattr(services, "bulk_save", failing)
    with pytest.raises(ImportAborted):
        commit(importer, preview)
    assert calls[0] == 3  # the first batch was written, with its history, then undone
    assert not Organisation.objects.exists()
    assert Organisation.history.count() == before
