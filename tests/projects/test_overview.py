"""The project page a director reads in 30 seconds, the project's descriptive rows, and
the hierarchy strategy → programme → project."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.projects.models import (
    Programme,
    ProjectLocation,
    ProjectSector,
    RiskStatus,
    Strategy,
    TaskStatus,
)
from tests.factories import (
    ActivityFactory,
    FieldUpdateFactory,
    MilestoneFactory,
    PersonFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    RiskFactory,
    TaskFactory,
)
from tests.projects.helpers import sector_post as _sector_post
from tests.querycount import page_queries as _queries

pytestmark = pytest.mark.django_db


def _grow(project, n: int) -> None:
    """n of everything the overview shows."""
    today = timezone.localdate()
    for i in range(n):
        activity = ActivityFactory(
            project=project,
            start_on=today - datetime.timedelta(60),
            end_on=today + datetime.timedelta(30),
        )
        TaskFactory(
            parent=activity,
            start_on=today - datetime.timedelta(30),
            end_on=today - datetime.timedelta(i + 1),
        )
        MilestoneFactory(project=project, end_on=today + datetime.timedelta(i + 1))
        RiskFactory(project=project, review_on=today - datetime.timedelta(1))
        FieldUpdateFactory(project=project)
        partner = ProjectPartnerFactory(project=project)
        partner.contacts.add(PersonFactory())


def test_the_overview_shows_what_a_director_needs(client, officer):
    today = timezone.localdate()
    project = ProjectFactory(code="LIL-OUJ-X", title="Gastronomie")
    activity = ActivityFactory(
        project=project,
        start_on=today - datetime.timedelta(90),
        end_on=today + datetime.timedelta(30),
    )
    TaskFactory(
        parent=activity,
        title="Recruter les formateurs",
        start_on=today - datetime.timedelta(60),
        end_on=today - datetime.timedelta(3),
    )
    TaskFactory(
        parent=activity,
        title="Tâche terminée",
        status=TaskStatus.DONE,
        start_on=today - datetime.timedelta(60),
        end_on=today - datetime.timedelta(3),
    )
    MilestoneFactory(project=project, title="Inauguration", end_on=today + datetime.timedelta(10))
    MilestoneFactory(project=project, title="Jalon passé", end_on=today - datetime.timedelta(10),
                     status=TaskStatus.DONE)  # fmt: skip
    RiskFactory(project=project, title="Instabilité", review_on=today - datetime.timedelta(1))
    RiskFactory(project=project, title="Risque clos", status=RiskStatus.CLOSED)
    FieldUpdateFactory(project=project, title="Atelier de lancement")
    ProjectPartnerFactory(project=project, organisation__name="Commune d'Oujda")
    client.force_login(officer)
    body = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "Inauguration" in body and "Jalon passé" not in body
    assert "Recruter les formateurs" in body
    assert "Instabilité" in body and "Risque clos" not in body
    assert "Atelier de lancement" in body
    assert "Commune d&#x27;Oujda" in body or "Commune d'Oujda" in body
    assert "1 / 2" in body  # tasks done / tasks


def test_the_project_list_and_page_keep_a_constant_number_of_queries(client, officer):
    project = ProjectFactory()
    _grow(project, 2)
    client.force_login(officer)
    page = reverse("projects:project_detail", args=[project.pk])
    listing = reverse("projects:project_list")
    small_page, small_list = _queries(client, page), _queries(client, listing)
    _grow(project, 12)
    for _ in range(20):
        ProjectPartnerFactory(project=ProjectFactory())
    assert _queries(client, page) == small_page
    assert _queries(client, listing) == small_list


def test_a_partner_reads_the_overview_of_its_project_only(
    client, partner, partner_project, other_project
):
    RiskFactory(project=partner_project, title="Risque partagé")
    client.force_login(partner)
    body = client.get(reverse("projects:project_detail", args=[partner_project.pk]))
    assert body.status_code == 200 and "Risque partagé" in body.content.decode()
    assert "Add a partner" not in body.content.decode()
    assert (
        client.get(reverse("projects:project_detail", args=[other_project.pk])).status_code == 404
    )
    for name in ("partner_add", "member_add", "location_add", "project_sectors"):
        assert client.get(reverse(f"projects:{name}", args=[partner_project.pk])).status_code == 403
        assert client.get(reverse(f"projects:{name}", args=[other_project.pk])).status_code == 404


def test_sector_percentages_must_sum_to_100_and_nothing_is_saved_otherwise(
    client, officer, sectors
):
    water, sanitation = sectors
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse("projects:project_sectors", args=[project.pk])
    response = client.post(url, _sector_post([(water, "60"), (sanitation, "30")]))
    assert response.status_code == 422
    assert "90\xa0%" in response.content.decode()  # « totalisent 90 % »
    assert not ProjectSector.objects.filter(project=project).exists()
    twice = client.post(url, _sector_post([(water, "50"), (water, "50")]))
    assert twice.status_code == 422 and not ProjectSector.objects.exists()
    ok = client.post(url, _sector_post([(water, "60"), (sanitation, "40")]))
    assert ok.status_code == 302
    assert sorted(ProjectSector.objects.values_list("percentage", flat=True)) == [40, 60]


def test_the_sectors_form_marks_each_rows_own_sector_with_one_reading_of_them(
    client, officer, sectors
):
    """The offered sectors are read once for every row (and written by the fast Select):
    each row still shows its own sector chosen, and adding rows adds no query."""
    from lxml import html

    water, sanitation = sectors
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse("projects:project_sectors", args=[project.pk])
    assert client.post(url, _sector_post([(water, "60"), (sanitation, "40")])).status_code == 302
    page = html.fromstring(client.get(url).content)
    chosen = [
        select.xpath("./option[@selected]/@value")
        for select in page.xpath("//select[contains(@name, '-sector')]")
    ]
    assert chosen[:2] == [[str(water.pk)], [str(sanitation.pk)]]
    assert all(choice == [""] or choice == [] for choice in chosen[2:])
    assert len(chosen) == 5  # the two sectors and three empty rows
    offered = page.xpath("//select[contains(@name, '-sector')][1]/option/@value")
    assert {str(water.pk), str(sanitation.pk)} <= set(offered)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ProjectSector.objects.filter(project=project).delete()
    with CaptureQueriesContext(connection) as none:
        client.get(url)
    assert len(few.captured_queries) == len(none.captured_queries)


def test_a_location_needs_both_coordinates(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse("projects:location_add", args=[project.pk])
    bad = client.post(url, {"name": "Oujda", "country": "MA", "latitude": "34.68"})
    assert bad.status_code == 422 and not ProjectLocation.objects.exists()
    good = {"name": "Oujda", "country": "MA", "latitude": "34.68", "longitude": "-1.91"}
    assert client.post(url, good).status_code == 302
    assert ProjectLocation.objects.get().project == project


def test_the_hierarchy_strategy_programme_project(client, officer):
    programme = ProgrammeFactory(title="Coopération Lille–Oujda")
    project = ProjectFactory(programme=programme, code="LIL-OUJ-1")
    client.force_login(officer)
    strategy_page = client.get(reverse("projects:strategy_detail", args=[programme.strategy.pk]))
    assert "Coopération Lille–Oujda" in strategy_page.content.decode()
    programme_page = client.get(reverse("projects:programme_detail", args=[programme.pk]))
    assert "LIL-OUJ-1" in programme_page.content.decode()
    bad = client.post(
        reverse("projects:programme_create"),
        {"code": "P2", "title": "Mal daté", "start_on": "2026-05-01", "end_on": "2026-01-01"},
    )
    assert bad.status_code == 422 and not Programme.objects.filter(code="P2").exists()
    assert project.programme.strategy == Strategy.objects.get()


def test_a_partner_sees_no_strategy_or_programme(client, partner, partner_project):
    programme = ProgrammeFactory()
    client.force_login(partner)
    assert client.get(reverse("projects:programme_detail", args=[programme.pk])).status_code == 404
    assert (
        client.get(reverse("projects:strategy_detail", args=[programme.strategy.pk])).status_code
        == 404
    )


def test_team_members_feed_partner_access(client, officer, partner, other_project):
    client.force_login(officer)
    url = reverse("projects:member_add", args=[other_project.pk])
    assert client.post(url, {"user": partner.pk, "role": "partner"}).status_code == 302
    client.force_login(partner)
    assert (
        client.get(reverse("projects:project_detail", args=[other_project.pk])).status_code == 200
    )


def test_the_home_page_lists_my_open_tasks_late_first(client, partner, partner_project, officer):
    today = timezone.localdate()
    activity = ActivityFactory(
        project=partner_project,
        start_on=today - datetime.timedelta(60),
        end_on=today + datetime.timedelta(60),
    )
    soon = {"start_on": today, "end_on": today + datetime.timedelta(5)}
    late = {"start_on": today - datetime.timedelta(20), "end_on": today - datetime.timedelta(2)}
    TaskFactory(parent=activity, title="Envoyer les devis", assignees=[partner], **late)
    TaskFactory(parent=activity, title="Tâche d'un autre", assignees=[officer], **soon)
    TaskFactory(
        parent=activity, title="Tâche faite", assignees=[partner], status=TaskStatus.DONE, **soon
    )
    client.force_login(partner)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Envoyer les devis" in body
    assert "Tâche d&#x27;un autre" not in body and "Tâche faite" not in body
    assert reverse("projects:project_board", args=[partner_project.pk]) in body


def test_the_home_page_flags_expiring_agreements_and_overdue_commitments(client, officer):
    from tests.partnerships.factories import AgreementFactory, CommitmentFactory

    today = timezone.localdate()
    AgreementFactory(title="Convention bientôt échue", end_on=today + datetime.timedelta(30))
    AgreementFactory(title="Convention lointaine", end_on=today + datetime.timedelta(400))
    CommitmentFactory(text="Livrer le rapport", due_on=today - datetime.timedelta(3))
    CommitmentFactory(text="Engagement à venir", due_on=today + datetime.timedelta(30))
    client.force_login(officer)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "Convention bientôt échue" in body and "Convention lointaine" not in body
    assert "Livrer le rapport" in body and "Engagement à venir" not in body
