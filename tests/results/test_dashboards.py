"""The aggregated dashboards (programme, donor, country, SDG and their index): figures
added up by the database per common indicator and year, the same status counts as the
rule gives indicator by indicator, a bounded list of the indicators not added up, and as
many queries whatever the number of projects, indicators, periods and values."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from maillage.results.models import Indicator, IndicatorMeasure, ValueStatus
from maillage.results.selectors import dashboards
from maillage.results.selectors.dashboards import aggregate_results
from maillage.results.selectors.values import ProgressStatus
from tests.factories import ProjectFactory
from tests.querycount import assert_constant_queries
from tests.results.factories import (
    CommonIndicatorFactory,
    ValueFactory,
    indicator_with_periods,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 1)


def _grow(country="MA", sdg="6.1.1"):
    common = CommonIndicatorFactory()

    def grow(n):
        for _ in range(n):
            project = ProjectFactory(country=country)
            _shared, periods = indicator_with_periods(project, common=common, sdg_indicator=sdg)
            _alone, own = indicator_with_periods(project, sdg_indicator=sdg)
            for period in [*periods, *own]:
                ValueFactory(period=period, value=Decimal(20), status=ValueStatus.APPROVED)
                ValueFactory(period=period, value=Decimal(5), status=ValueStatus.SUBMITTED)

    return grow


@pytest.mark.parametrize(
    "url",
    [
        reverse("results:dashboards"),
        reverse("results:country_results", args=["MA"]),
        reverse("results:sdg_results", args=["6"]),
    ],
)
def test_the_dashboards_make_as_many_queries_with_many_projects(client, officer, url):
    client.force_login(officer)
    assert_constant_queries(client, url, grow=_grow(), rows=(2, 6))


def test_the_figures_of_a_common_indicator_add_up_approved_values_by_year(officer):
    common = CommonIndicatorFactory()
    for target, approved in ((Decimal(60), Decimal("12.5")), (Decimal(40), Decimal(30))):
        _indicator, periods = indicator_with_periods(ProjectFactory(), common=common, target=target)
        for period in periods:
            ValueFactory(period=period, value=approved, status=ValueStatus.APPROVED)
            ValueFactory(period=period, value=Decimal(1000), status=ValueStatus.SUBMITTED)
    aggregate = aggregate_results(indicators=Indicator.objects.all(), user=officer, today=TODAY)
    [figures] = aggregate.commons
    assert figures.years == [
        (2025, Decimal(100), Decimal("42.5")),
        (2026, Decimal(100), Decimal("42.5")),
    ]


def test_the_figures_of_a_percentage_common_indicator_are_averaged(officer):
    common = CommonIndicatorFactory(measure=IndicatorMeasure.PERCENTAGE)
    for target, approved in ((Decimal(60), Decimal(50)), (Decimal(80), Decimal(25))):
        _indicator, periods = indicator_with_periods(
            ProjectFactory(), common=common, target=target, years=(2025,)
        )
        ValueFactory(period=periods[0], value=approved, status=ValueStatus.APPROVED)
    aggregate = aggregate_results(indicators=Indicator.objects.all(), user=officer, today=TODAY)
    assert aggregate.commons[0].years == [(2025, Decimal(70), Decimal("37.5"))]


def test_the_indicators_not_added_up_are_listed_up_to_a_page_and_all_counted(officer, monkeypatch):
    monkeypatch.setattr(dashboards, "OTHER_ROWS", 3)
    project = ProjectFactory()
    for _ in range(5):
        _indicator, periods = indicator_with_periods(project)
        # 2026's period half elapsed on TODAY: 20 of 60 is a third of the target.
        ValueFactory(period=periods[1], value=Decimal(20), status=ValueStatus.APPROVED)
    aggregate = aggregate_results(indicators=Indicator.objects.all(), user=officer, today=TODAY)
    assert len(aggregate.others) == 3
    assert aggregate.others_total == 5
    assert [(status, n) for status, _label, n in aggregate.counts] == [
        (ProgressStatus.OFF_TRACK, 5)
    ]


def test_the_country_page_says_how_many_indicators_it_leaves_out(client, officer, monkeypatch):
    monkeypatch.setattr(dashboards, "OTHER_ROWS", 1)
    _grow(country="SN")(2)
    client.force_login(officer)
    page = client.get(reverse("results:country_results", args=["SN"]))
    assert page.context["aggregate"].others_total == 2
    assert "Les 1 premiers indicateurs sur 2 sont listés" in page.content.decode()
