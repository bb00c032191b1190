"""Grants: only a granted application becomes one, tied to its financing agreement; the
tranche schedule adds up to the amount; bad amounts are refused naming the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.funding.models import ApplicationStatus, Tranche
from maillage.funding.services.grants import GrantService, TrancheService
from tests.funding.factories_calls import ApplicationFactory, GrantFactory
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def _data(**extra):
    return {
        "application": ApplicationFactory(status=ApplicationStatus.GRANTED),
        "agreement": AgreementFactory(),
        "amount": Decimal("100000.00"),
        "currency": "EUR",
        **extra,
    }


def test_only_a_granted_application_becomes_a_grant(officer):
    with pytest.raises(ValidationError) as refused:
        GrantService.create(
            data=_data(application=ApplicationFactory(status=ApplicationStatus.SUBMITTED)),
            by=officer,
        )
    assert "application" in refused.value.message_dict


def test_a_schedule_given_whole_must_add_up_to_the_grant(officer):
    rows = [{"expected_amount": Decimal("40000")}, {"expected_amount": Decimal("40000")}]
    with pytest.raises(ValidationError) as refused:
        GrantService.create(data=_data(tranches=rows), by=officer)
    assert "tranches" in refused.value.message_dict
    assert not Tranche.objects.exists()  # nothing half-saved
    rows.append({"expected_amount": Decimal("20000"), "held_back": True})
    grant = GrantService.create(data=_data(tranches=rows), by=officer)
    assert [t.expected_amount for t in grant.tranches.order_by("position")] == [
        Decimal("40000.00"),
        Decimal("40000.00"),
        Decimal("20000.00"),
    ]


def test_a_tranche_may_not_take_the_schedule_past_the_amount(officer):
    grant = GrantFactory(amount=Decimal("50000"))
    TrancheService.create(data={"grant": grant, "expected_amount": Decimal("30000")}, by=officer)
    with pytest.raises(ValidationError) as refused:
        TrancheService.create(
            data={"grant": grant, "expected_amount": Decimal("30000")}, by=officer
        )
    assert "expected_amount" in refused.value.message_dict
    with pytest.raises(ValidationError) as lowered:
        GrantService.update(obj=grant, data={"amount": Decimal("20000")}, by=officer)
    assert "amount" in lowered.value.message_dict


@pytest.mark.parametrize("amount", [Decimal("-5"), Decimal("5000000000")])
def test_negative_or_absurd_amounts_are_refused(officer, amount):
    with pytest.raises(ValidationError) as refused:
        GrantService.create(data=_data(amount=amount), by=officer)
    assert "amount" in refused.value.message_dict


def test_the_api_refuses_a_schedule_that_does_not_add_up(client, officer):
    client.force_login(officer)
    data = _data()
    body = {
        "application": data["application"].pk,
        "agreement": data["agreement"].pk,
        "amount": "100000.00",
        "currency": "EUR",
        "tranches": [{"expected_amount": "80000.00"}],
    }
    refused = client.post("/api/grants", body, content_type="application/json")
    assert refused.status_code == 400
    assert "tranches" in refused.json()
    body["tranches"].append({"expected_amount": "20000.00", "held_back": True})
    created = client.post("/api/grants", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert len(created.json()["tranches"]) == 2


def _schedule_post(grant, amounts):
    data = {
        "version": grant.version,
        "tranches-TOTAL_FORMS": str(len(amounts)),
        "tranches-INITIAL_FORMS": "0",
        "tranches-MIN_NUM_FORMS": "0",
        "tranches-MAX_NUM_FORMS": "40",
    }
    for index, amount in enumerate(amounts):
        data[f"tranches-{index}-expected_amount"] = amount
        data[f"tranches-{index}-expected_on"] = f"202{6 + index}-03-31"
    data[f"tranches-{len(amounts) - 1}-held_back"] = "on"
    return data


def test_the_schedule_page_refuses_a_schedule_that_does_not_add_up(client, officer):
    from django.urls import reverse

    grant = GrantFactory(amount=Decimal("100000"))
    client.force_login(officer)
    url = reverse("funding:grant_schedule", args=[grant.pk])
    refused = client.post(url, _schedule_post(grant, ["40000", "40000"]))
    assert refused.status_code == 422
    assert "100" in refused.content.decode() and not grant.tranches.exists()
    saved = client.post(url, _schedule_post(grant, ["40000", "40000", "20000"]))
    assert saved.status_code == 302
    assert [t.held_back for t in grant.tranches.order_by("position")] == [False, False, True]
