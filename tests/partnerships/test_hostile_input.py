"""Every form and filter of the area, fed empty and hostile values: never a server error,
never a hostile value echoed unescaped (the crawler does the same once the area is in
the menu)."""

import re

import pytest
from django.urls import reverse

from tests.partnerships.factories import AgreementFactory, CommitmentFactory, PartnershipFactory
from tests.test_crawler import HOSTILE, MARK

pytestmark = pytest.mark.django_db


def _fields(html: str) -> list[str]:
    names = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html)
    return [n for n in dict.fromkeys(names) if n not in ("csrfmiddlewaretoken",)]


def _assert_safe(response, where):
    assert response.status_code < 500, where
    if "html" in response.get("Content-Type", ""):
        assert f'<script>alert("{MARK}")' not in response.content.decode(errors="replace"), where


def test_forms_and_filters_survive_hostile_values(client, officer, partner_project):
    agreement = AgreementFactory(projects=[partner_project])
    commitment = CommitmentFactory(agreement=agreement)
    partnership = PartnershipFactory()
    client.force_login(officer)
    forms = [
        reverse("partnerships:partnership_create"),
        reverse("partnerships:agreement_create"),
        reverse("partnerships:commitment_create"),
        reverse("partnerships:partnership_update", args=[partnership.pk]),
        reverse("partnerships:agreement_update", args=[agreement.pk]),
        reverse("partnerships:commitment_update", args=[commitment.pk]),
        *(
            reverse(f"partnerships:{row}_add", args=[agreement.pk])
            for row in ("agreementparty", "councildecision", "amendment", "agreementfile")
        ),
    ]
    for url in forms:
        names = _fields(client.get(url).content.decode())
        assert names, url
        _assert_safe(client.post(url, {}), url)
        for value in HOSTILE:
            _assert_safe(client.post(url, dict.fromkeys(names, value)), url)
    lists = [
        reverse("partnerships:partnership_list"),
        reverse("partnerships:agreement_list"),
        reverse("partnerships:commitment_list"),
        reverse("partnerships:commitments_by_partner"),
    ]
    for url in lists:
        names = [*_fields(client.get(url).content.decode()), "agreement", "project", "sort"]
        for value in HOSTILE:
            _assert_safe(client.get(url, dict.fromkeys(names, value)), url)
            _assert_safe(client.get(url, {**dict.fromkeys(names, value), "format": "xlsx"}), url)
