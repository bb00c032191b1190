"""The dashboards read each period's stored approved actual: on a mixed dataset (several
periods, values approved, submitted, returned, drafts, trashed, with parts, every
aggregation, a summed and an averaged common indicator) they give the same figures and
statuses as when each actual was worked out from the values, and none of their queries
reads a value."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.results.models import (
    Aggregation,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    ValueStatus,
)
from maillage.results.selectors import dashboards
from maillage.results.selectors.dashboards import (
    PeriodFigures,
    aggregate_results,
    indicator_results,
    project_results,
    status_counts,
)
from maillage.results.selectors.values import actual_figure, indicator_progress
from maillage.results.services.values import IndicatorValueService
from tests.factories import ProjectFactory
from tests.results.factories import (
    CommonIndicatorFactory,
    ValueFactory,
    indicator_with_periods,
    sex_dimension,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 1)
S = ValueStatus
YEARS = (2025, 2026, 2027)


def _mixed(officer):
    """Three projects in Senegal, each with a summed common indicator, an averaged one
    (percentages), two indicators of their own (latest, highest) and a qualitative one."""
    people = CommonIndicatorFactory()
    shares = CommonIndicatorFactory(code="averaged", unit="%", measure=IndicatorMeasure.PERCENTAGE)
    dimension, women, men = sex_dimension()
    figures = cycle([Decimal(12), Decimal("7.5"), Decimal(40), Decimal(18), Decimal(3)])
    for n in range(3):
        project = ProjectFactory(country="SN")
        kinds = [
            {"common": people, "aggregation": Aggregation.SUM},
            {"common": shares, "unit": "%", "measure": IndicatorMeasure.PERCENTAGE}
            | {"aggregation": Aggregation.AVERAGE, "baseline_value": Decimal(20)},
            {"aggregation": Aggregation.LATEST, "direction": "decrease"},
            {"aggregation": Aggregation.MAX},
        ]
        for kind in kinds:
            indicator, periods = indicator_with_periods(
                project, years=YEARS, target=Decimal(50 + 10 * n), **kind
            )
            indicator.dimensions.add(dimension)
            for k, period in enumerate(periods[: 2 + n % 2]):
                approved = ValueFactory(period=period, value=next(figures), status=S.APPROVED)
                approved.parts.create(dimension_value=women, amount=1)
                approved.parts.create(dimension_value=men, amount=2)
                ValueFactory(period=period, value=next(figures), status=S.APPROVED)
                ValueFactory(period=period, value=Decimal(99), status=S.SUBMITTED)
                ValueFactory(
                    period=period, value=Decimal(98), status=S.RETURNED, return_comment="Non"
                )
                ValueFactory(period=period, value=Decimal(97), status=S.DRAFT)
                if k == 0:
                    gone = ValueFactory(period=period, value=Decimal(96), status=S.APPROVED)
                    IndicatorValueService.delete(obj=gone, by=officer)
        _qualitative, (period, *_rest) = indicator_with_periods(
            project, kind=IndicatorKind.QUALITATIVE, measure=IndicatorMeasure.QUALITATIVE
        )
        ValueFactory(period=period, value=None, text="Les élus suivent", status=S.APPROVED)
    # One indicator's periods begin after today: not assessed.
    indicator_with_periods(ProjectFactory(country="SN"), years=(2027,))


def _computed(indicators, user):
    """Each period with its actual worked out from the values (the former way)."""
    return list(
        IndicatorPeriod.objects.visible_to(user)
        .filter(indicator__in=indicators)
        .annotate(computed=actual_figure())
        .order_by("indicator_id", "starts_on", "ends_on", "pk")
    )


def _reference(indicators, user):
    periods = _computed(indicators, user)
    figures = [
        PeriodFigures(p.pk, p.indicator_id, p.starts_on, p.ends_on, p.target_value, p.computed)
        for p in periods
    ]
    rows = list(indicators.order_by("project__code", "order", "code", "pk"))
    progress = indicator_progress(rows, figures, TODAY)
    by_year = defaultdict(lambda: ([], []))
    commons = {i.pk: i.common for i in rows}
    for period in periods:
        common = commons[period.indicator_id]
        if common is not None:
            targets, actuals = by_year[(common.code, period.ends_on.year)]
            targets.append(period.target_value)
            actuals.append(period.computed)
    years = defaultdict(list)
    for (code, year), (targets, actuals) in sorted(by_year.items()):
        average = code == "averaged"
        years[code].append((year, _total(targets, average), _total(actuals, average)))
    return progress, rows, years


def _total(figures, average):
    known = [f for f in figures if f is not None]
    if not known:
        return None
    total = sum(known, Decimal(0))
    return dashboards._figure(total / len(known) if average else total)


def _progress(item):
    return (item.indicator.pk, item.status, item.actual, item.reached, item.elapsed)


def test_the_country_figures_are_those_the_values_make(officer):
    _mixed(officer)
    indicators = Indicator.objects.filter(project__country="SN")
    progress, rows, years = _reference(indicators, officer)

    aggregate = aggregate_results(indicators=indicators, user=officer, today=TODAY)

    assert aggregate.counts == status_counts([progress[i.pk] for i in rows])
    assert {f.common.code: f.years for f in aggregate.commons} == dict(years)
    assert [_progress(p) for p in aggregate.others] == [
        _progress(progress[i.pk]) for i in rows if i.common_id is None
    ]
    assert any(row[2] is not None for f in aggregate.commons for row in f.years)
    statuses = {p.status for p in progress.values()}
    assert len(statuses) >= 3, statuses  # the dataset tells the statuses apart


def test_a_projects_and_an_indicators_figures_are_those_the_values_make(officer):
    _mixed(officer)
    project = Indicator.objects.filter(project__country="SN").first().project
    indicators = Indicator.objects.filter(project=project)
    progress, _rows, _years = _reference(indicators, officer)

    results = project_results(project=project, user=officer, today=TODAY)

    assert sorted(_progress(p) for p in results.progress) == sorted(
        _progress(p) for p in progress.values()
    )
    for indicator in indicators:
        page = indicator_results(indicator=indicator, user=officer, today=TODAY)
        shown = [(row["period"].pk, row["period"].actual) for row in page["rows"]]
        assert shown == [
            (p.pk, p.computed)
            for p in _computed(Indicator.objects.filter(pk=indicator.pk), officer)
        ]
        assert _progress(page["progress"]) == _progress(progress[indicator.pk])


@pytest.mark.parametrize(
    "url",
    [
        reverse("results:country_results", args=["SN"]),
        reverse("results:sdg_results", args=["6"]),
    ],
)
def test_the_dashboards_read_no_value(client, officer, url):
    _mixed(officer)
    Indicator.objects.update(sdg_indicator="6.1.1")
    client.force_login(officer)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    reading_values = [q["sql"] for q in queries if "results_indicatorvalue" in q["sql"]]
    assert not reading_values, reading_values


def test_the_donor_view_makes_as_many_queries_with_many_projects(client, officer):
    from maillage.projects.models import PartnerRole
    from tests.factories import ProjectPartnerFactory
    from tests.funding.factories_plans import DonorFactory
    from tests.querycount import assert_constant_queries

    donor = DonorFactory()
    common = CommonIndicatorFactory()

    def grow(n):
        for _ in range(n):
            project = ProjectFactory()
            ProjectPartnerFactory(
                project=project, organisation=donor.organisation, role=PartnerRole.FUNDER
            )
            _indicator, periods = indicator_with_periods(project, common=common)
            for period in periods:
                ValueFactory(period=period, value=Decimal(4), status=S.APPROVED)

    client.force_login(officer)
    url = reverse("results:donor_results", args=[donor.pk])
    assert_constant_queries(client, url, grow=grow, rows=(2, 6))
