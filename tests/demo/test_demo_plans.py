"""The demo's project management: strategies, plans, risks and field updates with photos."""

import struct
import zlib
from collections import defaultdict
from decimal import Decimal
from graphlib import TopologicalSorter

import pytest

from maillage.accounts.models import User
from maillage.core.uploads import check_upload
from maillage.demo import media as demo_media
from maillage.demo.dataset import load_dataset
from maillage.projects.models import (
    Activity,
    AttachmentKind,
    Dependency,
    FieldUpdate,
    ItemKind,
    Milestone,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectPolicyMarker,
    ProjectSector,
    ProjectStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    Strategy,
    Task,
    TaskStatus,
    UpdateAttachment,
    creates_cycle,
)

pytestmark = pytest.mark.django_db

DATA = load_dataset()
REFERENCE_DATE = DATA.reference_date
PROFILES = DATA["projects.toml"]["projects"]

LILLE_OUJDA = {"LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC"}
NETWORK = {"RNAC-EAU-SN", "RNAC-JEUNES-MG"}
BOUNDS = {  # (latitude, longitude) boxes of the countries of the demo's places
    "FR": ((41.3, 51.1), (-5.2, 9.6)),
    "MA": ((27.6, 35.9), (-13.2, -1.0)),
    "SN": ((12.3, 16.7), (-17.6, -11.3)),
    "MG": ((-25.7, -11.9), (43.2, 50.5)),
}


@pytest.fixture
def plans(built_demo, db):
    """The counts of the demo's project management, built once for the module."""
    return built_demo.summary.plans


def expected_counts() -> dict[str, int]:
    tasks = DATA["tasks.csv"]
    milestones = DATA["plans.toml"]["milestones"]
    updates = DATA["updates.toml"]["updates"]
    return {
        "strategies": len(DATA["projects.toml"]["strategies"]),
        "programmes": len(DATA["projects.toml"]["programmes"]),
        "activities": len(DATA["plans.toml"]["activities"]),
        "tasks": len(tasks),
        "milestones": len(milestones),
        "dependencies": sum(len(i.get("after", "").split()) for i in [*tasks, *milestones]),
        "assignments": sum(len(t["assignees"].split()) for t in tasks),
        "locations": sum(len(p["locations"]) for p in PROFILES),
        "project_tags": sum(len(p["tags"]) for p in PROFILES),
        "risks": len(DATA["risks.toml"]["risks"]),
        "updates": len(updates),
        "photos": sum(len(u.get("photos", [])) for u in updates),
        "documents": sum(1 for u in updates if "document" in u),
    }


def test_the_project_management_has_its_known_size(plans):
    assert {key: plans[key] for key in expected_counts()} == {
        "strategies": 2,
        "programmes": 2,
        "activities": 18,
        "tasks": 61,
        "milestones": 18,
        "dependencies": 81,
        "assignments": 62,
        "locations": 8,
        "project_tags": 13,
        "risks": 22,
        "updates": 22,
        "photos": 18,
        "documents": 3,
    }


def test_counts_of_what_is_built(plans):
    expected = expected_counts()
    in_database = {
        "strategies": Strategy.objects.count(),
        "programmes": Programme.objects.count(),
        "activities": Activity.objects.count(),
        "tasks": Task.objects.count(),
        "milestones": Milestone.objects.count(),
        "dependencies": Dependency.objects.count(),
        "assignments": PlanItem.assignees.through.objects.count(),
        "locations": ProjectLocation.objects.count(),
        "project_tags": Project.tags.through.objects.count(),
        "risks": Risk.objects.count(),
        "updates": FieldUpdate.objects.count(),
        "photos": UpdateAttachment.objects.filter(kind=AttachmentKind.PHOTO).count(),
        "documents": UpdateAttachment.objects.filter(kind=AttachmentKind.DOCUMENT).count(),
    }
    assert in_database == expected
    assert {key: plans[key] for key in expected} == expected
    # Without the IATI codelists, no sector, marker or SDG target (and no failure).
    assert (plans["sectors"], plans["policy_markers"], plans["sdg_targets"]) == (0, 0, 0)
    assert not ProjectSector.objects.exists()
    assert not ProjectPolicyMarker.objects.exists()
    assert expected["tasks"] >= 60 and expected["photos"] >= 15


def test_strategies_programmes_and_the_projects_profile(plans):
    lille = Strategy.objects.get(title="Stratégie internationale de la Ville de Lille 2021–2026")
    assert lille.owner_organisation.name == "Ville de Lille"
    programme = lille.programmes.get()
    assert programme.title == "Coopération Lille–Oujda"
    assert set(programme.projects.values_list("code", flat=True)) == LILLE_OUJDA
    network = Programme.objects.get(code="RNAC-EAU-JEUNESSE")
    assert set(network.projects.values_list("code", flat=True)) == NETWORK
    assert network.strategy.owner_organisation.acronym == "RNAC"
    for project in Project.objects.all():
        assert project.summary_en, project.code
        assert project.tags.exists(), project.code
        started = project.status == ProjectStatus.IN_PROGRESS
        assert (project.actual_start_on is not None) == started, project.code
        if started:
            assert project.start_on <= project.actual_start_on <= REFERENCE_DATE
        assert project.locations.exists(), project.code
        for place in project.locations.all():
            (south, north), (west, east) = BOUNDS[place.country]
            assert south <= place.latitude <= north and west <= place.longitude <= east
    oujda = ProjectLocation.objects.filter(project__code="LIL-OUJ-GASTRO", name="Oujda").get()
    assert (oujda.latitude, oujda.longitude) == (Decimal("34.6814"), Decimal("-1.9086"))
    assert Project.objects.filter(tags__name="Jumelage Lille–Oujda").count() == 3


def test_every_project_has_a_plan_of_activities_tasks_and_milestones(plans):
    for project in Project.objects.all():
        activities = Activity.objects.filter(project=project)
        assert 3 <= activities.count() <= 5, project.code
        for activity in activities:
            tasks = activity.children.filter(kind=ItemKind.TASK)
            assert 2 <= tasks.count() <= 5, activity.title
            assert activity.start_on == min(t.start_on for t in tasks)
            assert activity.end_on >= max(t.end_on for t in tasks)
        milestones = Milestone.objects.filter(project=project)
        assert 2 <= milestones.count() <= 4, project.code
        assert all(m.start_on == m.end_on for m in milestones)
        assert Dependency.objects.filter(successor__project=project).count() >= 8
        assert not Task.objects.filter(project=project, parent__isnull=True).exists()
    # Tasks belong to an activity of their own project.
    for task in Task.objects.select_related("parent"):
        assert task.parent.project_id == task.project_id
        assert task.parent.kind == ItemKind.ACTIVITY


def test_statuses_and_progress_are_told_as_of_the_reference_date(plans):
    today = REFERENCE_DATE
    for item in PlanItem.objects.all():
        if item.status == TaskStatus.DONE:
            assert item.progress == 100 and item.completed_on is not None, item
            assert item.completed_on <= today and item.end_on <= item.completed_on, item
        else:
            assert item.completed_on is None, item
        if item.start_on > today:
            assert item.status == TaskStatus.TODO and item.progress == 0, item
        if item.status == TaskStatus.DOING:
            assert 0 < item.progress < 100, item
    tasks = Task.objects.all()
    assert {TaskStatus.DONE, TaskStatus.DOING, TaskStatus.TODO} == set(
        tasks.values_list("status", flat=True)
    )
    # Late: due before the reference date and not done, in every Lille–Oujda project.
    late = tasks.late(today)
    for code in LILLE_OUJDA:
        assert late.filter(project__code=code).exists(), code
    assert late.count() <= 8
    # Current work: tasks under way on time.
    assert tasks.filter(status=TaskStatus.DOING, end_on__gte=today).count() >= 3


def test_the_partner_user_has_tasks_to_tick_on_its_projects_only(plans):
    oujda = User.objects.get(username="oujda")
    assigned = Task.objects.assigned_to(oujda)
    for code in LILLE_OUJDA:
        assert assigned.filter(project__code=code).exists(), code
    assert set(assigned.values_list("project__code", flat=True)) == LILLE_OUJDA
    assert assigned.filter(status=TaskStatus.TODO, start_on__gt=REFERENCE_DATE).exists()
    visible = set(PlanItem.objects.visible_to(oujda).values_list("project__code", flat=True))
    assert visible == LILLE_OUJDA
    # Officers work on their own projects: Youssef on Lille–Oujda, Camille on the network.
    youssef = set(
        Task.objects.assigned_to(User.objects.get(username="youssef")).values_list(
            "project__code", flat=True
        )
    )
    camille = set(
        Task.objects.assigned_to(User.objects.get(username="camille")).values_list(
            "project__code", flat=True
        )
    )
    assert (youssef, camille) == (LILLE_OUJDA, NETWORK)


def test_dependencies_form_chains_in_time_without_loops(plans):
    graphs: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    edges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for dep in Dependency.objects.select_related("predecessor", "successor__project"):
        before, after = dep.predecessor, dep.successor
        code = after.project.code
        assert before.project_id == after.project_id
        # As the scheduler reads a link: from the day after the predecessor, plus the lag.
        assert (after.start_on - before.end_on).days >= 1 + dep.lag_days, dep
        if after.status != TaskStatus.TODO:
            assert before.status == TaskStatus.DONE, dep
        assert not creates_cycle(edges[code], before.pk, after.pk)
        edges[code].append((before.pk, after.pk))
        graphs[code][after.pk].add(before.pk)
    assert Dependency.objects.filter(lag_days__gt=0).exists()
    for code, graph in graphs.items():
        order = list(TopologicalSorter(graph).static_order())  # raises on a cycle
        # The longest chain (in items): a critical path runs through the whole plan.
        longest: dict[int, int] = {}
        for node in order:
            longest[node] = 1 + max((longest[p] for p in graph.get(node, ())), default=0)
        assert max(longest.values()) >= 5, code


def test_risk_registers(plans):
    today = REFERENCE_DATE
    for project in Project.objects.all():
        risks = project.risks.all()
        assert 3 <= risks.count() <= 5, project.code
        assert not risks.filter(owner__isnull=True).exists()
        assert not risks.filter(mitigation="").exists()
    categories = set(Risk.objects.values_list("category", flat=True))
    assert {
        RiskCategory.SECURITY,
        RiskCategory.POLITICAL,
        RiskCategory.FINANCIAL,
        RiskCategory.HEALTH,
        RiskCategory.OPERATIONAL,
        RiskCategory.REPUTATIONAL,
    } <= categories
    assert Risk.objects.review_overdue(today).count() >= 3
    assert Risk.objects.open().filter(review_on__gte=today).count() >= 5
    closed = Risk.objects.filter(status=RiskStatus.CLOSED)
    assert closed.exists() and all(r.description for r in closed)
    assert {r.score for r in Risk.objects.all()} >= {16, 15}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 2)
    return width, height


def test_field_updates_with_real_photos_and_a_pdf(plans, built_demo):
    media = built_demo.media
    oujda = User.objects.get(username="oujda")
    for project in Project.objects.all():
        updates = project.updates.all()
        assert 3 <= updates.count() <= 6, project.code
        for update in updates:
            assert 2025 <= update.occurred_on.year <= 2026
            assert update.occurred_on <= REFERENCE_DATE
        if project.code in LILLE_OUJDA:
            assert updates.filter(author=oujda).exists(), project.code
    assert FieldUpdate.objects.filter(is_public=True).count() >= 8
    assert FieldUpdate.objects.filter(is_public=False).count() >= 5
    assert (
        FieldUpdate.objects.visible_to(oujda).count()
        == FieldUpdate.objects.filter(project__code__in=LILLE_OUJDA).count()
    )

    photos = UpdateAttachment.objects.filter(kind=AttachmentKind.PHOTO)
    assert photos.count() >= 15
    for photo in photos:
        data = photo.file.read()
        photo.file.close()
        assert photo.content_type == "image/png" and photo.original_name.endswith(".png")
        assert photo.size == len(data) == photo.file.size
        assert png_size(data) == demo_media.PHOTO_SIZE
        assert check_upload(data, allowed={"png"}, max_bytes=5_000_000) == "png"
        assert photo.caption
        assert photo.file.name.startswith(f"updates/{photo.update.occurred_on:%Y/%m}/")
        assert (media / photo.file.name).is_file()
    # The pixels decompress to the announced size (one filter byte per row).
    with UpdateAttachment.objects.filter(kind=AttachmentKind.PHOTO).first().file.open() as f:
        data = f.read()
    idat = data[33 + 8 : -12 - 4]
    assert len(zlib.decompress(idat)) == (1 + 320 * 3) * 200
    assert len({p.size for p in photos}) > 5  # not all the same picture

    documents = UpdateAttachment.objects.filter(kind=AttachmentKind.DOCUMENT)
    assert documents.exists()
    for document in documents:
        data = document.file.read()
        document.file.close()
        assert document.content_type == "application/pdf"
        assert check_upload(data, allowed={"pdf"}, max_bytes=5_000_000) == "pdf"
        assert data.startswith(b"%PDF-1.4") and data.endswith(b"%%EOF\n")
        # Every offset of the cross-reference table points at its object.
        xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
        lines = data[xref:].split(b"\n")
        count = int(lines[1].split()[1])
        for number in range(1, count):
            offset = int(lines[2 + number][:10])
            assert data[offset:].startswith(b"%d 0 obj" % number)


def test_history_from_day_one(plans):
    for model in (
        Strategy,
        Programme,
        PlanItem,
        Dependency,
        Risk,
        FieldUpdate,
        UpdateAttachment,
        ProjectLocation,
    ):
        assert model.history.filter(history_type="+").count() == model.objects.count(), model
    task = Task.objects.filter(assignees__username="oujda").first()
    first = task.history.earliest()
    assert {row.user_id for row in first.assignees.all()} == {u.pk for u in task.assignees.all()}
    assert first.history_user.username == "youssef"
    # The programme is in every version of a project; the youth project's story is kept.
    for project in Project.objects.all():
        assert set(project.history.values_list("programme_id", flat=True)) == {project.programme_id}
        assert {t.tag_id for t in project.history.latest().tags.all()} == set(
            project.tags.values_list("pk", flat=True)
        )
    youth = Project.objects.get(code="RNAC-JEUNES-MG")
    statuses = list(youth.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["formulation", "in_progress"]


def test_every_record_passes_its_model_validation(plans):
    for model in (Strategy, Programme, ProjectLocation, Risk, FieldUpdate, Dependency):
        for record in model.objects.all():
            record.full_clean()
    for item in PlanItem.objects.select_related("parent"):
        item.full_clean()


def test_images_are_the_same_bytes_on_every_call():
    one = demo_media.png_image(320, 200, scene="water", seed=3)
    assert one == demo_media.png_image(320, 200, scene="water", seed=3)
    assert one != demo_media.png_image(320, 200, scene="water", seed=4)
    assert png_size(demo_media.png_image(64, 40, scene="kitchen", seed=0)) == (64, 40)
