"""The plan's activities, tasks and milestones share one table; the search index holds
each under its own kind (`PlanItem.search_kinds`), so that a search of one kind reads
its own entries, not every item's (issue 16: at national scale the activities' arm of a
search read six plan items for each activity). Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from maillage.core import search
from maillage.core.models import SearchEntry
from maillage.projects.models import Activity, Milestone, PlanItem, Task
from tests.factories import ActivityFactory, MilestoneFactory, TaskFactory

pytestmark = pytest.mark.django_db


PLAN = ["planitem", "activity", "task", "milestone"]


def plan_entries():
    return SearchEntry.objects.filter(
        content_type__app_label="projects", content_type__model__in=PLAN
    )


def kind_of(item: PlanItem) -> str:
    entry = plan_entries().get(object_id=item.pk)
    return ContentType.objects.get_for_id(entry.content_type_id).model


def test_each_item_is_indexed_under_its_own_kind():
    activity = ActivityFactory(title="Héron cendré")
    task = TaskFactory(title="Héron pourpré", parent=activity)
    milestone = MilestoneFactory(title="Héron garde-bœufs")
    assert [kind_of(i) for i in (activity, task, milestone)] == ["activity", "task", "milestone"]
    assert list(Task.objects.search("heron")) == [task]
    assert list(Activity.objects.search("heron")) == [activity]
    # The table's own queryset finds every kind.
    assert set(PlanItem.objects.search("heron")) == {activity, task, milestone}


def test_an_item_that_changes_kind_leaves_its_old_entry(officer):
    task = TaskFactory(title="Échassier")
    item = Milestone._base_manager.get(pk=task.pk)
    item.end_on = item.start_on
    item.save()  # saved as a milestone (Milestone.save sets the kind)
    assert plan_entries().filter(object_id=task.pk).count() == 1
    assert kind_of(task) == "milestone"
    assert list(Task.objects.search("echassier")) == []
    (group,) = search.search(officer, "echassier")
    assert group.key == "projects.milestone" and group.count == 1


def test_trash_and_purge_take_the_entry_out_whatever_its_kind():
    task = TaskFactory(title="Spatule blanche")
    task.delete()  # the trash
    assert not SearchEntry.objects.filter(object_id=task.pk, title__contains="spatule").exists()
    activity = ActivityFactory(title="Spatule rosée")
    PlanItem.all_objects.filter(pk=activity.pk).delete()  # a purge: the delete signal
    assert not SearchEntry.objects.filter(object_id=activity.pk, title__contains="spatule").exists()


def test_a_rebuild_indexes_each_item_under_its_kind():
    items = [ActivityFactory(title="Grue"), MilestoneFactory(title="Grue cendrée")]
    SearchEntry.objects.all().delete()
    search.rebuild(models_=[PlanItem])
    assert [kind_of(i) for i in items] == ["activity", "milestone"]


def test_the_migration_moves_the_entries_written_under_the_table():
    migration = importlib.import_module(
        "maillage.projects.migrations.0017_plan_kinds_in_the_search_index"
    )
    items = [ActivityFactory(title="Aigrette"), TaskFactory(title="Aigrette garzette")]
    table = ContentType.objects.get_for_model(PlanItem)
    plan_entries().filter(object_id__in=[i.pk for i in items]).update(content_type=table)
    assert list(Task.objects.search("aigrette")) == []  # the old entries: not found by kind
    migration.by_kind(apps, None)
    assert [kind_of(i) for i in items] == ["activity", "task"]
    assert list(Task.objects.search("aigrette")) == [items[1]]
    migration.by_table(apps, None)
    assert {e.content_type_id for e in SearchEntry.objects.filter(title__contains="aigrette")} == {
        table.pk
    }
