"""The home page's "indicator values to enter": the last due period of each indicator
of the user's projects when it has no value, read by the database a page at a time (an
officer's 2,500 projects held ~27,000 such periods at national scale)."""

import datetime as dt

import pytest

from maillage.accounts.models import Role
from maillage.reporting.views import home as home_views
from maillage.results.hooks_values import HOME_ROWS
from maillage.results.models import ValueStatus
from maillage.results.selectors.values import missing_page, missing_values
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.querycount import assert_constant_queries
from tests.results.factories import (
    LogframeIndicatorFactory,
    LogframePeriodFactory,
    ValueFactory,
    indicator_with_periods,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)  # the 2025 periods are due, the 2026 ones are not


def codes(missing):
    return [m.indicator.code for m in missing]


def test_only_the_last_due_period_without_any_value_is_listed(officer):
    project = ProjectFactory(owner=officer)
    empty, _periods = indicator_with_periods(project, code="EMPTY")  # 2025 due, 2026 not yet
    answered, _periods = indicator_with_periods(project, code="RETURNED")
    ValueFactory(
        period=answered.periods.get(starts_on__year=2025),
        status=ValueStatus.RETURNED,
        return_comment="Chiffre à revoir.",
    )
    late_only, _periods = indicator_with_periods(project, code="OLD-GAP", years=(2024, 2025))
    ValueFactory(period=late_only.periods.get(starts_on__year=2025))  # 2024 empty: not last
    trashed, _periods = indicator_with_periods(project, code="TRASHED-VALUE")
    value = ValueFactory(period=trashed.periods.get(starts_on__year=2025))
    value.deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    value.save(update_fields=["deleted_at"])
    gone, _periods = indicator_with_periods(project, code="GONE")
    gone.deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    gone.save(update_fields=["deleted_at"])

    missing = missing_values(officer, TODAY)
    assert sorted(codes(missing)) == ["EMPTY", "TRASHED-VALUE"]
    assert {m.period.ends_on for m in missing} == {dt.date(2025, 12, 31)}
    assert missing_page(officer, TODAY, limit=1) == (missing[:1], 2)
    # Mid-2025 the 2024 period is the last due: its gap counts then, not after 2025 ends.
    assert codes(missing_values(officer, dt.date(2025, 6, 1))) == ["OLD-GAP"]
    assert empty.code in codes(missing_values(officer, dt.date(2027, 1, 1)))


def test_each_reader_sees_the_projects_they_enter_values_for(officer, partner, viewer):
    owned = ProjectFactory(owner=officer)
    shared = ProjectFactory()
    MembershipFactory(project=shared, user=partner)
    MembershipFactory(project=shared, user=officer)
    other = ProjectFactory()
    indicator_with_periods(owned, code="OWNED")
    indicator_with_periods(shared, code="SHARED")
    indicator_with_periods(other, code="OTHER")

    assert sorted(codes(missing_values(officer, TODAY))) == ["OWNED", "SHARED"]
    assert codes(missing_values(partner, TODAY)) == ["SHARED"]
    assert missing_page(partner, TODAY, limit=10)[1] == 1
    assert missing_values(viewer, TODAY) == [] and missing_page(viewer, TODAY, limit=10) == ([], 0)
    stranger = UserFactory(role=Role.OFFICER)
    assert missing_values(stranger, TODAY) == []


def test_the_home_page_shows_ten_the_soonest_ended_first_and_counts_the_rest(
    client, officer, monkeypatch
):
    monkeypatch.setattr(home_views, "today_for", lambda user: TODAY)
    project = ProjectFactory(owner=officer, code="HOME-1")
    for month in range(1, 13):  # twelve indicators, one period each, ending month by month
        indicator = LogframeIndicatorFactory(project=project, code=f"M{month:02d}")
        LogframePeriodFactory(
            indicator=indicator,
            starts_on=dt.date(2025, month, 1),
            ends_on=dt.date(2025, month, 28),
        )
    missing = missing_values(officer, TODAY, limit=HOME_ROWS)
    assert codes(missing) == [f"M{m:02d}" for m in range(1, 11)]
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "M10" in page and "M11" not in page
    assert "et 2 autres" in page


def test_the_home_page_reads_the_missing_values_in_as_many_queries(client, officer, monkeypatch):
    monkeypatch.setattr(home_views, "today_for", lambda user: TODAY)

    def grow(n):
        for _ in range(n):
            indicator_with_periods(ProjectFactory(owner=officer))

    client.force_login(officer)
    assert_constant_queries(client, "/", grow=grow, rows=(11, 25))  # both past the ten shown
