"""Nothing typed is lost: an activity (with its tasks and milestones), a risk and a field
update (with its photos) go to the trash through the page and the API, come back whole,
and only emptying the trash deletes them and their files. What is in the trash counts
nowhere: not in the plan's views, not in the critical path, not in the overview."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.projects.models import Dependency, FieldUpdate, PlanItem, Risk, UpdateAttachment
from maillage.projects.services import store_attachment
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    FieldUpdateFactory,
    MilestoneFactory,
    ProgrammeFactory,
    RiskFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200 + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _attach(update, name, content, kind):
    upload = SimpleUploadedFile(name, content)
    upload.detected_kind = kind
    return store_attachment(update=update, file=upload, by=None)


def _restore(client, obj, label):
    return client.post(reverse("core:trash_restore", args=[label, obj.pk]))


@pytest.fixture
def activity():
    """An activity with two tasks (linked) and a milestone, and a task trashed before."""
    activity = ActivityFactory(title="Forage")
    first = TaskFactory(parent=activity, title="Étude du sol")
    second = TaskFactory(parent=activity, title="Creusement")
    MilestoneFactory(project=activity.project, parent=activity, title="Puits livré")
    DependencyFactory(predecessor=first, successor=second)
    earlier = TaskFactory(parent=activity, title="Tâche supprimée avant")
    from maillage.core.trash import move_to_trash

    move_to_trash(earlier)
    return activity


def _live_titles(project):
    return sorted(PlanItem.objects.filter(project=project).values_list("title", flat=True))


@pytest.mark.parametrize("door", ["page", "api"])
def test_deleting_an_activity_trashes_its_tasks_and_milestones_and_restoring_brings_them_back(
    client, officer, activity, door
):
    project = activity.project
    client.force_login(officer)
    if door == "page":
        response = client.post(reverse("projects:activity_delete", args=[activity.pk]))
        assert response.status_code == 302
    else:
        assert client.delete(f"/api/activities/{activity.pk}").status_code == 204
    assert _live_titles(project) == []
    trashed = PlanItem.all_objects.filter(project=project, deleted_at__isnull=False)
    assert trashed.count() == 5  # the activity, its three items, the one trashed before
    assert not Dependency.objects.filter(successor__project=project).exists()
    assert Dependency.all_objects.filter(successor__project=project).count() == 1

    response = _restore(client, activity, "projects.planitem")
    assert response.status_code == 302
    assert _live_titles(project) == ["Creusement", "Forage", "Puits livré", "Étude du sol"]
    # Trashed on its own before: it stays in the trash.
    assert PlanItem.all_objects.get(title="Tâche supprimée avant").deleted_at is not None
    assert Dependency.objects.filter(successor__project=project).count() == 1


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_deleted_risk_goes_to_the_trash_and_comes_back(client, officer, door):
    risk = RiskFactory(title="Inondation")
    client.force_login(officer)
    if door == "page":
        assert client.post(reverse("projects:risk_delete", args=[risk.pk])).status_code == 302
    else:
        assert client.delete(f"/api/risks/{risk.pk}").status_code == 204
    assert not Risk.objects.filter(pk=risk.pk).exists()
    assert client.get(reverse("projects:risk_detail", args=[risk.pk])).status_code == 404
    project_risks = client.get(reverse("projects:project_risks", args=[risk.project_id]))
    assert "Inondation" not in project_risks.content.decode()
    assert _restore(client, risk, "projects.risk").status_code == 302
    assert Risk.objects.get(pk=risk.pk).title == "Inondation"


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_deleted_field_update_keeps_its_photos_until_the_trash_is_emptied(
    client, officer, admin_user, media, door, django_capture_on_commit_callbacks
):
    update = FieldUpdateFactory(title="Chantier")
    photo = _attach(update, "puits.jpg", JPEG, "jpeg")
    document = _attach(update, "rapport.pdf", PDF, "pdf")
    files = [media / photo.file.name, media / document.file.name]
    assert all(path.exists() for path in files)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        if door == "page":
            response = client.post(reverse("projects:fieldupdate_delete", args=[update.pk]))
            assert response.status_code == 302
        else:
            assert client.delete(f"/api/updates/{update.pk}").status_code == 204
    assert not FieldUpdate.objects.filter(pk=update.pk).exists()
    assert UpdateAttachment.objects.filter(update=update).count() == 2
    assert all(path.exists() for path in files)
    # In the trash, its files are not served.
    image = reverse("projects:updateattachment_image", args=[photo.pk])
    assert client.get(image).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        assert _restore(client, update, "projects.fieldupdate").status_code == 302
    assert all(path.exists() for path in files)
    assert client.get(image).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        client.delete(f"/api/updates/{update.pk}")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:trash_purge", args=["projects.fieldupdate", update.pk])
        )
    assert response.status_code == 302
    assert not FieldUpdate.all_objects.filter(pk=update.pk).exists()
    assert not UpdateAttachment.objects.filter(pk__in=[photo.pk, document.pk]).exists()
    assert not any(path.exists() for path in files)


def test_an_item_in_the_trash_counts_nowhere_and_its_links_do_not_break_the_critical_path(
    client, officer
):
    """A → B → C, then B goes to the trash: the Gantt, the board, the calendar and the
    overview show A and C only, and the critical path is computed without B's links."""
    activity = ActivityFactory(
        start_on=datetime.date(2026, 3, 1), end_on=datetime.date(2026, 4, 30)
    )
    a = TaskFactory(parent=activity, title="Tâche A", end_on=datetime.date(2026, 3, 10))
    b = TaskFactory(
        parent=activity,
        title="Tâche B",
        start_on=datetime.date(2026, 3, 11),
        end_on=datetime.date(2026, 3, 20),
    )
    c = TaskFactory(
        parent=activity,
        title="Tâche C",
        start_on=datetime.date(2026, 3, 21),
        end_on=datetime.date(2026, 3, 31),
    )
    DependencyFactory(predecessor=a, successor=b)
    DependencyFactory(predecessor=b, successor=c)
    client.force_login(officer)
    assert client.post(reverse("projects:task_delete", args=[b.pk])).status_code == 302
    project = activity.project

    gantt = client.get(reverse("projects:project_gantt", args=[project.pk]))
    assert gantt.status_code == 200
    titles = [bar.item.title for bar in gantt.context["chart"].bars]
    assert "Tâche B" not in titles and {"Tâche A", "Tâche C"} <= set(titles)
    assert gantt.context["chart"].arrows == []
    board = client.get(reverse("projects:project_board", args=[project.pk]))
    cards = [card["task"].title for column in board.context["columns"] for card in column["cards"]]
    assert sorted(cards) == ["Tâche A", "Tâche C"]
    calendar = client.get(
        reverse("projects:project_calendar", args=[project.pk]), {"month": "2026-03"}
    )
    assert "Tâche B" not in calendar.content.decode()
    overview = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert overview.context["plan_counts"]["tasks"] == 2
    # C may now move without asking about B: nothing depends on it any more.
    page = client.get(reverse("projects:task_detail", args=[a.pk]))
    assert page.context["successors"] == []


def test_a_strategy_with_programmes_cannot_go_to_the_trash(client, officer):
    programme = ProgrammeFactory()
    strategy = programme.strategy
    client.force_login(officer)
    response = client.post(reverse("projects:strategy_delete", args=[strategy.pk]), follow=True)
    assert "programmes" in response.content.decode() or "programmes" in str(
        list(response.context["messages"])
    )
    assert client.delete(f"/api/strategies/{strategy.pk}").status_code == 409
    strategy.refresh_from_db()
    assert strategy.deleted_at is None
    # Once its programme is in the trash, it may follow.
    assert client.delete(f"/api/programmes/{programme.pk}").status_code == 204
    assert client.delete(f"/api/strategies/{strategy.pk}").status_code == 204
