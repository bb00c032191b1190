"""Scheduling of a plan: critical path, knock-on of a date change, late items, scales."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import translation

from maillage.projects import planning
from maillage.projects.models import TaskStatus
from tests.factories import ActivityFactory, MilestoneFactory, ProjectFactory, TaskFactory
from tests.projects.helpers import d


def item(pk, start, end, kind="task", status="todo", progress=0, parent_id=None):
    return SimpleNamespace(
        pk=pk,
        start_on=start,
        end_on=end,
        kind=kind,
        status=status,
        progress=progress,
        parent_id=parent_id,
    )


# A (1–10) → B (11–20) → D (21–25); A → C (11–15) → D; E (1–5) alone.
NETWORK = [
    item(1, d(1), d(10)),
    item(2, d(11), d(20)),
    item(3, d(11), d(15)),
    item(4, d(21), d(25)),
    item(5, d(1), d(5)),
]
LINKS = [(1, 2, 0), (1, 3, 0), (2, 4, 0), (3, 4, 0)]


def test_the_critical_path_of_a_hand_computed_network():
    schedule = planning.critical_path(NETWORK, LINKS)
    assert schedule.finish == d(25)
    assert schedule.total_float == {1: 0, 2: 0, 3: 5, 4: 0, 5: 20}
    assert schedule.critical == {1, 2, 4}
    assert schedule.late_start[3] == d(16) and schedule.late_end[3] == d(20)
    assert schedule.late_end[1] == d(10)


def test_a_lag_moves_the_critical_path():
    links = [(1, 2, 0), (1, 3, 0), (2, 4, 0), (3, 4, 7)]
    schedule = planning.critical_path(NETWORK, links)
    # D may start only on 15 + 1 + 7 = 23: it ends on 27, C becomes critical, B has 2 days.
    assert schedule.early_start[4] == d(23) and schedule.finish == d(27)
    assert schedule.critical == {1, 3, 4}
    assert schedule.total_float[2] == 2


def test_an_item_planned_later_than_allowed_keeps_its_date_and_its_float():
    items = [item(1, d(1), d(10)), item(2, d(20), d(30))]
    schedule = planning.critical_path(items, [(1, 2, 0)])
    assert schedule.early_start[2] == d(20)
    assert schedule.total_float == {1: 9, 2: 0}


def test_moving_an_item_later_shifts_its_dependent_items_recursively():
    shifts = planning.knock_on(NETWORK, LINKS, {1: (d(1), d(14))})
    moved = {s.pk: (s.new_start_on, s.new_end_on, s.days) for s in shifts}
    assert moved == {
        2: (d(15), d(24), 4),
        3: (d(15), d(19), 4),
        # D must wait for B's new end (24), not only C's (19): shifted by 4, same duration.
        4: (d(25), d(29), 4),
    }
    assert [s.pk for s in shifts].index(4) == 2  # in schedule order


def test_a_successor_with_room_to_spare_is_not_moved():
    # B ends on 20 but D starts on 23 with no lag: moving B two days later leaves D alone.
    items = [item(2, d(11), d(20)), item(4, d(23), d(25))]
    assert planning.knock_on(items, [(2, 4, 0)], {2: (d(13), d(22))}) == []
    # Three days later, D must start on 24: one day.
    [shift] = planning.knock_on(items, [(2, 4, 0)], {2: (d(14), d(23))})
    assert (shift.new_start_on, shift.new_end_on) == (d(24), d(26))


def test_moving_an_item_earlier_pulls_nothing():
    assert planning.knock_on(NETWORK, LINKS, {1: (d(1), d(5))}) == []


def test_a_lag_counts_in_the_knock_on():
    shifts = planning.knock_on(NETWORK, [(1, 3, 3)], {1: (d(1), d(12))})
    assert [(s.pk, s.new_start_on) for s in shifts] == [(3, d(16))]


def test_a_cycle_in_stored_data_does_not_hang_the_schedule():
    items = [item(1, d(1), d(2)), item(2, d(3), d(4))]
    schedule = planning.critical_path(items, [(1, 2, 0), (2, 1, 0)])
    assert set(schedule.total_float) == {1, 2}
    assert planning.knock_on(items, [(1, 2, 0), (2, 1, 0)], {1: (d(1), d(9))}) is not None


@pytest.mark.django_db
def test_late_items_are_the_tasks_and_milestones_past_their_end_and_not_done():
    project = ProjectFactory()
    today = d(15, 4)
    activity = ActivityFactory(project=project, start_on=d(1), end_on=d(31))
    late = TaskFactory(parent=activity, title="En retard", end_on=d(31))
    TaskFactory(parent=activity, end_on=d(31), status=TaskStatus.DONE)
    TaskFactory(parent=activity, start_on=d(1, 4), end_on=d(15, 4))  # ends today
    jalon = MilestoneFactory(project=project, start_on=d(1, 4), end_on=d(1, 4))
    TaskFactory(end_on=d(31))  # another project
    assert list(planning.late_items(project, today)) == [late, jalon]
    assert planning.late_items(project, today).count() == 2


def test_month_and_quarter_scales():
    with translation.override("fr"):
        months = planning.timeline(d(15, 1), d(3, 3), "month")
        quarters = planning.timeline(d(15, 2), d(3, 5), "quarter")
    assert [p.label for p in months.periods] == ["janv. 2026", "févr. 2026", "mars 2026"]
    assert months.start == d(1, 1) and months.end == d(31, 3)
    assert months.periods[1].x == 31 * months.day_width
    assert [p.label for p in quarters.periods] == ["T1 2026", "T2 2026"]
    assert quarters.end == datetime.date(2026, 6, 30)
    x, width = months.span(d(1, 2), d(28, 2))
    assert (x, width) == (31 * months.day_width, 28 * months.day_width)


def test_the_gantt_rows_put_tasks_under_their_activity():
    items = [
        item(1, d(1), d(31), kind="activity"),
        item(3, d(1), d(5), parent_id=1),
        item(4, d(31), d(31), kind="milestone", parent_id=1),
        item(2, d(1, 4), d(30, 4), kind="activity"),
        item(5, d(2, 4), d(9, 4), parent_id=2),
        item(6, d(30, 4), d(30, 4), kind="milestone"),
    ]
    chart = planning.gantt(items, [(3, 5, 0)], today=d(10), scale="month")
    assert [(b.item.pk, b.depth) for b in chart.bars] == [
        (1, 0), (3, 1), (4, 1), (2, 0), (5, 1), (6, 0),
    ]  # fmt: skip
    assert chart.today_x is not None and len(chart.arrows) == 1
    bar = chart.bars[1]
    assert bar.x == planning.LABEL_WIDTH and bar.width == 5 * planning.DAY_WIDTH["month"]


def test_the_month_grid_starts_on_monday_in_french_and_places_events():
    items = [
        item(1, d(2), d(4)),
        item(2, d(10), d(10), kind="milestone"),
    ]
    with translation.override("fr"):
        grid = planning.month_grid(d(1), items, today=d(4))
    assert grid.title == "mars 2026"
    assert grid.day_names[0] == ("lun.", "lundi")
    assert grid.weeks[0][0].day == datetime.date(2026, 2, 23)  # March 1st 2026 is a Sunday
    days = {cell.day: cell for week in grid.weeks for cell in week}
    assert [e.what for e in days[d(2)].events] == ["start"]
    assert [e.what for e in days[d(4)].events] == ["end"] and days[d(4)].is_today
    assert [e.what for e in days[d(10)].events] == ["milestone"]
    with translation.override("en"):
        assert planning.month_grid(d(1), [], today=d(4)).day_names[0][1] == "Monday"
