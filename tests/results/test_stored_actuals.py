"""Each period stores its approved actual (`IndicatorPeriod.actual`, services.actuals):
every write that changes it — a value created, submitted, approved, returned, corrected,
moved, trashed, restored or imported, an indicator's aggregation — leaves it equal to what
the values make; a refused write changes nothing; a save of the period never writes back
a figure it read earlier; the migration, `fill_actuals` and the bench data fill it."""

import importlib
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from maillage.core.imports import commit
from maillage.core.trash import restore_from_trash
from maillage.results.models import (
    Aggregation,
    IndicatorPeriod,
    IndicatorValue,
    ValueStatus,
)
from maillage.results.selectors.values import actual_figure
from maillage.results.services.actuals import fill_actuals, refresh_actuals
from maillage.results.services.indicators import IndicatorService
from maillage.results.services.periods import IndicatorPeriodService
from maillage.results.services.values import IndicatorValueService
from tests.results.factories import ValueFactory, indicator_with_periods, sex_dimension
from tests.results.test_values_import import HEADER, errors, preview

pytestmark = pytest.mark.django_db

S = ValueStatus
STEP = Decimal("0.0001")


def _quantized(figure):
    # PostgreSQL's AVG has more decimals than the column keeps (4).
    return None if figure is None else Decimal(figure).quantize(STEP, rounding=ROUND_HALF_UP)


def assert_in_step():
    """Every period's stored actual is what its values make now."""
    rows = IndicatorPeriod.objects.annotate(computed=actual_figure()).values_list(
        "pk", "actual", "computed"
    )
    off = [row for row in rows if _quantized(row[1]) != _quantized(row[2])]
    assert not off, off


def stored(period):
    return IndicatorPeriod.objects.values_list("actual", flat=True).get(pk=period.pk)


def _refused(call):
    with pytest.raises(ValidationError):
        call()


def _approved(period, figure, *, by, officer, **data):
    value = IndicatorValueService.create(
        data={"period": period, "value": figure, "status": S.SUBMITTED, **data}, by=by
    )
    return IndicatorValueService.move(obj=value, status=S.APPROVED, by=officer)


def test_every_write_of_a_value_keeps_its_periods_actual(partner, partner_project, officer):
    dimension, women, men = sex_dimension()
    indicator, (first, second) = indicator_with_periods(partner_project)
    indicator.dimensions.add(dimension)
    stale = IndicatorPeriod.objects.get(pk=first.pk)  # loaded before any value

    draft = IndicatorValueService.create(data={"period": first, "value": Decimal(12)}, by=partner)
    assert stored(first) is None
    draft = IndicatorValueService.move(obj=draft, status=S.SUBMITTED, by=partner)
    assert stored(first) is None  # submitted: not yet counted
    one = IndicatorValueService.move(obj=draft, status=S.APPROVED, by=officer)
    assert stored(first) == Decimal(12)

    parts = {women.pk: Decimal(3), men.pk: Decimal(5)}
    two = _approved(first, Decimal(8), by=partner, officer=officer, parts=parts)
    assert stored(first) == Decimal(20)  # the updates add up
    corrected = {"value": Decimal(10), "parts": {women.pk: 4, men.pk: 6}, "reason": "Recompté"}
    two = IndicatorValueService.update(obj=two, data=corrected, by=officer)
    assert stored(first) == Decimal(22)
    # Its parts alone do not make the actual.
    IndicatorValueService.update(
        obj=two, data={"parts": {women.pk: 5, men.pk: 5}, "reason": "Ventilation"}, by=officer
    )
    assert stored(first) == Decimal(22)
    two = IndicatorValueService.update(
        obj=two, data={"period": second, "reason": "Mauvaise période"}, by=officer
    )
    assert (stored(first), stored(second)) == (Decimal(12), Decimal(10))

    returned = IndicatorValueService.create(
        data={"period": first, "value": Decimal(100), "status": S.SUBMITTED}, by=partner
    )
    IndicatorValueService.move(obj=returned, status=S.RETURNED, comment="Sans preuve", by=officer)
    assert stored(first) == Decimal(12)

    IndicatorValueService.delete(obj=one, by=officer)  # to the trash
    assert stored(first) is None
    one.refresh_from_db()
    restore_from_trash(one, by=officer)
    assert stored(first) == Decimal(12)
    IndicatorValueService.delete(obj=returned, by=partner)
    assert stored(first) == Decimal(12)

    # A period's own write keeps the figure it did not load fresh.
    assert stale.actual is None
    IndicatorPeriodService.update(obj=stale, data={"target_value": Decimal(80)}, by=officer)
    assert stored(first) == Decimal(12)
    assert_in_step()


def test_the_aggregation_of_an_indicator_makes_its_periods_actual_again(
    partner, partner_project, officer
):
    indicator, (period,) = indicator_with_periods(partner_project, years=(2025,))
    for figure in (Decimal(10), Decimal(30), Decimal(20)):
        _approved(period, figure, by=partner, officer=officer)
    assert stored(period) == Decimal(60)
    expected = {
        Aggregation.MAX: Decimal(30),
        Aggregation.LATEST: Decimal(20),
        Aggregation.AVERAGE: Decimal(20),
        Aggregation.SUM: Decimal(60),
    }
    for aggregation, figure in expected.items():
        indicator = IndicatorService.update(
            obj=indicator, data={"aggregation": aggregation}, by=officer
        )
        assert stored(period) == figure, aggregation
    assert_in_step()


def test_a_refused_write_leaves_the_actual_as_it_was(partner, partner_project, officer):
    _indicator, (period, _next) = indicator_with_periods(partner_project)
    approved = _approved(period, Decimal(7), by=partner, officer=officer)
    pending = IndicatorValueService.create(
        data={"period": period, "value": Decimal(5), "status": S.SUBMITTED}, by=partner
    )
    _refused(lambda: IndicatorValueService.move(obj=pending, status=S.APPROVED, by=partner))
    _refused(
        lambda: IndicatorValueService.update(obj=approved, data={"value": Decimal(9)}, by=partner)
    )
    _refused(lambda: IndicatorValueService.delete(obj=approved, by=partner))
    # An officer's correction without its reason is refused too.
    _refused(
        lambda: IndicatorValueService.update(obj=approved, data={"value": Decimal(9)}, by=officer)
    )
    assert stored(period) == Decimal(7)
    assert_in_step()


def test_the_doors_approve_and_trash_through_the_service(client, partner, partner_project, officer):
    _indicator, (period,) = indicator_with_periods(partner_project, years=(2026,))
    client.force_login(partner)
    created = client.post(
        "/api/indicator-values",
        {"period": period.pk, "value": "8", "status": "submitted"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    refused = client.patch(
        f"/api/indicator-values/{created.json()['id']}",
        {"status": "approved"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and stored(period) is None

    client.force_login(officer)
    approved = client.patch(
        f"/api/indicator-values/{created.json()['id']}",
        {"status": "approved"},
        content_type="application/json",
    )
    assert approved.status_code == 200, approved.json()
    assert stored(period) == Decimal(8)
    value = IndicatorValueService.create(
        data={"period": period, "value": Decimal(4), "status": S.SUBMITTED}, by=partner
    )
    moved = client.post(
        reverse("results:value_move", args=[value.pk]),
        {"status": "approved", "version": value.version},
    )
    assert moved.status_code == 302 and stored(period) == Decimal(12)
    trashed = client.delete(f"/api/indicator-values/{created.json()['id']}")
    assert trashed.status_code == 204 and stored(period) == Decimal(4)
    assert_in_step()


def test_an_import_of_drafts_leaves_the_actuals_in_step(partner, partner_project, officer):
    _indicator, (period, _next) = indicator_with_periods(partner_project, code="I1")
    _approved(period, Decimal(7), by=partner, officer=officer)
    code = partner_project.code
    importer, result = preview(HEADER + f"{code},I1,2025,,,,30,Printemps\n", partner)
    assert errors(result) == []
    commit(importer, result)
    assert IndicatorValue.objects.filter(status=S.DRAFT).count() == 1
    assert stored(period) == Decimal(7)
    assert_in_step()


def _scrambled():
    """Values written past the services, then every stored figure wrong."""
    indicator, periods = ValueFactory().period.indicator, []
    for aggregation in Aggregation.values:
        indicator, periods = indicator_with_periods(
            indicator.project, aggregation=aggregation, years=(2025, 2026)
        )
        for figure, status in ((4, S.APPROVED), (6, S.APPROVED), (50, S.SUBMITTED)):
            ValueFactory(period=periods[0], value=Decimal(figure), status=status)
    gone = ValueFactory(period=periods[1], value=Decimal(3), status=S.APPROVED)
    IndicatorValue.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    IndicatorPeriod.objects.update(actual=Decimal(999))
    return periods


def test_fill_actuals_makes_every_period_right_after_bulk_writes():
    _scrambled()
    fill_actuals()
    assert_in_step()
    assert IndicatorPeriod.objects.filter(actual__isnull=False).count() == 4


def test_the_migration_fills_the_periods_already_there():
    _scrambled()
    IndicatorPeriod.objects.update(actual=None)
    migration = importlib.import_module("maillage.results.migrations.0004_fill_period_actual")
    migration.fill(apps, SimpleNamespace(connection=connection))
    assert_in_step()
    assert IndicatorPeriod.objects.filter(actual__isnull=False).count() == 4


def test_refreshing_no_period_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert refresh_actuals(periods=[None]) == 0


def test_the_indicators_history_shows_its_periods_without_the_stored_figure(
    client, partner, partner_project, officer
):
    indicator, (period, _next) = indicator_with_periods(partner_project)
    IndicatorPeriodService.update(obj=period, data={"target_value": Decimal(75)}, by=officer)
    _approved(period, Decimal(7), by=partner, officer=officer)
    client.force_login(officer)
    page = client.get(reverse("results:indicator_history", args=[indicator.pk]))
    assert page.status_code == 200
    assert "75" in page.content.decode()
    assert "réalisé (approuvé)" not in page.content.decode().lower()


def test_the_bench_data_stores_the_actuals_its_values_make():
    from io import StringIO

    from django.core.management import call_command

    call_command("bench_data", "--scale", "tiny", stdout=StringIO())
    assert IndicatorPeriod.objects.filter(actual__isnull=False).count() > 100
    assert_in_step()
