"""`maillage bench-data`: the results app's share of the benchmarks' dataset (logframes,
indicators, periods with targets, values), at its tiny scale."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from maillage.accounts.models import User
from maillage.demo import scale_results
from maillage.demo.scale import NATIONAL, Built, Report, Writer, extensions, scale_named
from maillage.demo.scale_results import REFERENCE_ON, spans
from maillage.projects.models import Project, ProjectMembership
from maillage.results.models import (
    Assumption,
    CommonIndicator,
    Dimension,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorValue,
    Result,
    ResultLevel,
    TargetPart,
    ValuePart,
    ValueStatus,
)
from maillage.results.services.indicators import IndicatorService
from maillage.results.services.logframe import ResultService
from maillage.results.services.periods import IndicatorPeriodService, project_dates
from maillage.results.services.values import IndicatorValueService

pytestmark = pytest.mark.django_db

TINY = scale_named("tiny")
MODELS = (
    CommonIndicator,
    Result,
    Assumption,
    Indicator,
    IndicatorPeriod,
    TargetPart,
    IndicatorValue,
    ValuePart,
)


def test_indicators_and_values_have_their_share_of_the_national_counts(tiny_dataset):
    assert Indicator.objects.count() == round(NATIONAL["indicators"] * TINY.factor)
    assert IndicatorValue.objects.count() == round(NATIONAL["indicator_values"] * TINY.factor)
    assert "  indicator values " in tiny_dataset


def test_sampled_rows_pass_their_models_checks(tiny_dataset):
    for model in MODELS:
        sample = list(model._default_manager.order_by("?")[:40])
        assert sample, model
        for obj in sample:
            obj.full_clean()


def test_sampled_rows_pass_the_services_rules(tiny_dataset):
    """Each record as its service would take it, unchanged (`before` = itself)."""
    for result in Result.objects.order_by("?")[:40]:
        related = {"activities": list(result.activities.all())}
        ResultService.validate(result, by=None, before=result, related=related)
    for indicator in Indicator.objects.order_by("?")[:40]:
        related = {"dimensions": list(indicator.dimensions.all())}
        IndicatorService.validate(indicator, by=None, before=indicator, related=related)
    split = IndicatorPeriod.objects.filter(indicator__parts_sum_to_total=True)
    for period in [*IndicatorPeriod.objects.order_by("?")[:40], *split[:20]]:
        IndicatorPeriodService.validate(period, by=None, before=period, related={})
    split = IndicatorValue.objects.filter(period__indicator__parts_sum_to_total=True)
    for value in [*IndicatorValue.objects.order_by("?")[:60], *split[:20]]:
        IndicatorValueService.validate(value, by=None, before=value, related={})


def test_logframes_are_trees_of_one_goal_per_project(tiny_dataset):
    goals = Counter(
        Result.objects.filter(level=ResultLevel.GOAL).values_list("project_id", flat=True)
    )
    assert goals and set(goals.values()) == {1}
    assert set(Result.objects.values_list("project_id", flat=True)) == set(goals)
    for level in (ResultLevel.SPECIFIC_OBJECTIVE, ResultLevel.OUTCOME, ResultLevel.OUTPUT):
        assert Result.objects.filter(level=level).exists(), level
    assert Result.objects.filter(level=ResultLevel.OUTPUT, activities__isnull=False).exists()
    # Some logframes have three levels: outputs straight under a specific objective.
    assert Result.objects.filter(
        level=ResultLevel.OUTPUT, parent__level=ResultLevel.SPECIFIC_OBJECTIVE
    ).exists()


def test_every_figure_respects_its_indicator(tiny_dataset):
    assert not IndicatorValue.objects.filter(
        period__indicator__measure=IndicatorMeasure.PERCENTAGE, value__gt=100
    ).exists()
    assert not IndicatorPeriod.objects.filter(
        indicator__measure=IndicatorMeasure.PERCENTAGE, target_value__gt=100
    ).exists()
    qualitative = IndicatorValue.objects.filter(period__indicator__kind=IndicatorKind.QUALITATIVE)
    assert qualitative.exists()
    assert not qualitative.filter(value__isnull=False).exists()
    assert not qualitative.filter(text="").exists()
    assert not IndicatorValue.objects.filter(
        period__indicator__kind=IndicatorKind.QUANTITATIVE, value__isnull=True
    ).exists()
    # Parts add up to the total, by each disaggregation, when the indicator says so.
    sums: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for value, dimension, amount in ValuePart.objects.values_list(
        "value_id", "dimension_value__dimension_id", "amount"
    ):
        sums[value, dimension] += amount
    totals = dict(IndicatorValue.objects.values_list("pk", "value"))
    assert sums and all(totals[value] == total for (value, _d), total in sums.items())


def test_periods_lie_in_their_projects_dates_and_values_in_begun_periods(tiny_dataset):
    for period in IndicatorPeriod.objects.select_related("indicator__project"):
        start, end = project_dates(period.indicator.project)
        assert start <= period.starts_on <= period.ends_on <= end
    # All the indicators of a project share its periods (the values grid shows one).
    project = Project.objects.filter(indicators__isnull=False).order_by("pk").first()
    expected = spans(project.start_on, project.end_on, 12)
    expected_semesters = spans(project.start_on, project.end_on, 6)
    for indicator in project.indicators.all():
        got = list(indicator.periods.values_list("starts_on", "ends_on"))
        assert got in (expected, expected_semesters)
    # Values of periods not begun are drafts, but on the projects the benchmarks open.
    measured = Project.objects.filter(
        Q(code="P-000001") | Q(memberships__user__username__startswith="bench-partner-")
    )
    late = IndicatorValue.objects.filter(period__starts_on__gt=REFERENCE_ON)
    assert (
        not late.exclude(status=ValueStatus.DRAFT)
        .exclude(period__indicator__project__in=measured)
        .exists()
    )
    assert not IndicatorPeriod.objects.filter(
        indicator__project__in=measured, values__isnull=True
    ).exists()


def test_values_are_mostly_approved_through_the_workflow(tiny_dataset):
    statuses = Counter(IndicatorValue.objects.values_list("status", flat=True))
    assert statuses[ValueStatus.APPROVED] > 0.6 * sum(statuses.values())
    assert set(statuses) == set(ValueStatus.values)
    assert not IndicatorValue.objects.filter(
        status=ValueStatus.APPROVED, approved_by__isnull=True
    ).exists()
    returned = IndicatorValue.objects.filter(status=ValueStatus.RETURNED)
    assert not returned.filter(return_comment="").exists()
    assert not IndicatorValue.objects.filter(
        status=ValueStatus.DRAFT, submitted_at__isnull=False
    ).exists()


def test_history_holds_each_creation(tiny_dataset):
    for model in MODELS:
        history = model.history.model
        assert history.objects.count() == model._default_manager.count(), model
        assert set(history.objects.values_list("history_type", flat=True)) == {"+"}, model
    indicator = Indicator.objects.filter(dimensions__isnull=False).first()
    first = indicator.history.earliest("history_id")
    assert {d.dimension_id for d in first.dimensions.all()} == set(
        indicator.dimensions.values_list("pk", flat=True)
    )
    output = Result.objects.filter(activities__isnull=False).first()
    assert output.history.earliest("history_id").activities.exists()


def test_the_volume_is_on_the_big_and_the_partners_projects(tiny_dataset):
    partner = User.objects.get(username="bench-partner-1")
    big = Project.objects.get(code="P-000001")
    assert big.indicators.count() >= 8
    assert IndicatorValue.objects.filter(period__indicator__project=big).count() >= 8
    mine = ProjectMembership.objects.filter(user=partner).values_list("project_id", flat=True)
    assert not Project.objects.filter(pk__in=mine, indicators__isnull=True).exists()
    assert IndicatorValue.objects.filter(entered_by=partner).exists()
    # Something for each dashboard to add up.
    assert Indicator.objects.filter(common__isnull=False).count() >= 5
    assert Indicator.objects.exclude(sdg_indicator="").exists()
    assert Indicator.objects.filter(project__programme__isnull=False).exists()


def test_a_partner_sees_only_its_projects_results(tiny_dataset):
    partner = User.objects.get(username="bench-partner-1")
    officer = User.objects.get(username="bench-officer-1")
    mine = set(ProjectMembership.objects.filter(user=partner).values_list("project_id", flat=True))
    indicators = Indicator.objects.visible_to(partner)
    assert set(indicators.values_list("project_id", flat=True)) == mine
    assert indicators.count() == Indicator.objects.filter(project__in=mine).count()
    values = IndicatorValue.objects.visible_to(partner)
    assert (
        values.count() == IndicatorValue.objects.filter(period__indicator__project__in=mine).count()
    )
    assert values.count() < IndicatorValue.objects.visible_to(officer).count()
    assert not Result.objects.visible_to(partner).exclude(project__in=mine).exists()


def test_results_pages_open_for_officer_and_partner(tiny_dataset, client):
    big = Project.objects.get(code="P-000001")
    partner = User.objects.get(username="bench-partner-1")
    assert ProjectMembership.objects.filter(user=partner, project=big).exists()
    indicator = big.indicators.order_by("pk").first()
    span = indicator.periods.filter(values__isnull=False).order_by("starts_on").first()
    common = Indicator.objects.filter(common__isnull=False).order_by("pk").first()
    programme = Indicator.objects.filter(project__programme__isnull=False).first().project
    for_everyone = [
        reverse("results:project_logframe", args=[big.pk]),
        reverse("results:project_results", args=[big.pk]),
        reverse("results:project_grid", args=[big.pk])
        + f"?span={span.starts_on.isoformat()}_{span.ends_on.isoformat()}",
        reverse("results:indicator_detail", args=[indicator.pk]),
        reverse("results:indicator_results", args=[indicator.pk]),
        reverse("results:indicator_list"),
        reverse("results:indicatorvalue_list"),
        reverse("results:result_list"),
        reverse("results:indicatorvalue_detail", args=[span.values.first().pk]),
    ]
    for_staff = [
        reverse("results:dashboards"),
        reverse("results:programme_results", args=[programme.programme_id]),
        reverse("results:country_results", args=[common.project.country]),
        reverse("results:sdg_results", args=[common.sdg_indicator or "4"]),
        reverse("results:commonindicator_list"),
        reverse("results:commonindicator_detail", args=[common.common_id]),
    ]
    client.force_login(User.objects.get(username="bench-officer-1"))
    for url in for_everyone + for_staff:
        assert client.get(url).status_code == 200, ("officer", url)
    client.force_login(partner)
    for url in for_everyone:
        assert client.get(url).status_code == 200, ("partner", url)
    for url in for_staff[:4]:
        assert client.get(url).status_code == 403, ("partner", url)


def snapshot() -> list[tuple]:
    """What two builds with the same seed must share (the projects and users are kept)."""
    return [
        *Result.objects.order_by("pk").values_list("project_id", "code", "title", "level"),
        *Indicator.objects.order_by("pk").values_list(
            "project_id", "code", "title", "common__code", "sdg_indicator", "parts_sum_to_total"
        ),
        *IndicatorPeriod.objects.order_by("pk").values_list(
            "indicator__code", "starts_on", "ends_on", "target_value"
        ),
        *IndicatorValue.objects.order_by("pk").values_list(
            "period__indicator__project_id", "value", "text", "status", "entered_by_id"
        ),
        *ValuePart.objects.order_by("pk").values_list("dimension_value__label", "amount"),
    ]


def test_the_same_seed_gives_the_same_results(tiny_dataset):
    """The results' rows written again from the same seed, on the same projects."""
    before = snapshot()
    assert len(before) > 1_000
    built = Built()
    users = dict(User.objects.values_list("username", "pk"))
    built.officers = [pk for name, pk in users.items() if name.startswith("bench-officer-")]
    built.partners = [pk for name, pk in users.items() if name.startswith("bench-partner-")]
    for pk, start, end, owner in Project.objects.order_by("pk").values_list(
        "pk", "start_on", "end_on", "owner_id"
    ):
        built.projects.append(pk)
        built.project_dates[pk] = (start, end)
        built.project_owner[pk] = owner
    built.big_projects = built.projects[: TINY.big_plans]
    seed = 17 + extensions().index(scale_results.build)  # as build_scale gives it
    with transaction.atomic():
        Result.all_objects.all().delete()  # with the indicators, periods, values, parts
        CommonIndicator.all_objects.all().delete()
        Dimension.all_objects.all().delete()
        scale_results.build(TINY, random.Random(seed), Writer(Report()), built)
        assert snapshot() == before
        transaction.set_rollback(True)
