"""Agreements: dates, amendments, the 90-day warning, rows and files."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from maillage.core.dates import END_BEFORE_START
from maillage.partnerships.forms import MAX_FILE_BYTES, AgreementFileForm
from maillage.partnerships.models import Agreement, AgreementFile, AgreementStatus, Amendment
from tests.partnerships.factories import PDF, AgreementFactory, AmendmentFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def _form_data(**extra):
    data = {
        "title": "Convention de projet",
        "kind": "project",
        "status": "draft",
        "currency": "EUR",
        "start_on": "2026-01-01",
        "end_on": "2027-12-31",
    }
    return data | extra


def test_an_agreement_ending_before_it_starts_is_refused_by_the_form_and_nothing_is_saved(
    client, officer, partner_project
):
    client.force_login(officer)
    data = _form_data(end_on="2025-12-31", projects=[partner_project.pk])
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 422
    assert str(END_BEFORE_START) in response.content.decode()
    assert not Agreement.all_objects.exists()
    assert not Agreement.projects.through.objects.exists()


def test_an_agreement_in_order_is_created_with_its_projects(client, officer, partner_project):
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:agreement_create"), _form_data(projects=[partner_project.pk])
    )
    assert response.status_code == 302
    assert list(Agreement.objects.get().projects.all()) == [partner_project]


def test_an_agreement_ending_before_it_starts_is_refused_by_the_api_and_nothing_is_saved(
    client, officer, partner_project
):
    client.force_login(officer)
    payload = _form_data(end_on="2025-06-30", projects=[partner_project.pk])
    response = client.post("/api/agreements", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["end_on"] == [str(END_BEFORE_START)]
    assert not Agreement.all_objects.exists()


def test_the_api_refuses_an_update_that_puts_the_end_before_the_start(client, officer):
    agreement = AgreementFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2026, 1, 1))
    client.force_login(officer)
    response = client.patch(
        f"/api/agreements/{agreement.pk}", {"start_on": "2026-06-01"}, "application/json"
    )
    assert response.status_code == 400
    agreement.refresh_from_db()
    assert agreement.start_on == dt.date(2025, 1, 1)


def test_the_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(start_on=dt.date(2026, 1, 1), end_on=dt.date(2025, 1, 1))


def test_the_effective_end_and_amount_are_those_of_the_last_amendment_changing_them():
    agreement = AgreementFactory(
        start_on=dt.date(2005, 5, 20), end_on=dt.date(2011, 5, 19), amount=Decimal("1000")
    )
    AmendmentFactory(
        agreement=agreement,
        number=1,
        signed_on=dt.date(2011, 4, 1),
        new_end_on=dt.date(2017, 5, 19),
    )
    AmendmentFactory(
        agreement=agreement, number=3, signed_on=dt.date(2023, 4, 1), new_amount=Decimal("1500")
    )
    AmendmentFactory(
        agreement=agreement,
        number=2,
        signed_on=dt.date(2017, 3, 1),
        new_end_on=dt.date(2023, 5, 19),
    )
    fresh = Agreement.objects.get(pk=agreement.pk)
    assert fresh.effective_end_on == dt.date(2023, 5, 19)
    assert fresh.effective_amount == Decimal("1500")
    annotated = Agreement.objects.with_effective().get(pk=agreement.pk)
    assert annotated.effective_end_on == dt.date(2023, 5, 19)
    assert annotated.effective_amount == Decimal("1500")
    prefetched = Agreement.objects.prefetch_related("amendments").get(pk=agreement.pk)
    assert prefetched.effective_end_on == dt.date(2023, 5, 19)


def test_without_amendment_the_initial_end_and_amount_hold():
    agreement = AgreementFactory(end_on=dt.date(2027, 1, 1), amount=Decimal("10"))
    assert agreement.effective_end_on == dt.date(2027, 1, 1)
    assert Agreement.objects.with_effective().get().effective_amount == Decimal("10")


@pytest.mark.parametrize(
    ("days", "status", "flagged"),
    [
        (0, AgreementStatus.IN_FORCE, True),
        (90, AgreementStatus.IN_FORCE, True),
        (91, AgreementStatus.IN_FORCE, False),
        (-1, AgreementStatus.IN_FORCE, False),
        (30, AgreementStatus.SIGNED, True),
        (30, AgreementStatus.TERMINATED, False),
        (30, AgreementStatus.DRAFT, False),
    ],
)
def test_an_agreement_is_flagged_when_it_ends_within_90_days(days, status, flagged):
    agreement = AgreementFactory(
        start_on=dt.date(2020, 1, 1), end_on=TODAY + dt.timedelta(days=days), status=status
    )
    assert agreement.expires_soon(TODAY) is flagged
    assert Agreement.objects.expiring(TODAY).filter(pk=agreement.pk).exists() is flagged


def test_an_amendment_extending_the_agreement_lifts_the_warning():
    agreement = AgreementFactory(start_on=dt.date(2020, 1, 1), end_on=TODAY + dt.timedelta(days=30))
    AmendmentFactory(agreement=agreement, new_end_on=TODAY + dt.timedelta(days=400))
    assert not Agreement.objects.get().expires_soon(TODAY)
    assert not Agreement.objects.expiring(TODAY).exists()


def test_the_expiring_filter_and_badge_of_the_list(client, officer):
    from django.utils import timezone

    today = timezone.localdate()
    soon = AgreementFactory(title="Bientôt échue", end_on=today + dt.timedelta(days=10))
    AgreementFactory(title="Lointaine", end_on=today + dt.timedelta(days=400))
    client.force_login(officer)
    page = client.get(reverse("partnerships:agreement_list"), {"expiring": "on"}).content.decode()
    assert soon.title in page and "Lointaine" not in page
    assert "badge-alert" in page
    detail = client.get(soon.get_absolute_url()).content.decode()
    assert "badge-alert" in detail


def test_an_amendment_ending_before_the_agreement_starts_is_refused(client, officer):
    agreement = AgreementFactory(start_on=dt.date(2025, 1, 1))
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:amendment_add", args=[agreement.pk]),
        {"number": "1", "signed_on": "2025-06-01", "new_end_on": "2024-12-31"},
    )
    assert response.status_code == 422
    assert "date de début de la convention" in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_second_amendment_with_the_same_number_is_refused_with_a_message(client, officer):
    agreement = AgreementFactory()
    AmendmentFactory(agreement=agreement, number=1)
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:amendment_add", args=[agreement.pk]),
        {"number": "1", "signed_on": "2026-06-01"},
    )
    assert response.status_code == 422
    assert Amendment.objects.count() == 1


def test_an_amendment_is_added_from_the_agreement_page(client, officer):
    agreement = AgreementFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2026, 1, 1))
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:amendment_add", args=[agreement.pk]),
        {"number": "1", "signed_on": "2025-12-01", "new_end_on": "2028-12-31"},
    )
    assert response.status_code == 302
    assert Agreement.objects.get().effective_end_on == dt.date(2028, 12, 31)


# -- files ------------------------------------------------------------------------------


def _file_form(content: bytes, name: str) -> AgreementFileForm:
    return AgreementFileForm(
        {"title": "Convention signée", "kind": "signed"},
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_signed_pdf_is_accepted():
    form = _file_form(PDF, "convention.pdf")
    assert form.is_valid(), form.errors


def test_a_web_page_named_pdf_is_refused():
    form = _file_form(b"<html><script>alert(1)</script></html>", "convention.pdf")
    assert not form.is_valid()
    assert "file" in form.errors


def test_a_program_is_refused():
    form = _file_form(b"MZ\x90\x00" + b"\x00" * 100, "convention.pdf")
    assert not form.is_valid()


def test_a_file_over_the_size_cap_is_refused():
    assert AgreementFileForm.base_fields["file"].max_bytes == MAX_FILE_BYTES
    form = _file_form(PDF + b"0" * 200, "convention.pdf")
    form.fields["file"].max_bytes = 100
    assert not form.is_valid()
    assert "file" in form.errors


def test_an_uploaded_file_is_served_as_an_attachment_to_who_sees_the_agreement(
    client, officer, partner, partner_project, other_project
):
    shared = AgreementFactory(projects=[partner_project])
    hidden = AgreementFactory(projects=[other_project])
    client.force_login(officer)
    for agreement in (shared, hidden):
        response = client.post(
            reverse("partnerships:agreementfile_add", args=[agreement.pk]),
            {"title": "Signée", "kind": "signed", "file": SimpleUploadedFile("c.pdf", PDF)},
        )
        assert response.status_code == 302
    client.force_login(partner)
    shared_file = AgreementFile.objects.get(agreement=shared)
    response = client.get(shared_file.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    hidden_file = AgreementFile.objects.get(agreement=hidden)
    assert client.get(hidden_file.get_absolute_url()).status_code == 404
