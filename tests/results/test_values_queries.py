"""Must show 4: the results pages', the grid's and the values API's query counts do not
grow with the number of indicators, periods and values."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.results.models import IndicatorValue, ValueStatus
from tests.factories import ProgrammeFactory
from tests.querycount import assert_constant_queries
from tests.results.factories import (
    LogframePeriodFactory,
    ValueFactory,
    indicator_with_periods,
    sex_dimension,
)

pytestmark = pytest.mark.django_db


def _grow(project, user=None):
    dimension, women, men = sex_dimension()

    def grow(n):
        for _ in range(n):
            indicator, periods = indicator_with_periods(project, years=(2025, 2026))
            indicator.dimensions.add(dimension)
            for period in periods:
                for status in (ValueStatus.APPROVED, ValueStatus.SUBMITTED):
                    value = ValueFactory(period=period, status=status, entered_by=user)
                    value.parts.create(dimension_value=women, amount=4)
                    value.parts.create(dimension_value=men, amount=6)

    return grow


def test_the_project_results_page_makes_as_many_queries_with_many_indicators(
    client, officer, partner_project
):
    client.force_login(officer)
    url = reverse("results:project_results", args=[partner_project.pk])
    assert_constant_queries(client, url, grow=_grow(partner_project), rows=(2, 8))


def test_the_indicator_page_makes_as_many_queries_with_many_periods_and_values(
    client, officer, partner_project
):
    indicator, _periods = indicator_with_periods(partner_project, years=(2025,))

    def grow(n):
        for _ in range(n):
            start = dt.date(2026, 1, 1) + dt.timedelta(days=7 * len(_periods))
            period = LogframePeriodFactory(
                indicator=indicator, starts_on=start, ends_on=start + dt.timedelta(days=6)
            )
            _periods.append(period)
            ValueFactory(period=period, status=ValueStatus.APPROVED)
            ValueFactory(period=period, status=ValueStatus.DRAFT)

    client.force_login(officer)
    url = reverse("results:indicator_results", args=[indicator.pk])
    assert_constant_queries(client, url, grow=grow, rows=(2, 10))


def test_the_grid_makes_as_many_queries_with_many_indicators(client, partner, partner_project):
    client.force_login(partner)
    url = reverse("results:project_grid", args=[partner_project.pk]) + "?span=2026-01-01_2026-12-31"
    assert_constant_queries(client, url, grow=_grow(partner_project, partner), rows=(2, 8))


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_the_values_api_makes_as_many_queries_with_many_values(
    client, who, officer, partner, partner_project
):
    client.force_login(officer if who == "officer" else partner)
    assert_constant_queries(client, "/api/indicator-values", grow=_grow(partner_project))


def test_the_values_list_and_the_approval_queue_make_as_many_queries(
    client, officer, partner_project
):
    client.force_login(officer)
    grow = _grow(partner_project)
    assert_constant_queries(client, reverse("results:indicatorvalue_list"), grow=grow, rows=(2, 6))
    assert_constant_queries(client, reverse("results:value_approvals"), grow=grow, rows=(2, 6))


def test_the_programme_view_makes_as_many_queries_with_many_projects(client, officer):
    from tests.factories import ProjectFactory

    programme = ProgrammeFactory()

    def grow(n):
        for _ in range(n):
            _grow(ProjectFactory(programme=programme))(1)

    client.force_login(officer)
    url = reverse("results:programme_results", args=[programme.pk])
    assert_constant_queries(client, url, grow=grow, rows=(2, 6))
    assert IndicatorValue.objects.count() > 0


def test_the_tidy_export_lists_each_figure_with_its_narrative_in_as_many_queries(
    client, officer, partner_project
):
    client.force_login(officer)
    url = reverse("results:values_tidy_export")
    assert_constant_queries(
        client, url, data={"project": partner_project.pk}, grow=_grow(partner_project)
    )
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    header, first, women, men = text.splitlines()[:4]
    assert header.split(",")[-1] == "Commentaire" and header.split(",")[7] == "Désagrégation"
    assert first.endswith("Première promotion.") and ",Femmes," in women and ",Hommes," in men
