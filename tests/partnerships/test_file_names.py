"""An agreement's files are stored under generated names with the extension of their
content, and served under their record's name with that extension."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.partnerships.models import AgreementFile, Amendment, CouncilDecision
from tests.factories import OrganisationFactory
from tests.partnerships.factories import PDF, AgreementFactory

pytestmark = pytest.mark.django_db


def test_an_annex_named_html_holding_a_pdf_is_stored_and_served_as_pdf(client, officer):
    agreement = AgreementFactory()
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:agreementfile_add", args=[agreement.pk]),
        {"title": "annex.html", "kind": "annex", "file": SimpleUploadedFile("annex.html", PDF)},
    )
    assert response.status_code == 302
    row = AgreementFile.objects.get()
    assert row.file.name.startswith("partnerships/files/")
    assert row.file.name.endswith(".pdf")
    assert "annex" not in row.file.name
    response = client.get(row.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"annex.pdf\"; filename*=UTF-8''annex.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("what", ["decision", "amendment"])
def test_a_decision_or_an_amendment_is_served_as_pdf_under_its_own_name(client, officer, what):
    agreement = AgreementFactory()
    client.force_login(officer)
    if what == "decision":
        url = reverse("partnerships:councildecision_add", args=[agreement.pk])
        data = {
            "organisation": OrganisationFactory().pk,
            "number": "25/118",
            "decided_on": "2025-11-18",
        }
    else:
        url = reverse("partnerships:amendment_add", args=[agreement.pk])
        data = {"number": "2", "signed_on": "2025-12-01"}
    response = client.post(url, {**data, "file": SimpleUploadedFile("scan.exe.html", PDF)})
    assert response.status_code == 302, response.content.decode()[:2000]
    row = (CouncilDecision if what == "decision" else Amendment).objects.get()
    assert row.file.name.endswith(".pdf") and "scan" not in row.file.name
    response = client.get(
        reverse("partnerships:agreement_document", args=[agreement.pk, what, row.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    ending = r"25-118\.pdf" if what == "decision" else r" 2\.pdf"
    assert re.search(rf'^attachment; filename="[^"/]*{ending}"', response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
