"""The plan as an Excel workbook, and its two downloads (XLSX, MS Project XML)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from maillage.projects.mspdi import NS
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)

D = dt.date


@pytest.fixture
def plan(partner_project):
    project = partner_project
    study = ActivityFactory(
        project=project,
        title='=HYPERLINK("http://evil.example","Cliquez")',
        start_on=D(2026, 3, 2),
        end_on=D(2026, 4, 30),
        organisation=OrganisationFactory(name="Ville de Bordeaux"),
    )
    survey = TaskFactory(
        parent=study,
        title="+Enquête",
        start_on=D(2026, 3, 2),
        end_on=D(2026, 3, 20),
        progress=40,
        assignees=[
            UserFactory(first_name="Anne", last_name="Durand"),
            UserFactory(first_name="Paul", last_name="Sy"),
        ],
    )
    report = TaskFactory(
        parent=study, title="@Rapport", start_on=D(2026, 3, 23), end_on=D(2026, 4, 30)
    )
    end = MilestoneFactory(project=project, title="-Fin", end_on=D(2026, 5, 4))
    DependencyFactory(predecessor=survey, successor=report, lag_days=2)
    DependencyFactory(predecessor=report, successor=end)
    DependencyFactory(predecessor=survey, successor=end, lag_days=-1)
    return project


def _sheet(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["Plan"]
    return workbook["Plan"]


def test_the_workbook_has_the_rows_real_dates_and_inert_formulas(client, partner, plan):
    partner.language = "en"
    partner.save()
    client.force_login(partner)
    response = client.get(reverse("projects:project_plan_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "SHARED-1-plan.xlsx" in response["Content-Disposition"]
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert rows[0] == (
        "WBS",
        "Kind",
        "Title",
        "Start",
        "End",
        "Duration (days)",
        "Progress (%)",
        "Status",
        "Assignees",
        "Responsible organisation",
        "Predecessors",
    )
    assert rows[1:] == [
        (
            "1",
            "Activity",
            '=HYPERLINK("http://evil.example","Cliquez")',
            dt.datetime(2026, 3, 2),
            dt.datetime(2026, 4, 30),
            60,
            0,
            "To do",
            None,
            "Ville de Bordeaux",
            None,
        ),
        (
            "1.1",
            "Task",
            "+Enquête",
            dt.datetime(2026, 3, 2),
            dt.datetime(2026, 3, 20),
            19,
            40,
            "To do",
            "Anne Durand; Paul Sy",
            None,
            None,
        ),
        (
            "1.2",
            "Task",
            "@Rapport",
            dt.datetime(2026, 3, 23),
            dt.datetime(2026, 4, 30),
            39,
            0,
            "To do",
            None,
            None,
            "1.1+2",
        ),
        (
            "2",
            "Milestone",
            "-Fin",
            dt.datetime(2026, 5, 4),
            dt.datetime(2026, 5, 4),
            0,
            0,
            "To do",
            None,
            None,
            "1.1-1; 1.2",
        ),
    ]


def test_text_that_looks_like_a_formula_stays_text(client, officer, plan):
    client.force_login(officer)
    sheet = _sheet(client.get(reverse("projects:project_plan_xlsx", args=[plan.pk])))
    for row in range(2, 6):
        cell = sheet.cell(row=row, column=3)
        assert cell.data_type == "s", cell.value  # a string, not a formula ("f")
    assert sheet.cell(row=2, column=4).is_date
    assert sheet.cell(row=2, column=4).number_format == "dd/mm/yyyy"


def test_headers_are_in_the_language_of_the_page(client, officer, plan):
    client.force_login(officer)
    sheet = _sheet(client.get(reverse("projects:project_plan_xlsx", args=[plan.pk])))
    # French by default (the other headers' French comes with the catalogue).
    assert (sheet.cell(row=1, column=2).value, sheet.cell(row=1, column=8).value) == (
        "Nature",
        "Statut",
    )


def test_the_ms_project_download(client, partner, plan):
    client.force_login(partner)
    response = client.get(reverse("projects:project_plan_mspdi", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "attachment" in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    assert len(root.findall(f"{{{NS}}}Tasks/{{{NS}}}Task")) == 5


@pytest.mark.parametrize("name", ["projects:project_plan_xlsx", "projects:project_plan_mspdi"])
def test_an_outsider_cannot_download_another_projects_plan(client, partner, other_project, name):
    ActivityFactory(project=other_project, title="Secret")
    client.force_login(partner)
    response = client.get(reverse(name, args=[other_project.pk]))
    assert response.status_code == 404
    assert b"Secret" not in response.content


@pytest.mark.parametrize("name", ["projects:project_plan_xlsx", "projects:project_plan_mspdi"])
def test_anonymous_visitors_are_sent_to_login(client, plan, name):
    response = client.get(reverse(name, args=[plan.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", ["projects:project_plan_xlsx", "projects:project_plan_mspdi"])
def test_the_number_of_queries_does_not_grow_with_the_plan(client, officer, name):
    project = ProjectFactory()
    client.force_login(officer)
    url = reverse(name, args=[project.pk])

    def grow(count):
        for _ in range(count):
            task = TaskFactory(
                parent=ActivityFactory(project=project, organisation=OrganisationFactory()),
                assignees=[UserFactory()],
            )
            DependencyFactory(predecessor=task, successor__parent=task.parent)

    grow(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(6)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
