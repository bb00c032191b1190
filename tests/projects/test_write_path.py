"""One write path: each rule of the projects area, moved out of views, forms, serializers
and save(), holds the same through the page, the API and the import, with the same
message. One test per rule, named after it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils.html import escape

from maillage.core.trash import move_to_trash
from maillage.projects.models import (
    FieldUpdate,
    PartnerRole,
    PlanItem,
    Project,
    ProjectPartner,
    ProjectSector,
    TaskStatus,
)
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    TaskFactory,
)
from tests.projects.helpers import d
from tests.projects.helpers import sector_post as _sector_post
from tests.projects.helpers import task_form as _task_form

pytestmark = pytest.mark.django_db

# 23:30 in UTC on 30 June is already 1 July, 01:30, in Paris (the users' time zone).
LATE_EVENING_UTC = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
PARIS_DAY = datetime.date(2026, 7, 1)


def _mark_done(client, task, door):
    if door == "board":
        url = reverse("projects:task_status", args=[task.pk])
        return client.post(url, {"status": "done"})
    if door == "page":
        url = reverse("projects:task_update", args=[task.pk])
        return client.post(url, _task_form(task, status="done"))
    return client.patch(
        f"/api/tasks/{task.pk}", {"status": "done"}, content_type="application/json"
    )


# --- Tasks: done, progress, completion date -------------------------------------------------


@pytest.mark.parametrize("door", ["board", "page", "api"])
def test_a_task_marked_done_is_completed_on_the_users_own_date_not_the_servers(
    client, officer, door
):
    task = TaskFactory(progress=30)
    client.force_login(officer)
    with mock.patch("django.utils.timezone.now", return_value=LATE_EVENING_UTC):
        response = _mark_done(client, task, door)
    assert response.status_code in (200, 302), getattr(response, "content", b"")[:500]
    task.refresh_from_db()
    assert LATE_EVENING_UTC.date() == datetime.date(2026, 6, 30)  # the server's UTC day
    assert task.completed_on == PARIS_DAY
    assert task.status == TaskStatus.DONE and task.progress == 100


@pytest.mark.parametrize("door", ["board", "page", "api"])
def test_a_task_done_is_at_100_percent_whatever_progress_was_sent(client, officer, door):
    task = TaskFactory(progress=10)
    client.force_login(officer)
    if door == "board":
        client.post(
            reverse("projects:task_status", args=[task.pk]), {"status": "done", "progress": "40"}
        )
    elif door == "page":
        client.post(
            reverse("projects:task_update", args=[task.pk]),
            _task_form(task, status="done", progress="40"),
        )
    else:
        client.patch(
            f"/api/tasks/{task.pk}",
            {"status": "done", "progress": 40},
            content_type="application/json",
        )
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.DONE, 100)


@pytest.mark.parametrize("door", ["board", "api"])
def test_a_task_moved_back_to_do_restarts_at_0_percent_and_loses_its_completion_date(
    client, officer, door
):
    task = TaskFactory(status=TaskStatus.DONE, progress=100, completed_on=d(20))
    client.force_login(officer)
    if door == "board":
        client.post(reverse("projects:task_status", args=[task.pk]), {"status": "todo"})
    else:
        client.patch(f"/api/tasks/{task.pk}", {"status": "todo"}, content_type="application/json")
    task.refresh_from_db()
    assert (task.status, task.progress, task.completed_on) == (TaskStatus.TODO, 0, None)


def test_progress_above_100_is_refused_with_the_same_message_by_the_page_and_the_api(
    client, officer
):
    task = TaskFactory(progress=10)
    client.force_login(officer)
    page = client.post(
        reverse("projects:task_update", args=[task.pk]), _task_form(task, progress="150")
    )
    assert page.status_code == 422
    api = client.patch(f"/api/tasks/{task.pk}", {"progress": 150}, content_type="application/json")
    assert api.status_code == 400
    assert page.context["form"].errors["progress"] == api.json()["progress"]
    task.refresh_from_db()
    assert task.progress == 10


def test_a_milestone_takes_its_date_as_start_through_every_door(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    client.post(
        reverse("projects:milestone_create"),
        {"project": project.pk, "title": "Comité", "end_on": "2026-06-30", "status": "todo"},
    )
    client.post(
        "/api/milestones",
        {"project": project.pk, "title": "Bilan", "end_on": "2026-09-30"},
        content_type="application/json",
    )
    dates = dict(PlanItem.objects.values_list("title", "start_on"))
    assert dates == {"Comité": d(30, 6), "Bilan": d(30, 9)}


def test_an_item_stays_in_its_project_through_the_api(client, officer):
    task = TaskFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/tasks/{task.pk}", {"project": ProjectFactory().pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "project" in response.json()
    task.refresh_from_db()
    assert task.project_id == task.parent.project_id


# --- Knock-on ------------------------------------------------------------------------------


@pytest.fixture
def chain():
    activity = ActivityFactory(start_on=d(1), end_on=d(30, 4))
    a = TaskFactory(parent=activity, title="A", start_on=d(1), end_on=d(10))
    b = TaskFactory(parent=activity, title="B", start_on=d(11), end_on=d(20))
    c = MilestoneFactory(project=activity.project, title="C", start_on=d(21), end_on=d(21))
    DependencyFactory(predecessor=a, successor=b)
    DependencyFactory(predecessor=b, successor=c)
    return a, b, c


def test_save_and_shift_through_the_api_pushes_the_dependent_items(client, officer, chain):
    a, b, c = chain
    client.force_login(officer)
    response = client.patch(
        f"/api/tasks/{a.pk}?shift=true", {"end_on": "2026-03-13"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    for obj in (a, b, c):
        obj.refresh_from_db()
    assert a.end_on == d(13)
    assert (b.start_on, b.end_on) == (d(14), d(23))
    assert (c.start_on, c.end_on) == (d(24), d(24))
    assert b.history.first().history_user == officer


def test_without_shift_the_api_moves_the_item_only(client, officer, chain):
    a, b, _c = chain
    client.force_login(officer)
    response = client.patch(
        f"/api/tasks/{a.pk}", {"end_on": "2026-03-13"}, content_type="application/json"
    )
    assert response.status_code == 200
    b.refresh_from_db()
    assert b.start_on == d(11)


# --- Sectors, consortium, descriptive rows ------------------------------------------------


def test_sectors_sum_to_100_each_once_with_the_same_message_on_the_page_and_the_api(
    client, officer, sectors
):
    water, sanitation = sectors
    project = ProjectFactory()
    client.force_login(officer)
    api = client.patch(
        f"/api/projects/{project.pk}",
        {"sectors": [{"code": "14021", "percentage": "60"}, {"code": "14022", "percentage": "30"}]},
        content_type="application/json",
    )
    assert api.status_code == 400
    message = api.json()["sectors"][0]
    page = client.post(
        reverse("projects:project_sectors", args=[project.pk]),
        _sector_post([(water, "60"), (sanitation, "30")]),
    )
    assert page.status_code == 422 and escape(message) in page.content.decode()
    twice = client.patch(
        f"/api/projects/{project.pk}",
        {"sectors": [{"code": "14021", "percentage": "50"}, {"code": "14021", "percentage": "50"}]},
        content_type="application/json",
    )
    assert twice.status_code == 400 and not ProjectSector.objects.exists()
    ok = client.patch(
        f"/api/projects/{project.pk}",
        {"sectors": [{"code": "14021", "percentage": "70"}, {"code": "14022", "percentage": "30"}]},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.json()
    assert {s["code"]: s["percentage"] for s in ok.json()["sectors"]} == {
        "14021": "70.00",
        "14022": "30.00",
    }
    # The page's formset starts from them, and replaces them all together.
    form = client.get(reverse("projects:project_sectors", args=[project.pk])).context["formset"]
    assert len(form.initial) == 2
    client.post(
        reverse("projects:project_sectors", args=[project.pk]), _sector_post([(water, "100")])
    )
    assert list(ProjectSector.objects.values_list("sector__code", "percentage")) == [
        ("14021", Decimal("100.00"))
    ]


def test_the_consortiums_shares_may_not_exceed_100_percent(client, officer):
    project = ProjectFactory()
    ProjectPartnerFactory(project=project, share=Decimal("60"))
    client.force_login(officer)
    url = reverse("projects:partner_add", args=[project.pk])
    response = client.post(
        url, {"organisation": OrganisationFactory().pk, "role": PartnerRole.PARTNER, "share": "50"}
    )
    assert response.status_code == 422
    assert "share" in response.context["form"].errors
    assert ProjectPartner.objects.filter(project=project).count() == 1
    response = client.post(
        url, {"organisation": OrganisationFactory().pk, "role": PartnerRole.PARTNER, "share": "40"}
    )
    assert response.status_code == 302


def test_a_partner_share_is_a_percentage_between_0_and_100(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:partner_add", args=[project.pk]),
        {"organisation": OrganisationFactory().pk, "role": PartnerRole.LEAD, "share": "150"},
    )
    assert response.status_code == 422 and "share" in response.context["form"].errors


def test_a_consortium_partner_and_a_location_are_edited_from_the_project_page(client, officer):
    project = ProjectFactory()
    partner = ProjectPartnerFactory(project=project, share=Decimal("20"))
    client.force_login(officer)
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    edit = reverse("projects:partner_update", args=[project.pk, partner.pk])
    assert edit in page
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"organisation": partner.organisation_id, "role": PartnerRole.LEAD, "share": "35"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.role, partner.share) == (PartnerRole.LEAD, Decimal("35"))
    client.post(
        reverse("projects:location_add", args=[project.pk]), {"name": "Oujda", "country": "MA"}
    )
    location = project.locations.get()
    edit = reverse("projects:location_update", args=[project.pk, location.pk])
    bad = client.post(edit, {"name": "Oujda", "country": "MA", "latitude": "34.68"})
    assert bad.status_code == 422 and "longitude" in bad.context["form"].errors
    client.post(edit, {"name": "Oujda centre", "country": "MA"})
    location.refresh_from_db()
    assert location.name == "Oujda centre"


def test_a_row_of_another_project_cannot_be_edited_through_this_one(client, officer):
    project, other = ProjectFactory(), ProjectFactory()
    partner = ProjectPartnerFactory(project=other)
    client.force_login(officer)
    url = reverse("projects:partner_update", args=[project.pk, partner.pk])
    assert client.get(url).status_code == 404


# --- Codes kept by the trash ------------------------------------------------------------


def test_a_project_code_kept_by_a_project_in_the_trash_is_refused_with_a_clear_message(
    client, officer
):
    move_to_trash(ProjectFactory(code="EAU-1"))
    client.force_login(officer)
    page = client.post(
        reverse("projects:project_create"),
        {"code": "EAU-1", "title": "Eau", "status": "idea", "country": "MA", "currency": "EUR"},
    )
    assert page.status_code == 422
    api = client.post(
        "/api/projects",
        {"code": "EAU-1", "title": "Eau", "country": "MA"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert page.context["form"].errors["code"] == api.json()["code"]
    assert Project.all_objects.filter(code="EAU-1").count() == 1


# --- Field updates -----------------------------------------------------------------------


def test_a_field_updates_author_is_whoever_records_it_through_every_door(
    client, officer, partner, partner_project
):
    client.force_login(officer)
    client.post(
        reverse("projects:fieldupdate_create"),
        {"project": partner_project.pk, "occurred_on": "2026-05-12", "title": "Par l'agent"},
    )
    client.force_login(partner)
    client.post(
        "/api/updates",
        {"project": partner_project.pk, "occurred_on": "2026-05-13", "title": "Du partenaire"},
        content_type="application/json",
    )
    authors = dict(FieldUpdate.objects.values_list("title", "author__username"))
    assert authors == {"Par l'agent": officer.username, "Du partenaire": partner.username}


# --- Import ------------------------------------------------------------------------------


def test_an_imported_plan_is_written_by_the_services_and_names_who_imported_it(officer):
    from maillage.projects.mspdi import read_mspdi, save_plan
    from tests.projects.test_mspdi import sahel

    with mock.patch("django.utils.timezone.now", return_value=LATE_EVENING_UTC):
        project = save_plan(
            read_mspdi(sahel()), code="SAHEL", title="Sahel", country="ML", user=officer
        )
    assert project.memberships.get().user == officer
    items = PlanItem.objects.filter(project=project)
    assert items.exists()
    assert {h.history_user for item in items for h in item.history.all()} == {officer}
    done = items.filter(status=TaskStatus.DONE)
    assert done and all(item.progress == 100 and item.completed_on == PARIS_DAY for item in done)
