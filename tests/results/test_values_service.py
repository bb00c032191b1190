"""The values workflow's rules, through the service (every door calls it): figures by the
indicator's type and measure, parts adding up, the project of the indicator, the moves
from draft to approval and the lock of approved values."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.results.models import IndicatorKind, IndicatorMeasure, ValueStatus
from maillage.results.services.values import IndicatorValueService
from tests.factories import ProjectFactory
from tests.results.factories import indicator_with_periods, sex_dimension

pytestmark = pytest.mark.django_db


def _errors(call):
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_partner_enters_and_submits_a_value_an_officer_approves_it(
    partner, partner_project, officer
):
    _indicator, (period, _next) = indicator_with_periods(partner_project)
    value = IndicatorValueService.create(
        data={"period": period, "value": Decimal(12), "narrative": "Promotion de janvier"},
        by=partner,
    )
    assert value.status == ValueStatus.DRAFT and value.entered_by == partner
    value = IndicatorValueService.move(obj=value, status=ValueStatus.SUBMITTED, by=partner)
    assert value.submitted_at is not None
    assert "status" in _errors(
        lambda: IndicatorValueService.move(obj=value, status=ValueStatus.APPROVED, by=partner)
    )
    value = IndicatorValueService.move(obj=value, status=ValueStatus.APPROVED, by=officer)
    assert value.approved_by == officer
    locked = _errors(
        lambda: IndicatorValueService.update(obj=value, data={"value": Decimal(13)}, by=partner)
    )
    assert "__all__" in locked
    assert "reason" in _errors(
        lambda: IndicatorValueService.update(obj=value, data={"value": Decimal(13)}, by=officer)
    )
    IndicatorValueService.update(
        obj=value, data={"value": Decimal(13), "reason": "Double compte corrigé"}, by=officer
    )
    assert value.history.first().history_change_reason == "Double compte corrigé"


def test_returning_a_value_needs_a_comment(partner, partner_project, officer):
    _indicator, (period, _next) = indicator_with_periods(partner_project)
    value = IndicatorValueService.create(
        data={"period": period, "value": Decimal(5), "status": ValueStatus.SUBMITTED}, by=partner
    )
    assert "return_comment" in _errors(
        lambda: IndicatorValueService.move(obj=value, status=ValueStatus.RETURNED, by=officer)
    )
    value = IndicatorValueService.move(
        obj=value, status=ValueStatus.RETURNED, by=officer, comment="Feuilles d'émargement ?"
    )
    assert value.return_comment == "Feuilles d'émargement ?"


def test_a_percentage_over_100_is_refused_on_the_value(officer, partner_project):
    _indicator, (period, _next) = indicator_with_periods(
        partner_project, measure=IndicatorMeasure.PERCENTAGE, target=Decimal(60)
    )
    assert "value" in _errors(
        lambda: IndicatorValueService.create(
            data={"period": period, "value": Decimal(120)}, by=officer
        )
    )


def test_a_value_on_an_indicator_of_another_project_is_refused(officer, partner_project):
    _indicator, (period, _next) = indicator_with_periods(ProjectFactory())
    errors = _errors(
        lambda: IndicatorValueService.create(
            data={
                "period": period,
                "value": Decimal(1),
                "project": partner_project,
                "indicator": period.indicator,
            },
            by=officer,
        )
    )
    assert "indicator" in errors


def test_parts_must_add_up_to_the_total_when_the_indicator_says_so(officer, partner_project):
    dimension, women, men = sex_dimension()
    indicator, (period, _next) = indicator_with_periods(partner_project, parts_sum_to_total=True)
    indicator.dimensions.add(dimension)
    errors = _errors(
        lambda: IndicatorValueService.create(
            data={"period": period, "value": Decimal(30), "parts": {women.pk: 10, men.pk: 15}},
            by=officer,
        )
    )
    assert "25" in errors["parts"][0]
    value = IndicatorValueService.create(
        data={"period": period, "value": Decimal(30), "parts": {women.pk: 15, men.pk: 15}},
        by=officer,
    )
    assert sorted(value.parts.values_list("amount", flat=True)) == [15, 15]


def test_a_qualitative_indicator_takes_a_text(officer, partner_project):
    _indicator, (period, _next) = indicator_with_periods(
        partner_project, kind=IndicatorKind.QUALITATIVE, target=None
    )
    assert "text" in _errors(
        lambda: IndicatorValueService.create(
            data={"period": period, "value": Decimal(1)}, by=officer
        )
    )
    IndicatorValueService.create(data={"period": period, "text": "Comité installé"}, by=officer)


def test_a_value_for_a_period_outside_the_project_is_refused(officer):
    project = ProjectFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2025, 12, 31))
    _indicator, (period,) = indicator_with_periods(project, years=(2025,))
    # The project's dates moved since the periods were made.
    project.start_on, project.end_on = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    project.save()
    assert "period" in _errors(
        lambda: IndicatorValueService.create(
            data={"period": period, "value": Decimal(1)}, by=officer
        )
    )
