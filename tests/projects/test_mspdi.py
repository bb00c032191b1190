"""MS Project XML: what Maillage writes, what it reads back, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from lxml import etree

from maillage.projects.models import (
    Dependency,
    ItemKind,
    PlanItem,
    Project,
    ProjectMembership,
    TaskStatus,
)
from maillage.projects.mspdi import NS, read_mspdi, save_plan, working_days, write_mspdi
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    MilestoneFactory,
    ProjectFactory,
    TaskFactory,
    UserFactory,
)

D = dt.date
Q = f"{{{NS}}}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _export(project: Project) -> bytes:
    items = list(PlanItem.objects.filter(project=project).prefetch_related("assignees"))
    links = Dependency.objects.filter(successor__project=project).values_list(
        "predecessor_id", "successor_id", "lag_days"
    )
    return write_mspdi(project, items, links)


@pytest.fixture
def plan(db):
    project = ProjectFactory(code="EAU-1", title="Eau potable à Saint-Louis")
    study = ActivityFactory(
        project=project, title="Étude", start_on=D(2026, 3, 2), end_on=D(2026, 4, 30)
    )
    works = ActivityFactory(
        project=project, title="Travaux", start_on=D(2026, 5, 4), end_on=D(2026, 9, 30)
    )
    survey = TaskFactory(
        parent=study,
        title="Enquête de terrain",
        start_on=D(2026, 3, 2),
        end_on=D(2026, 3, 20),
        progress=40,
        status=TaskStatus.DOING,
        assignees=[UserFactory(first_name="Anne", last_name="Durand")],
    )
    report = TaskFactory(
        parent=study, title="Rapport", start_on=D(2026, 3, 23), end_on=D(2026, 4, 30)
    )
    digging = TaskFactory(
        parent=works, title="Forage", start_on=D(2026, 5, 4), end_on=D(2026, 7, 31)
    )
    done = TaskFactory(
        parent=works,
        title="Commande des pompes",
        start_on=D(2026, 5, 4),
        end_on=D(2026, 5, 15),
        status=TaskStatus.DONE,
        progress=100,  # factories write rows as given; the service sets this for a door
    )
    launch = MilestoneFactory(project=project, title="Inauguration", end_on=D(2026, 10, 1))
    checkpoint = MilestoneFactory(
        project=project, parent=works, title="Réception", end_on=D(2026, 9, 30)
    )
    DependencyFactory(predecessor=survey, successor=report, lag_days=0)
    DependencyFactory(predecessor=report, successor=digging, lag_days=3)
    DependencyFactory(predecessor=digging, successor=checkpoint, lag_days=-2)
    DependencyFactory(predecessor=checkpoint, successor=launch)
    del done
    return project


def _snapshot(project: Project) -> tuple[list, set]:
    items = PlanItem.objects.filter(project=project).select_related("parent")
    rows = sorted(
        (
            i.kind,
            i.title,
            i.parent.title if i.parent else None,
            i.start_on,
            i.end_on,
            i.progress,
            i.status,
        )
        for i in items
    )
    links = {
        (d.predecessor.title, d.successor.title, d.lag_days)
        for d in Dependency.objects.filter(successor__project=project).select_related(
            "predecessor", "successor"
        )
    }
    return rows, links


def test_a_plan_exported_by_maillage_imports_back_the_same(plan, officer):
    data = _export(plan)
    parsed = read_mspdi(data)
    assert parsed.errors == []
    assert parsed.warnings == [
        "Resource assignments are not imported: assign the tasks to people in Maillage."
    ]
    copy = save_plan(parsed, code="EAU-2", title="Copie", country="SN", user=officer)
    assert _snapshot(copy) == _snapshot(plan)
    rows, links = _snapshot(copy)
    assert len(rows) == 8 and len(links) == 4
    assert ("Forage", "Réception", -2) in links and ("Rapport", "Forage", 3) in links
    assert (copy.code, copy.title, copy.country, copy.owner) == ("EAU-2", "Copie", "SN", officer)
    assert (copy.start_on, copy.end_on) == (D(2026, 3, 2), D(2026, 10, 1))
    assert ProjectMembership.objects.get(project=copy).user == officer
    assert ProjectMembership.objects.get(project=copy).role == "manager"


def test_the_written_file_is_what_ms_project_expects(plan):
    root = etree.fromstring(_export(plan))
    assert root.tag == f"{Q}Project"
    assert root.findtext(f"{Q}Title") == "Eau potable à Saint-Louis"
    assert root.findtext(f"{Q}StartDate") == "2026-03-02T08:00:00"
    assert root.findtext(f"{Q}FinishDate") == "2026-10-01T17:00:00"
    assert root.findtext(f"{Q}CalendarUID") == "1"
    assert root.find(f"{Q}Calendars/{Q}Calendar/{Q}WeekDays") is not None
    tasks = root.findall(f"{Q}Tasks/{Q}Task")
    assert tasks[0].findtext(f"{Q}UID") == "0" and tasks[0].findtext(f"{Q}OutlineLevel") == "0"
    by_name = {t.findtext(f"{Q}Name"): t for t in tasks[1:]}
    names = [t.findtext(f"{Q}Name") for t in tasks[1:]]
    # Each activity is followed by its own items; the free milestone comes in date order.
    assert names == [
        "Étude",
        "Enquête de terrain",
        "Rapport",
        "Travaux",
        "Forage",  # same start as the next one: in the order they were created
        "Commande des pompes",
        "Réception",
        "Inauguration",
    ]
    study = by_name["Étude"]
    assert [study.findtext(f"{Q}{tag}") for tag in ("OutlineLevel", "Summary", "WBS")] == [
        "1",
        "1",
        "1",
    ]
    survey = by_name["Enquête de terrain"]
    assert survey.findtext(f"{Q}OutlineNumber") == "1.1"
    assert survey.findtext(f"{Q}Start") == "2026-03-02T08:00:00"
    assert survey.findtext(f"{Q}Finish") == "2026-03-20T17:00:00"
    assert survey.findtext(f"{Q}Duration") == "PT120H0M0S"  # three working weeks
    assert survey.findtext(f"{Q}PercentComplete") == "40"
    milestone = by_name["Inauguration"]
    assert milestone.findtext(f"{Q}Milestone") == "1"
    assert milestone.findtext(f"{Q}Duration") == "PT0H0M0S"
    assert milestone.findtext(f"{Q}OutlineLevel") == "1"
    link = by_name["Forage"].find(f"{Q}PredecessorLink")
    assert link.findtext(f"{Q}PredecessorUID") == by_name["Rapport"].findtext(f"{Q}UID")
    assert link.findtext(f"{Q}Type") == "1"
    assert link.findtext(f"{Q}LinkLag") == str(3 * 4800)
    assert root.findtext(f"{Q}Resources/{Q}Resource/{Q}Name") == "Anne Durand"
    assignment = root.find(f"{Q}Assignments/{Q}Assignment")
    assert assignment.findtext(f"{Q}TaskUID") == survey.findtext(f"{Q}UID")


def test_an_empty_plan_is_still_a_valid_file(db):
    project = ProjectFactory(start_on=D(2026, 1, 5), end_on=D(2026, 12, 18))
    root = etree.fromstring(_export(project))
    assert root.findtext(f"{Q}StartDate") == "2026-01-05T08:00:00"
    assert len(root.findall(f"{Q}Tasks/{Q}Task")) == 1


def test_working_days():
    assert working_days(D(2026, 3, 2), D(2026, 3, 6)) == 5  # Monday to Friday
    assert working_days(D(2026, 3, 6), D(2026, 3, 9)) == 2  # Friday to Monday
    assert working_days(D(2026, 3, 7), D(2026, 3, 8)) == 0  # a weekend
    assert working_days(D(2026, 3, 2), D(2026, 3, 29)) == 20


# --- A file written by MS Project -------------------------------------------------------


def task(uid, name, level, start, finish, *, summary=0, milestone=0, percent=0, links=""):
    return f"""
    <Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><Type>1</Type><IsNull>0</IsNull>
      <CreateDate>2025-11-03T09:12:00</CreateDate><WBS>x</WBS><OutlineNumber>x</OutlineNumber>
      <OutlineLevel>{level}</OutlineLevel><Priority>500</Priority>
      <Start>{start}T08:00:00</Start><Finish>{finish}T17:00:00</Finish>
      <Duration>PT40H0M0S</Duration><DurationFormat>7</DurationFormat>
      <Milestone>{milestone}</Milestone><Summary>{summary}</Summary>
      <PercentComplete>{percent}</PercentComplete><ConstraintType>0</ConstraintType>
      {links}
      <ExtendedAttribute><FieldID>188743731</FieldID><Value>x</Value></ExtendedAttribute>
    </Task>"""


def link(uid, kind=1, lag=0):
    return (
        f"<PredecessorLink><PredecessorUID>{uid}</PredecessorUID><Type>{kind}</Type>"
        f"<CrossProject>0</CrossProject><LinkLag>{lag}</LinkLag><LagFormat>7</LagFormat>"
        "</PredecessorLink>"
    )


def ms_project_file(*tasks: str, extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <SaveVersion>14</SaveVersion><Name>Programme Sahel.xml</Name><Title>Programme Sahel</Title>
  <ScheduleFromStart>1</ScheduleFromStart><StartDate>2026-01-05T08:00:00</StartDate>
  <FinishDate>2026-06-30T17:00:00</FinishDate><CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay>
  <ExtendedAttributes><ExtendedAttribute><FieldID>188743731</FieldID>
    <FieldName>Text1</FieldName></ExtendedAttribute></ExtendedAttributes>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
  </Calendar></Calendars>
  <Tasks>
    {task(0, "Programme Sahel", 0, "2026-01-05", "2026-06-30", summary=1)}
    {"".join(tasks)}
  </Tasks>
  {extra}
</Project>""".encode()


def sahel() -> bytes:
    return ms_project_file(
        task(1, "Préparation", 1, "2026-01-05", "2026-02-27", summary=1),
        task(2, "Mission d’identification", 2, "2026-01-05", "2026-01-16", percent=100),
        task(3, "Atelier", 2, "2026-01-19", "2026-02-27", summary=1, percent=50),
        task(4, "Invitations", 3, "2026-01-19", "2026-01-23", links=link(2)),
        task(5, "Tenue de l’atelier", 3, "2026-02-23", "2026-02-27", links=link(4, lag=4800 * 2)),
        task(6, "Convention signée", 2, "2026-02-27", "2026-02-27", milestone=1),
        task(7, "Mise en œuvre", 1, "2026-03-02", "2026-06-30", summary=1),
        task(8, "Formation", 2, "2026-03-02", "2026-04-10", links=link(6) + link(5, kind=3)),
        task(9, "Évaluation finale", 1, "2026-06-01", "2026-06-30", links=link(8, lag=-4800)),
        task(10, "Clôture", 1, "2026-06-30", "2026-06-30", milestone=1, links=link(9)),
        extra="""<Resources><Resource><UID>1</UID><Name>Anne</Name></Resource></Resources>
        <Assignments><Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID>
        </Assignment></Assignments>""",
    )


def test_a_file_from_ms_project_imports_with_warnings(db, officer):
    parsed = read_mspdi(sahel())
    assert parsed.errors == []
    assert parsed.name == "Programme Sahel"
    items = {i.title: i for i in parsed.items}
    assert {t: (i.kind, i.parent_uid) for t, i in items.items()} == {
        "Préparation": ("activity", None),
        "Mission d’identification": ("task", 1),
        "Atelier": ("task", 1),
        "Invitations": ("task", 1),  # level 3: flattened under its level-1 activity
        "Tenue de l’atelier": ("task", 1),
        "Convention signée": ("milestone", 1),
        "Mise en œuvre": ("activity", None),
        "Formation": ("task", 7),
        "Évaluation finale": ("activity", None),  # a level-1 leaf
        "Clôture": ("milestone", None),
    }
    assert items["Mission d’identification"].status == TaskStatus.DONE
    assert items["Atelier"].status == TaskStatus.DOING and items["Atelier"].progress == 50
    assert items["Invitations"].status == TaskStatus.TODO
    assert {(d.predecessor_uid, d.successor_uid, d.lag_days) for d in parsed.dependencies} == {
        (2, 4, 0),
        (4, 5, 2),
        (6, 8, 0),
        (5, 8, 0),
        (8, 9, -1),
        (9, 10, 0),
    }
    assert any("SS link from “Tenue de l’atelier”" in w for w in parsed.warnings)
    assert any("UID 8" in w and "finish-to-start" in w for w in parsed.warnings)
    assert any("2 tasks below the second outline level" in w for w in parsed.warnings)
    assert any("Resource assignments" in w for w in parsed.warnings)
    assert (parsed.first_date, parsed.last_date) == (D(2026, 1, 5), D(2026, 6, 30))
    assert parsed.counts == {"activity": 3, "task": 5, "milestone": 2}

    project = save_plan(parsed, code="SAHEL", title="Programme Sahel", country="ML", user=officer)
    items = {i.title: i for i in PlanItem.objects.filter(project=project)}
    assert items["Invitations"].parent == items["Préparation"]
    assert items["Convention signée"].kind == ItemKind.MILESTONE
    assert items["Convention signée"].parent == items["Préparation"]
    assert Dependency.objects.filter(successor__project=project).count() == 6
    assert Dependency.objects.get(successor=items["Évaluation finale"]).lag_days == -1


# --- Refused, with a clear message and nothing saved -----------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Title>&e;</Title></Project>"""

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % ("" if n == 1 else n - 1)) * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><Project xmlns="http://schemas.microsoft.com/project"><Title>&lol9;</Title></Project>'
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"Nom;Debut;Fin\nEtude;2026-01-01;2026-02-01\n", "This file is not XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "This file is not XML"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><Tasks>", "not XML"),
        (XXE, "DOCTYPE"),
        (BILLION_LAUGHS, "DOCTYPE"),
        (b"<!DOCTYPE Project><Project xmlns='http://schemas.microsoft.com/project'/>", "DOCTYPE"),
        (XXE.decode().encode("utf-16"), "DOCTYPE"),
        (b"<Project><Tasks/></Project>", "root element should be <Project> in the namespace"),
        (b"<html xmlns='http://schemas.microsoft.com/project'/>", "not an MS Project plan"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'/>", "no task to import"),
    ],
)
def test_unreadable_files_are_refused(data, message):
    parsed = read_mspdi(data)
    assert parsed.items == [] and parsed.dependencies == []
    assert len(parsed.errors) == 1 and message in parsed.errors[0]
    assert "root:" not in parsed.errors[0]  # nothing of /etc/passwd leaks


def test_a_file_above_the_size_cap_is_refused(settings):
    settings.MSPDI_MAX_BYTES = 1000
    parsed = read_mspdi(sahel())
    assert parsed.errors and "the limit is 1000" in parsed.errors[0]


def test_too_many_tasks_are_refused(settings):
    settings.MSPDI_MAX_TASKS = 3
    parsed = read_mspdi(sahel())
    assert parsed.errors == ["The file holds 11 tasks; at most 3 can be imported."]


@pytest.mark.parametrize(
    ("tasks", "message"),
    [
        (
            [
                task(1, "A", 1, "2026-01-05", "2026-01-09", links=link(3)),
                task(2, "B", 1, "2026-01-12", "2026-01-16", links=link(1)),
                task(3, "C", 1, "2026-01-19", "2026-01-23", links=link(2)),
            ],
            "Task “C” (UID 3): the link from Task “B” (UID 2) closes a cycle of dependencies.",
        ),
        (
            [task(1, "A", 1, "2026-01-05", "2026-01-09", links=link(1))],
            "Task “A” (UID 1) is linked to itself.",
        ),
        (
            [task(1, "Forage", 1, "2026-03-05", "2026-02-09")],
            "Task “Forage” (UID 1) finishes (Feb. 9, 2026) before it starts (March 5, 2026).",
        ),
        (
            [
                "<Task><UID>4</UID><Name>Sans dates</Name><OutlineLevel>1</OutlineLevel></Task>",
            ],
            "Task “Sans dates” (UID 4) has no start or finish date.",
        ),
    ],
)
def test_plans_the_database_would_refuse_are_refused_per_task(tasks, message):
    parsed = read_mspdi(ms_project_file(*tasks))
    assert message in parsed.errors


def test_links_to_unknown_or_other_projects_are_left_with_a_warning():
    cross = (
        "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>"
        "<CrossProject>1</CrossProject></PredecessorLink>"
    )
    parsed = read_mspdi(
        ms_project_file(
            task(1, "A", 1, "2026-01-05", "2026-01-09"),
            task(2, "B", 1, "2026-01-12", "2026-01-16", links=link(99) + cross),
        )
    )
    assert parsed.errors == [] and parsed.dependencies == []
    assert len(parsed.warnings) == 2
