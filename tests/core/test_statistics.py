"""The query planner's statistics (core/statistics.py): gathered on demand and, on
SQLite, every night by the scheduler."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from maillage.core import scheduled, scheduler
from maillage.core.models import JobState
from maillage.core.statistics import gather
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _sqlite_statistics() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return {}
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'actors_organisation'")
        return {idx or "": stat for idx, stat in cursor.fetchall()}


def test_gather_records_each_index_of_a_table_in_the_planner_statistics():
    OrganisationFactory.create_batch(3)
    statement = gather(vacuum=True)
    if connection.vendor == "sqlite":
        assert statement == "ANALYZE"
        stats = _sqlite_statistics()
        # One line per index of the table, its first figure the rows counted: 3.
        assert stats and all(stat.split()[0] == "3" for stat in stats.values()), stats
    else:
        # Inside the test's transaction VACUUM cannot run: plain ANALYZE.
        assert statement == "ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'actors_organisation'")
            assert cursor.fetchone()[0] == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum does it")
def test_the_statistics_are_gathered_every_night_on_sqlite(monkeypatch):
    monkeypatch.setattr(scheduler, "SCHEDULES", {})
    scheduled.register_schedules()
    schedule = next(s for s in scheduler.schedules() if s.name == "core.statistics")
    assert schedule.daily_at == dt.time(3, 15)
    scheduler.unregister("core.backup")
    OrganisationFactory.create_batch(2)
    assert _sqlite_statistics() == {}
    night = dt.datetime(2026, 12, 7, 3, 15, tzinfo=PARIS)
    (job,) = scheduler.tick(night)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert _sqlite_statistics()
    assert scheduler.tick(night + dt.timedelta(hours=1)) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's analysis limit")
def test_the_statistics_count_every_row_of_an_index_not_its_first_thousand():
    # With an analysis limit SQLite reads the first rows of each index and takes them for
    # all: the first plan items, those of the three 1,000-item plans, made it count
    # 1,000 items a project (core.statistics).
    from maillage.actors.models import Organisation

    Organisation.objects.bulk_create(OrganisationFactory.build_batch(1500))
    gather()
    assert {stat.split()[0] for stat in _sqlite_statistics().values()} == {"1500"}
