"""Building the demo: `maillage demo [--if-empty]` into an empty database, the same data on
every run, quickly, with or without the IATI codelists. (The tests of what the demo holds
share one build per module: test_demo.py, test_demo_plans.py.) The tests of the command
and of its determinism share two builds (`two_builds`): each build runs every service."""

import shutil
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from maillage.accounts.models import User
from maillage.actors.models import (
    Group,
    GroupMember,
    Interaction,
    Organisation,
    OrganisationLink,
    Person,
    Position,
    SdgGoal,
)
from maillage.demo import build as demo_build
from maillage.demo import build_plans
from maillage.demo.build import build_demo
from maillage.demo.dataset import load_dataset
from maillage.projects.models import (
    Dependency,
    FieldUpdate,
    PlanItem,
    Programme,
    Project,
    ProjectLocation,
    ProjectMembership,
    ProjectPartner,
    ProjectPolicyMarker,
    ProjectSector,
    Risk,
    Strategy,
    UpdateAttachment,
)

pytestmark = pytest.mark.django_db

PROFILES = load_dataset()["projects.toml"]["projects"]
CODELISTS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati-codelists"
NEEDED_LISTS = ("Sector", "PolicyMarker", "PolicySignificance", "UNSDG-Targets")


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def build() -> tuple[dict[str, int], float]:
    """The demo; the counts of its project management and the time its plans took."""
    elapsed = [0.0]

    def timed(*args, **kwargs):
        started = time.perf_counter()
        counts = build_plans.build_plans(*args, **kwargs)
        elapsed[0] = time.perf_counter() - started
        return counts

    with mock.patch.object(demo_build, "build_plans", timed):
        summary = build_demo()
    return summary.plans, elapsed[0]


def load_codelists(folder: Path) -> None:
    """The four lists the demo uses, loaded through the command (faster than all 70)."""
    folder.mkdir()
    for name in NEEDED_LISTS:
        shutil.copy(next(CODELISTS_DIR.rglob(f"{name}.xml")), folder)
    call_command("codelists", "--from", str(folder), stdout=StringIO(), stderr=StringIO())


def dump() -> dict[str, list[tuple]]:
    """A stable picture of the dataset, by natural keys (ids may differ between databases)."""
    return {
        **dump_plans(),
        "users": sorted(
            User.objects.values_list(
                "username", "role", "first_name", "last_name", "email", "language"
            )
        ),
        "organisations": sorted(
            Organisation.objects.values_list(
                "name",
                "acronym",
                "type",
                "country",
                "departement",
                "city",
                "search_text",
                "siren",
                "siret",
                "address",
                "postcode",
                "foreign_region",
                "latitude",
                "longitude",
                "email",
                "phone",
                "parent__name",
            )
        ),
        "classification": sorted(
            [
                *Organisation.objects.values_list("name", "themes__name"),
                *Organisation.objects.values_list("name", "sdgs__number"),
                *Organisation.objects.values_list("name", "tags__name"),
                *Organisation.objects.values_list("name", "action_countries__country"),
            ],
            key=repr,
        ),
        "links": sorted(
            OrganisationLink.objects.values_list("source__name", "kind", "target__name", "since_on")
        ),
        "projects": sorted(
            Project.objects.values_list(
                "code",
                "title",
                "title_en",
                "summary",
                "status",
                "country",
                "start_on",
                "end_on",
                "budget",
                "currency",
                "owner__username",
            )
        ),
        "partners": sorted(
            ProjectPartner.objects.values_list(
                "project__code", "organisation__name", "role", "share"
            ),
            key=repr,
        ),
        "contacts": sorted(
            ProjectPartner.objects.filter(contacts__isnull=False).values_list(
                "project__code", "organisation__name", "contacts__email"
            )
        ),
        "memberships": sorted(
            ProjectMembership.objects.values_list("project__code", "user__username", "role")
        ),
        "people": sorted(
            Person.objects.values_list(
                "first_name",
                "last_name",
                "email",
                "other_email",
                "phone",
                "mobile",
                "languages",
                "timezone",
                "lawful_basis",
                "consent_on",
                "consent_source",
                "do_not_contact",
                "notes",
                "search_text",
            ),
            key=repr,
        ),
        "person_tags": sorted(Person.objects.values_list("email", "tags__name"), key=repr),
        "positions": sorted(
            Position.objects.values_list(
                "person__email", "organisation__name", "role", "start_on", "end_on"
            ),
            key=repr,
        ),
        "interactions": sorted(
            Interaction.objects.values_list(
                "occurred_on",
                "kind",
                "subject",
                "notes",
                "project__code",
                "follow_up_on",
                "follow_up_done",
                "created_by__username",
                "search_text",
            ),
            key=repr,
        ),
        "interaction_links": sorted(
            [
                *Interaction.objects.values_list("subject", "people__email"),
                *Interaction.objects.values_list("subject", "organisations__name"),
            ],
            key=repr,
        ),
        "groups": sorted(
            Group.objects.values_list("name", "kind", "description", "theme__name", "country")
        ),
        "group_members": sorted(
            GroupMember.objects.values_list(
                "group__name", "person__email", "organisation__name", "role"
            ),
            key=repr,
        ),
        "history": sorted(
            [
                *Project.history.values_list(
                    "code", "history_type", "status", "history_user__username"
                ),
                *Organisation.history.values_list(
                    "name", "history_type", "acronym", "history_user__username"
                ),
                *Person.history.values_list("email", "history_type", "history_user__username"),
                *Interaction.history.values_list(
                    "subject", "history_type", "history_user__username"
                ),
            ],
            key=repr,
        ),
    }


def dump_plans() -> dict[str, list]:
    """A stable picture of what the plans add, by natural keys."""
    return {
        "strategies": sorted(Strategy.objects.values_list("title", "owner_organisation__name")),
        "programmes": sorted(Programme.objects.values_list("code", "title", "strategy__title")),
        "projects": sorted(
            Project.objects.values_list("code", "programme__code", "summary_en", "actual_start_on")
        ),
        "items": sorted(
            PlanItem.objects.values_list(
                "project__code",
                "kind",
                "parent__title",
                "position",
                "title",
                "start_on",
                "end_on",
                "status",
                "progress",
                "completed_on",
                "organisation__name",
            ),
            key=repr,
        ),
        "assignees": sorted(PlanItem.objects.values_list("title", "assignees__username"), key=repr),
        "dependencies": sorted(
            Dependency.objects.values_list(
                "successor__project__code", "predecessor__title", "successor__title", "lag_days"
            )
        ),
        "risks": sorted(
            Risk.objects.values_list(
                "project__code", "title", "category", "likelihood", "impact", "review_on", "status"
            )
        ),
        "updates": sorted(
            FieldUpdate.objects.values_list(
                "project__code", "occurred_on", "title", "author__username", "is_public"
            )
        ),
        "attachments": sorted(
            UpdateAttachment.objects.values_list(
                "update__title", "file", "original_name", "size", "kind", "caption"
            )
        ),
        "locations": sorted(
            ProjectLocation.objects.values_list("project__code", "name", "latitude", "longitude")
        ),
        "tags": sorted(Project.objects.values_list("code", "tags__name"), key=repr),
    }


@dataclass(frozen=True)
class TwoBuilds:
    """What the module's two builds showed, their rows rolled back (see `two_builds`)."""

    first: dict[str, list[tuple]]  # the dump of the first build (`build_demo()`)
    first_files: list[Path]
    emptied: bool  # nothing of the first build left once it was rolled back
    seconds: float  # the first build's time, its plans' time and its number of queries
    plans_seconds: float
    queries: int
    output: str  # `maillage demo` on the emptied database, its SDG goals deleted too
    counts: dict[str, int]
    second: dict[str, list[tuple]]
    second_files: list[Path]
    if_empty_output: str  # `maillage demo --if-empty` on the second build
    after_if_empty: dict[str, list[tuple]]
    ids: tuple[list[int], list[int]]  # the organisations' and projects' ids, before…
    ids_after_if_empty: tuple[list[int], list[int]]  # …and after `--if-empty`
    goals: list[int]  # the SDG goals after the second build…
    goal_4_used: bool  # …an organisation classified under the 4th…
    constraints_error: str  # …and what `check_constraints` said ("" when nothing)


def _ids() -> tuple[list[int], list[int]]:
    return (
        sorted(Organisation.objects.values_list("pk", flat=True)),
        sorted(Project.objects.values_list("pk", flat=True)),
    )


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "projects": Project.objects.count(),
        "partners": ProjectPartner.objects.count(),
        "memberships": ProjectMembership.objects.count(),
        "people": Person.objects.count(),
        "positions": Position.objects.count(),
        "interactions": Interaction.objects.count(),
        "groups": Group.objects.count(),
        "group_members": GroupMember.objects.count(),
        "links": OrganisationLink.objects.count(),
    }


def _counted(queries: list[str]):
    """Every statement run, in `queries`: Django's query log (CaptureQueriesContext)
    keeps the last 9000 only, so a bound of 10,000 on it could never fail."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


@pytest.fixture(scope="module")
def two_builds(django_db_setup, django_db_blocker, tmp_path_factory) -> TwoBuilds:
    """Two builds shared by the module's tests (each build runs every service: seconds;
    five tests built six times before): `build_demo()` timed and its queries counted,
    rolled back; then `maillage demo` into the emptied database, its SDG goals deleted as
    `maillage flush` leaves them (no data-migration rows), and `maillage demo --if-empty`
    over it. The second build starting without the goals, its rows equal to the first's
    show the goals are made again as the migration made them. All of it is rolled back
    before the first test runs: the tests that need an empty database still find one,
    whatever their order."""
    media = tmp_path_factory.mktemp("media")

    def files() -> list[Path]:
        return sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        with transaction.atomic():
            started = time.perf_counter()
            queries: list[str] = []
            with connection.execute_wrapper(_counted(queries)):
                _, plans_seconds = build()
            seconds = time.perf_counter() - started
            first, first_files = dump(), files()
            transaction.set_rollback(True)
        emptied = not (
            User.objects.exists() or Organisation.objects.exists() or PlanItem.objects.exists()
        )
        SdgGoal.objects.all().delete()
        output = run_demo()
        second, ids = dump(), _ids()
        try:
            connection.check_constraints()  # every organisation's goal exists
            constraints_error = ""
        except IntegrityError as error:
            constraints_error = str(error)
        builds = TwoBuilds(
            first=first,
            first_files=first_files,
            emptied=emptied,
            seconds=seconds,
            plans_seconds=plans_seconds,
            queries=len(queries),
            output=output,
            counts=_counts(),
            second=second,
            second_files=files(),
            if_empty_output=run_demo("--if-empty"),
            after_if_empty=dump(),
            ids=ids,
            ids_after_if_empty=_ids(),
            goals=sorted(SdgGoal.objects.values_list("number", flat=True)),
            goal_4_used=Organisation.objects.filter(sdgs__number=4).exists(),
            constraints_error=constraints_error,
        )
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()  # the ids of the rows rolled back
    return builds


def test_if_empty_keeps_the_existing_data(two_builds):
    assert len(two_builds.if_empty_output.strip().splitlines()) == 1
    assert two_builds.after_if_empty == two_builds.second
    assert two_builds.ids_after_if_empty == two_builds.ids


def test_the_command_reports_what_it_built_the_same_on_every_run(two_builds):
    output = two_builds.output
    assert "101 organisations" in output
    assert "122 people" in output or "122 personnes" in output
    assert two_builds.counts == {
        "users": 5,
        "organisations": 101,
        "projects": 5,
        "partners": 46,
        "memberships": 9,
        "people": 122,
        "positions": 128,
        "interactions": 82,
        "groups": 8,
        "group_members": 190,
        "links": 86,
    }


def test_two_builds_produce_identical_data(two_builds):
    assert two_builds.emptied
    assert two_builds.second == two_builds.first
    # The second build found the same bytes on disk and reused the files.
    assert two_builds.second_files == two_builds.first_files


def test_the_build_is_fast(two_builds):
    # About 2 s on a laptop (the plans: 0.5 s), every record passing its service's checks
    # (a few queries each). The bounds are loose for busy machines; the number of queries
    # catches a slip. Counted as Django's query log could not (it keeps 9000), the build
    # runs 13,338 statements (December 2026): the former bound of 10,000 never held.
    assert two_builds.seconds < 60
    assert two_builds.plans_seconds < 20
    assert two_builds.queries < 15_000


def test_if_empty_does_nothing_when_any_user_exists(officer):
    run_demo("--if-empty")
    assert list(User.objects.values_list("username", flat=True)) == ["officer"]
    assert not Project.objects.exists()


@pytest.mark.skipif(not CODELISTS_DIR.is_dir(), reason=f"no codelists in {CODELISTS_DIR}")
def test_with_the_codelists_sectors_markers_and_sdg_targets(tmp_path):
    load_codelists(tmp_path / "codelists")
    counts, _ = build()
    assert counts["sectors"] == sum(len(p["sectors"]) for p in PROFILES)
    assert counts["policy_markers"] == sum(len(p["policy_markers"]) for p in PROFILES)
    assert counts["sdg_targets"] == sum(len(p["sdg_targets"]) for p in PROFILES)
    for project in Project.objects.all():
        shares = list(project.sectors.values_list("percentage", flat=True))
        assert len(shares) >= 2, project.code
        assert sum(shares) == 100, project.code
        assert all(len(s.sector.code) == 5 for s in project.sectors.all())
        assert project.sdg_targets.exists(), project.code
        assert project.policy_markers.exists(), project.code
    gender = ProjectPolicyMarker.objects.filter(marker__code="1", significance__code="1")
    assert gender.count() == sum(p["policy_markers"].get("1") == "1" for p in PROFILES) == 4
    water = set(
        ProjectSector.objects.filter(project__code="RNAC-EAU-SN").values_list(
            "sector__code", flat=True
        )
    )
    assert water == {"14031", "14032", "14081"}
    assert set(
        Project.objects.get(code="RNAC-EAU-SN").sdg_targets.values_list("code", flat=True)
    ) == {"6.1", "6.2", "6.b"}
    ProjectSector.objects.first().full_clean()
    ProjectPolicyMarker.objects.first().full_clean()


def test_the_demo_builds_on_a_database_whose_sdg_goals_were_flushed(two_builds):
    assert two_builds.goals == list(range(1, 18))
    assert two_builds.goal_4_used
    assert not two_builds.constraints_error
