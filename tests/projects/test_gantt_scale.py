"""The Gantt of a large plan: the critical path is worked out once per chart, not once per
bar (1,033 × 1,033 steps for a 1,033-item plan), and the page's queries do not grow."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from maillage.projects import planning
from tests.factories import DependencyFactory, ProjectFactory, TaskFactory
from tests.projects.helpers import d
from tests.querycount import assert_constant_queries


class CountingFloats(dict):
    """`total_float` that counts how often the critical items are looked for."""

    scans = 0

    def items(self):
        CountingFloats.scans += 1
        return super().items()


def test_a_chart_of_200_bars_looks_for_the_critical_items_once(monkeypatch):
    items = [
        SimpleNamespace(
            pk=i,
            start_on=d(1 + i % 20),
            end_on=d(2 + i % 20),
            kind="task",
            status="todo",
            progress=0,
            parent_id=None,
            title=f"T{i}",
        )
        for i in range(200)
    ]
    links = [(i, i + 1, 0) for i in range(0, 199, 2)]
    real = planning.critical_path

    def counted(*args, **kwargs):
        schedule = real(*args, **kwargs)
        object.__setattr__(schedule, "total_float", CountingFloats(schedule.total_float))
        return schedule

    monkeypatch.setattr(planning, "critical_path", counted)
    CountingFloats.scans = 0
    chart = planning.gantt(items, links, today=d(1))
    assert len(chart.bars) == 200
    assert CountingFloats.scans == 1
    assert any(bar.critical for bar in chart.bars) and not all(bar.critical for bar in chart.bars)


@pytest.mark.django_db
def test_the_gantt_page_makes_as_many_queries_for_3_or_30_linked_tasks(client, officer):
    project = ProjectFactory()
    client.force_login(officer)

    def grow(n):
        for _ in range(n):
            first = TaskFactory(project=project, parent=None)
            DependencyFactory(
                predecessor=first, successor=TaskFactory(project=project, parent=None)
            )

    assert_constant_queries(
        client, reverse("projects:project_gantt", args=[project.pk]), grow=grow, rows=(3, 30)
    )
