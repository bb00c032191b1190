"""An instrument's rules are data an administrator edits; a rule that contradicts itself
is refused on the field it is about, by every door, and nothing is saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from maillage.accounts.models import Role
from maillage.core.services import error_dict, service_for
from maillage.funding.models import Instrument
from tests.factories import UserFactory
from tests.funding.factories_plans import DonorFactory, InstrumentFactory

pytestmark = pytest.mark.django_db

CONTRADICTIONS = [
    ({"min_amount": Decimal("50000"), "max_amount": Decimal("10000")}, "min_amount"),
    ({"min_duration_months": 36, "max_duration_months": 12}, "min_duration_months"),
    (
        {"eligible_cost_categories": ["staff", "travel"], "ineligible_cost_categories": ["travel"]},
        "ineligible_cost_categories",
    ),
    ({"max_share_percent": Decimal("120")}, "max_share_percent"),
    ({"in_kind_cap_percent": Decimal("-5")}, "in_kind_cap_percent"),
    ({"held_back_percent": Decimal("100.5")}, "held_back_percent"),
    ({"min_amount": Decimal("-1")}, "min_amount"),
    ({"eligible_countries": ["XX"]}, "eligible_countries"),
    ({"eligible_applicant_types": ["dragon"]}, "eligible_applicant_types"),
]


def _values(donor, **rules):
    return {"donor": donor, "name": "Appel", "currency": "EUR", **rules}


@pytest.mark.parametrize(("rules", "field"), CONTRADICTIONS)
def test_a_self_contradicting_rule_is_refused_on_its_field_by_the_service(rules, field):
    admin = UserFactory(role=Role.ADMIN)
    with pytest.raises(ValidationError) as refused:
        service_for(Instrument).create(data=_values(DonorFactory(), **rules), by=admin)
    assert field in error_dict(refused.value)
    assert not Instrument.objects.exists()


def test_the_messages_say_what_contradicts_what():
    admin = UserFactory(role=Role.ADMIN)
    data = _values(
        DonorFactory(),
        min_amount=Decimal("50000"),
        max_amount=Decimal("10000"),
        eligible_cost_categories=["staff"],
        ineligible_cost_categories=["staff"],
        max_share_percent=Decimal("150"),
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        service_for(Instrument).create(data=data, by=admin)
    errors = error_dict(refused.value)
    assert errors["min_amount"] == ["The minimum amount cannot be above the maximum amount."]
    assert errors["ineligible_cost_categories"] == [
        "A cost category cannot be both eligible and ineligible: Staff."
    ]
    assert errors["max_share_percent"] == ["Enter a percentage between 0 and 100."]


def test_the_api_refuses_a_contradicting_rule_with_400_naming_the_field(client):
    client.force_login(UserFactory(role=Role.ADMIN, language="en"))
    donor = DonorFactory()
    response = client.post(
        "/api/instruments",
        {
            "donor": donor.pk,
            "name": "Appel",
            "currency": "EUR",
            "min_duration_months": 48,
            "max_duration_months": 24,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "min_duration_months" in response.json()
    response = client.post(
        "/api/instruments",
        {"donor": donor.pk, "name": "Appel", "eligible_countries": ["ZZ"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "eligible_countries" in response.json()
    assert not Instrument.objects.exists()


def test_the_page_refuses_a_contradicting_rule_on_its_field(client):
    client.force_login(UserFactory(role=Role.ADMIN, language="en"))
    instrument = InstrumentFactory(max_amount=Decimal("100000"))
    response = client.post(
        reverse("funding:instrument_update", args=[instrument.pk]),
        {
            "version": instrument.version,
            "donor": instrument.donor_id,
            "name": instrument.name,
            "currency": "EUR",
            "in_kind_basis": "applicant",
            "payment_pattern": "yearly",
            "min_amount": "200000",
            "max_amount": "100000",
        },
    )
    assert response.status_code == 422
    assert "min_amount" in response.context["form"].errors
    instrument.refresh_from_db()
    assert instrument.min_amount is None


def test_officers_and_viewers_read_the_rules_only_administrators_write_them(client):
    instrument = InstrumentFactory(max_share_percent=Decimal("50"))
    for role, status in ((Role.OFFICER, 403), (Role.VIEWER, 403), (Role.ADMIN, 200)):
        client.force_login(UserFactory(role=role))
        assert (
            client.get(reverse("funding:instrument_detail", args=[instrument.pk])).status_code
            == 200
        )
        assert (
            client.get(reverse("funding:instrument_update", args=[instrument.pk])).status_code
            == status
        )
        page = client.get(reverse("funding:instrument_detail", args=[instrument.pk]))
        assert (reverse("funding:instrument_update", args=[instrument.pk]) in page.text) == (
            role == Role.ADMIN
        )
    client.force_login(UserFactory(role=Role.OFFICER))
    response = client.patch(
        f"/api/instruments/{instrument.pk}",
        {"max_share_percent": "80"},
        content_type="application/json",
    )
    assert response.status_code == 403
    instrument.refresh_from_db()
    assert instrument.max_share_percent == Decimal("50")


def test_amounts_are_kept_to_the_currency_minor_unit():
    admin = UserFactory(role=Role.ADMIN)
    instrument = service_for(Instrument).create(
        data=_values(
            DonorFactory(), min_amount=Decimal("1000.005"), max_amount=Decimal("9999.994")
        ),
        by=admin,
    )
    instrument.refresh_from_db()
    assert instrument.min_amount == Decimal("1000.01")
    assert instrument.max_amount == Decimal("9999.99")


def test_a_donor_and_a_project_take_their_instruments_and_plan_to_the_trash_and_back():
    from maillage.core.trash import move_to_trash, restore_from_trash
    from maillage.funding.models import FinancingPlan
    from tests.funding.factories_plans import FinancingPlanFactory

    instrument = InstrumentFactory()
    plan = FinancingPlanFactory()
    move_to_trash(instrument.donor)
    move_to_trash(plan.project)
    assert not Instrument.objects.filter(pk=instrument.pk).exists()
    assert not FinancingPlan.objects.filter(pk=plan.pk).exists()
    restore_from_trash(instrument.donor)
    restore_from_trash(plan.project)
    assert Instrument.objects.filter(pk=instrument.pk).exists()
    assert FinancingPlan.objects.filter(pk=plan.pk).exists()
