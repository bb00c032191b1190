"""The risk register: pages, heat-map, overdue reviews, access and the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.projects.models import Risk, RiskStatus
from maillage.projects.selectors import open_risks, risk_summary
from tests.factories import ProjectFactory, RiskFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _today_is_fixed(monkeypatch):
    """The pages' "today" is the module's: a run crossing midnight in Paris (the dates
    are computed at import) flagged the risk due today as overdue."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _cell(response, likelihood, impact):
    for row_impact, cells in response.context["grid"]:
        for cell, url in cells:
            if (cell.likelihood, cell.impact) == (likelihood, impact):
                assert row_impact == impact
                return cell, url
    raise AssertionError("no such cell")


def test_the_heat_map_counts_the_open_risks_of_each_cell(client, officer):
    project = ProjectFactory()
    RiskFactory.create_batch(2, project=project, likelihood=3, impact=4)
    RiskFactory(project=project, likelihood=5, impact=5)
    RiskFactory(project=project, likelihood=3, impact=4, status=RiskStatus.CLOSED)
    RiskFactory(likelihood=3, impact=4)  # another project
    client.force_login(officer)
    response = client.get(reverse("projects:project_risks", args=[project.pk]))
    assert response.status_code == 200
    cell, url = _cell(response, 3, 4)
    assert cell.count == 2 and cell.score == 12
    assert _cell(response, 5, 5)[0].count == 1
    assert _cell(response, 1, 1)[0].count == 0
    assert sum(c.count for _i, cells in response.context["grid"] for c, _u in cells) == 3
    # Rows: impact 5 first; columns: likelihood 1 to 5.
    assert [impact for impact, _cells in response.context["grid"]] == [5, 4, 3, 2, 1]
    body = response.content.decode()
    assert 'class="heat-12"' in body and '<th scope="row">4</th>' in body
    assert "style=" not in body
    # The cell links to the list filtered on that cell, which shows exactly its risks.
    listed = client.get(url)
    assert listed.status_code == 200
    assert len(listed.context["rows"]) == 2


def test_an_open_risk_past_its_review_date_is_flagged(client, officer):
    project = ProjectFactory()
    late = RiskFactory(project=project, title="Crue du fleuve", review_on=YESTERDAY)
    RiskFactory(project=project, title="Grève", review_on=TODAY)
    RiskFactory(project=project, title="Ancien", review_on=YESTERDAY, status=RiskStatus.CLOSED)
    client.force_login(officer)
    response = client.get(reverse("projects:project_risks", args=[project.pk]))
    flagged = [risk.title for risk, overdue in response.context["risks"] if overdue]
    assert flagged == ["Crue du fleuve"]
    assert response.context["overdue_count"] == 1
    assert response.content.decode().count('class="badge overdue"') == 2  # note + row
    listed = client.get(reverse("projects:risk_list"), {"review_overdue": "true"})
    assert [obj.pk for obj, _cells in listed.context["rows"]] == [late.pk]
    assert risk_summary(project=project).review_overdue == 1


def test_the_register_is_sorted_by_score(client, officer):
    project = ProjectFactory()
    RiskFactory(project=project, title="Faible", likelihood=1, impact=2)
    RiskFactory(project=project, title="Fort", likelihood=5, impact=4)
    RiskFactory(project=project, title="Moyen", likelihood=3, impact=3)
    client.force_login(officer)
    response = client.get(reverse("projects:project_risks", args=[project.pk]))
    assert [r.title for r, _o in response.context["risks"]] == ["Fort", "Moyen", "Faible"]
    assert [r.title for r in open_risks(project=project)] == ["Fort", "Moyen", "Faible"]
    summary = risk_summary(project=project, user=officer)
    assert (summary.open, summary.high, [r.title for r in summary.top]) == (
        3,
        1,
        ["Fort", "Moyen", "Faible"],
    )


def test_the_list_filters_by_minimum_score_and_category(client, viewer):
    RiskFactory(title="Petit", likelihood=1, impact=1, category="health")
    RiskFactory(title="Grand", likelihood=4, impact=4, category="security")
    client.force_login(viewer)
    response = client.get(reverse("projects:risk_list"), {"min_score": "10"})
    assert [obj.title for obj, _c in response.context["rows"]] == ["Grand"]
    response = client.get(reverse("projects:risk_list"), {"category": "health"})
    assert [obj.title for obj, _c in response.context["rows"]] == ["Petit"]
    response = client.get(reverse("projects:risk_list"), {"sort": "-score_value"})
    assert [obj.title for obj, _c in response.context["rows"]] == ["Grand", "Petit"]


def test_an_officer_records_a_risk_with_the_project_preselected(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse("projects:risk_create")
    form = client.get(url, {"project": project.pk}).context["form"]
    assert form.initial["project"] == project.pk
    response = client.post(
        url,
        {
            "project": project.pk,
            "title": "Instabilité politique",
            "category": "political",
            "likelihood": 4,
            "impact": 5,
            "owner": officer.pk,
            "review_on": "2026-09-01",
            "status": "open",
        },
    )
    risk = Risk.objects.get(title="Instabilité politique")
    assert response.status_code == 302 and risk.score == 20 and risk.owner == officer


def test_a_partner_cannot_be_owner_of_a_risk(client, officer, partner):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        reverse("projects:risk_create"),
        {
            "project": project.pk,
            "title": "X",
            "category": "other",
            "likelihood": 1,
            "impact": 1,
            "owner": partner.pk,
            "status": "open",
        },
    )
    assert response.status_code == 422
    assert "owner" in response.context["form"].errors


def test_a_partner_reads_its_projects_risks_only_and_writes_none(
    client, partner, partner_project, other_project
):
    mine = RiskFactory(project=partner_project, title="Risque partagé")
    hidden = RiskFactory(project=other_project, title="Risque caché")
    client.force_login(partner)
    assert (
        client.get(reverse("projects:project_risks", args=[partner_project.pk])).status_code == 200
    )
    assert client.get(reverse("projects:project_risks", args=[other_project.pk])).status_code == 404
    assert client.get(reverse("projects:risk_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("projects:risk_update", args=[mine.pk])).status_code == 403
    body = client.get(reverse("projects:risk_list")).content.decode()
    assert "Risque partagé" in body and "Risque caché" not in body
    titles = [r["title"] for r in client.get("/api/risks").json()["results"]]
    assert titles == ["Risque partagé"]
    assert client.get(f"/api/risks/{hidden.pk}").status_code == 404
    response = client.patch(
        f"/api/risks/{mine.pk}", {"title": "Piraté"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_a_viewer_cannot_write_risks(client, viewer):
    risk = RiskFactory()
    client.force_login(viewer)
    assert client.get(reverse("projects:risk_create")).status_code == 403
    assert client.post(reverse("projects:risk_delete", args=[risk.pk])).status_code == 403
    data = {"project": risk.project_id, "title": "X", "category": "other"}
    assert client.post("/api/risks", data, content_type="application/json").status_code == 403


def test_the_api_creates_a_risk_and_gives_its_score(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    response = client.post(
        "/api/risks",
        {
            "project": project.pk,
            "title": "Change",
            "category": "financial",
            "likelihood": 2,
            "impact": 5,
            "review_on": str(YESTERDAY),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["score"] == 10 and response.json()["review_overdue"] is True
    assert client.get("/api/risks", {"min_score": 11}).json()["count"] == 0


@pytest.mark.parametrize("page", ["project_risks", "risk_list", "api"])
def test_queries_stay_constant_as_risks_grow(client, officer, page):
    project = ProjectFactory()
    url = {
        "project_risks": reverse("projects:project_risks", args=[project.pk]),
        "risk_list": reverse("projects:risk_list"),
        "api": "/api/risks",
    }[page]
    client.force_login(officer)
    assert_constant_queries(
        client,
        url,
        grow=lambda n: RiskFactory.create_batch(
            n, project=project, owner=officer, review_on=YESTERDAY
        ),
        rows=(3, 20),
    )
