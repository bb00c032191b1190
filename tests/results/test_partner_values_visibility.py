"""A partner's indicator values: those of the live indicators of the live projects it is
a member of, found from their periods on PostgreSQL (`IndicatorValue.visible_to_partner`)
and through the joins on SQLite; the same rows on both databases."""

import datetime as dt

import pytest

from maillage.results.models import IndicatorValue
from tests.factories import MembershipFactory, ProjectFactory
from tests.results.factories import LogframeIndicatorFactory, LogframePeriodFactory, ValueFactory

pytestmark = pytest.mark.django_db

GONE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _value(project, **indicator):
    period = LogframePeriodFactory(
        indicator=LogframeIndicatorFactory(project=project, **indicator),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    return ValueFactory(period=period)


def test_a_partner_sees_the_values_of_its_live_projects_live_indicators_only(
    partner, partner_project, other_project
):
    mine = _value(partner_project)
    trashed_indicator = _value(partner_project)
    trashed_indicator.period.indicator.__class__.all_objects.filter(
        pk=trashed_indicator.period.indicator_id
    ).update(deleted_at=GONE)
    theirs = _value(other_project)
    left = ProjectFactory()
    MembershipFactory(project=left, user=partner)
    of_trashed_project = _value(left)
    type(left).all_objects.filter(pk=left.pk).update(deleted_at=GONE)

    seen = IndicatorValue.objects.visible_to(partner)
    assert set(seen) == {mine}
    assert seen.count() == 1
    for hidden in (trashed_indicator, theirs, of_trashed_project):
        assert not seen.filter(pk=hidden.pk).exists()
    # Newest first and paged, as the list and the API read it.
    assert list(seen.order_by("-created_at", "pk").values_list("pk", flat=True)[:5]) == [mine.pk]
