"""Evidence files of indicator values through the API (`POST /api/indicator-values/{id}/
evidence`, multipart `file`): checked by content as on the value's page, allowed to
whoever may change the value, listed with a download address that checks who sees it."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.results.models import IndicatorValue, ValueEvidence, ValueStatus
from tests.querycount import assert_constant_queries
from tests.results.factories import ValueFactory, indicator_with_periods

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _value(project, status=ValueStatus.DRAFT, entered_by=None):
    _indicator, (period,) = indicator_with_periods(project, years=(2026,))
    return ValueFactory(period=period, status=status, entered_by=entered_by)


def _upload(client, value, content=PDF, name="émargement.pdf"):
    return client.post(
        f"/api/indicator-values/{value.pk}/evidence",
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_partner_attaches_evidence_to_its_own_draft_and_downloads_it(
    client, partner, partner_project
):
    value = _value(partner_project, entered_by=partner)
    client.force_login(partner)
    response = _upload(client, value)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["original_name"] == "émargement.pdf"
    evidence = ValueEvidence.objects.get(value=value)
    assert body["id"] == evidence.pk
    detail = client.get(f"/api/indicator-values/{value.pk}").json()
    assert [e["id"] for e in detail["evidence"]] == [evidence.pk]
    download = client.get(detail["evidence"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_download_address_checks_who_sees_the_value(client, partner, officer, other_project):
    value = _value(other_project, entered_by=officer)
    client.force_login(officer)
    url = _upload(client, value).json()["url"]
    client.force_login(partner)
    assert client.get(url).status_code == 404


def test_a_partner_cannot_attach_evidence_to_an_approved_value(client, partner, partner_project):
    value = _value(partner_project, status=ValueStatus.APPROVED, entered_by=partner)
    client.force_login(partner)
    assert _upload(client, value).status_code == 403
    assert not ValueEvidence.objects.exists()


def test_a_partner_cannot_attach_evidence_to_another_projects_value(client, partner, other_project):
    value = _value(other_project)
    client.force_login(partner)
    assert _upload(client, value).status_code == 404
    assert not ValueEvidence.objects.exists()


def test_an_officer_attaches_evidence_to_any_value(client, officer, partner_project):
    value = _value(partner_project, status=ValueStatus.APPROVED)
    client.force_login(officer)
    assert _upload(client, value).status_code == 201


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
        ("rapport.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)),
        ("vide.pdf", b""),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_naming_file(
    client, partner, partner_project, name, content
):
    value = _value(partner_project, entered_by=partner)
    client.force_login(partner)
    response = _upload(client, value, content=content, name=name)
    assert response.status_code == 400
    assert "file" in response.json()
    assert not ValueEvidence.objects.exists()


def test_a_missing_file_is_a_400_naming_file(client, partner, partner_project):
    value = _value(partner_project, entered_by=partner)
    client.force_login(partner)
    response = client.post(f"/api/indicator-values/{value.pk}/evidence", {})
    assert response.status_code == 400 and "file" in response.json()


def test_the_page_still_refuses_a_bad_file_on_its_evidence_field(client, partner, partner_project):
    value = _value(partner_project, entered_by=partner)
    client.force_login(partner)
    response = client.post(
        reverse("results:indicatorvalue_update", args=[value.pk]),
        {
            "period": value.period_id,
            "value": "10",
            "status": "draft",
            "version": value.version,
            "evidence": SimpleUploadedFile("faux.pdf", b"<svg onload=alert(1)>"),
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors.get("evidence")
    assert not ValueEvidence.objects.exists()


def test_the_value_detail_api_makes_as_many_queries_with_many_evidence_files(
    client, partner, partner_project
):
    value = _value(partner_project, entered_by=partner)

    def grow(n):
        for i in range(n):
            evidence = ValueEvidence(value=value, original_name=f"preuve-{i}.pdf")
            evidence.file.save(f"preuve-{i}.pdf", ContentFile(PDF), save=True)

    client.force_login(partner)
    assert_constant_queries(client, f"/api/indicator-values/{value.pk}", grow=grow)
    assert IndicatorValue.objects.get(pk=value.pk).evidence.count() == 20
