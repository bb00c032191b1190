"""The kit's write path, trash and extension points, on real models."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.actors.models import Organisation
from maillage.core import hooks
from maillage.core.concurrency import VersionConflict
from maillage.core.services import ModelService, RowErrors, service_for
from maillage.core.trash import move_to_trash, purge, restore_from_trash
from maillage.projects.models import Activity, PlanItem, Task
from tests.factories import ActivityFactory, OrganisationFactory, ProjectFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_a_model_without_rules_of_its_own_gets_the_plain_service():
    service = service_for(Organisation)
    assert issubclass(service, ModelService) and service.model is Organisation
    assert service_for(Organisation) is service  # registered once, found again


def test_a_proxy_uses_the_service_registered_for_it_or_its_concrete_model():
    assert service_for(Task).model in (Task, PlanItem)
    assert service_for(Activity).model in (Activity, PlanItem)


def test_a_create_records_who_did_it_and_why_without_a_request(officer):
    org = service_for(Organisation).create(
        data={"name": "Mairie de Pessac", "type": "municipality", "country": "FR"},
        by=officer,
        reason="import du réseau",
    )
    record = org.history.latest()
    assert record.history_user == officer
    assert record.history_change_reason == "import du réseau"


def test_the_model_rules_refuse_with_every_message_keyed_by_field(officer):
    with pytest.raises(ValidationError) as refused:
        service_for(Organisation).create(
            data={"name": "", "type": "municipality", "country": "FR", "latitude": 44.8},
            by=officer,
        )
    fields = refused.value.message_dict
    assert "name" in fields and "longitude" in fields
    assert not Organisation.objects.exists()  # nothing half-saved


def test_an_update_from_a_stale_version_is_refused_and_changes_nothing(officer):
    org = OrganisationFactory(name="Ville de Lille")
    loaded = org.version
    service_for(Organisation).update(obj=org, data={"name": "Lille"}, by=officer, version=loaded)
    stale = Organisation.objects.get(pk=org.pk)
    with pytest.raises(VersionConflict):
        service_for(Organisation).update(
            obj=stale, data={"name": "Mairie de Lille"}, by=officer, version=loaded
        )
    assert Organisation.objects.get(pk=org.pk).name == "Lille"


def test_protected_fields_cannot_be_set_by_any_door(officer):
    org = OrganisationFactory(name="Ville de Lille")
    version = org.version
    service_for(Organisation).update(
        obj=org,
        data={"name": "Lille", "version": 99, "deleted_at": timezone.now()},
        by=officer,
    )
    org.refresh_from_db()
    assert org.version == version + 1 and org.deleted_at is None


def test_create_many_refuses_by_row_and_writes_nothing(officer):
    good = Organisation(name="Mairie de Pessac", type="municipality", country="FR")
    bad = Organisation(name="Mairie de Talence", type="municipality", country="FR", latitude=1)
    with pytest.raises(RowErrors) as refused:
        service_for(Organisation).create_many([good, bad], by=officer)
    assert list(refused.value.errors) == [1]
    assert not Organisation.objects.exists()


def test_create_many_of_a_proxy_records_history_on_its_concrete_model(officer):
    activity = ActivityFactory()
    task = Task(
        project=activity.project,
        parent=activity,
        title="Atelier",
        start_on=dt.date(2026, 3, 1),
        end_on=dt.date(2026, 3, 2),
    )
    (created,) = service_for(Task).create_many([task], by=officer, reason="import")
    record = PlanItem.history.filter(id=created.pk).get()
    assert record.history_user == officer and record.history_change_reason == "import"


def test_trashing_an_activity_takes_its_tasks_and_restoring_brings_them_back(officer):
    activity = ActivityFactory()
    tasks = [TaskFactory(parent=activity), TaskFactory(parent=activity)]
    earlier = TaskFactory(parent=activity)
    move_to_trash(earlier, by=officer)  # trashed on its own, before
    moved = move_to_trash(activity, by=officer)
    assert moved == 3
    assert not PlanItem.objects.filter(pk__in=[t.pk for t in tasks]).exists()
    restored = restore_from_trash(PlanItem.all_objects.get(pk=activity.pk), by=officer)
    assert restored == 3
    assert PlanItem.objects.filter(pk__in=[t.pk for t in tasks]).count() == 2
    # what was trashed on its own stays in the trash
    assert PlanItem.all_objects.get(pk=earlier.pk).deleted_at is not None
    assert PlanItem.history.filter(id=activity.pk).latest().history_change_reason == "restored"


def test_purge_deletes_the_rows_for_good(officer):
    project = ProjectFactory()
    activity = ActivityFactory(project=project)
    TaskFactory(parent=activity)
    move_to_trash(activity, by=officer)
    purge(PlanItem.all_objects.get(pk=activity.pk))
    assert not PlanItem.all_objects.filter(project=project).exists()


def test_a_hook_name_is_checked_and_entries_come_in_their_order():
    with pytest.raises(ValueError):
        hooks.register("no_such_hook")
    with pytest.raises(ValueError):
        hooks.get_hooks("no_such_hook")
    names = [str(entry.label) for entry in hooks.collect(hooks.NAVIGATION, _Admin())]
    assert names.index("Organisations") < names.index("Projets") < names.index("Partenariats")


class _Admin:
    is_authenticated = True
    is_active = True
    is_admin = True
    is_internal = True
    role = "admin"
    pk = None
