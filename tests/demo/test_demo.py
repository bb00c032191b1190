"""The demo dataset: `maillage demo` builds a real-looking, deterministic system."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from maillage.accounts.models import Role, User
from maillage.actors.models import Organisation, OrganisationType
from maillage.core.reference import departements
from maillage.demo.data import DEMO_PASSWORD, build_demo
from maillage.projects.models import (
    MembershipRole,
    PartnerRole,
    Project,
    ProjectMembership,
    ProjectPartner,
)

pytestmark = pytest.mark.django_db

NOUVELLE_AQUITAINE = {d.code for d in departements() if d.region == "NAQ"}
LILLE_OUJDA = {"LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC"}
NETWORK = {"RNAC-EAU-SN", "RNAC-JEUNES-MG"}
OUJDA_ORGANISATIONS = {
    "Commune urbaine d'Oujda",
    "Wilaya de la Région de l'Oriental",
    "Université Mohammed Premier",
    "Institut français du Maroc – Oujda",
}


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    run_demo()


def dump() -> dict[str, list[tuple]]:
    """A stable picture of the dataset, by natural keys (ids may differ between databases)."""
    return {
        "users": sorted(
            User.objects.values_list(
                "username", "role", "first_name", "last_name", "email", "language"
            )
        ),
        "organisations": sorted(
            Organisation.objects.values_list(
                "name", "acronym", "type", "country", "departement", "city", "search_text"
            )
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
            ProjectPartner.objects.values_list("project__code", "organisation__name", "role")
        ),
        "memberships": sorted(
            ProjectMembership.objects.values_list("project__code", "user__username", "role")
        ),
        "history": sorted(
            [
                *Project.history.values_list(
                    "code", "history_type", "status", "history_user__username"
                ),
                *Organisation.history.values_list(
                    "name", "history_type", "acronym", "history_user__username"
                ),
            ]
        ),
    }


def test_the_command_builds_users_with_their_roles_and_the_demo_password(demo):
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {
        "admin": Role.ADMIN,
        "camille": Role.OFFICER,
        "youssef": Role.OFFICER,
        "oujda": Role.PARTNER,
        "elu": Role.VIEWER,
    }
    camille = User.objects.get(username="camille")
    assert camille.get_full_name() == "Camille Martin"
    assert camille.email == "camille@maillage.example"
    assert camille.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="youssef").get_full_name() == "Youssef Benali"
    assert set(User.objects.values_list("language", flat=True)) == {"fr"}
    # Every account shares the one hash computed for the demo password.
    assert User.objects.values("password").distinct().count() == 1


def test_the_network_has_sixty_members_across_the_twelve_departements(demo):
    network = Organisation.objects.get(type=OrganisationType.NETWORK)
    assert network.departement == "33"
    assert len(NOUVELLE_AQUITAINE) == 12
    members = Organisation.objects.filter(departement__in=NOUVELLE_AQUITAINE).exclude(pk=network.pk)
    assert members.count() >= 60
    assert set(members.values_list("departement", flat=True)) == NOUVELLE_AQUITAINE
    assert {OrganisationType.MUNICIPALITY, OrganisationType.DEPARTMENT} <= set(
        members.values_list("type", flat=True)
    )


def test_the_projects_their_consortia_and_funders(demo):
    codes = set(Project.objects.values_list("code", flat=True))
    assert codes == LILLE_OUJDA | NETWORK
    lille_oujda = Project.objects.filter(code__in=LILLE_OUJDA)
    assert set(lille_oujda.values_list("country", flat=True)) == {"MA"}
    assert set(lille_oujda.values_list("currency", flat=True)) == {"EUR", "MAD"}
    for project in lille_oujda:
        roles = set(project.partners.values_list("organisation__name", "role"))
        assert ("Ville de Lille", PartnerRole.LEAD) in roles
        assert ("Commune urbaine d'Oujda", PartnerRole.PARTNER) in roles
    for project in Project.objects.all():
        funders = project.partners.filter(role=PartnerRole.FUNDER)
        assert funders.exists(), project.code
    network_partners = set(
        ProjectPartner.objects.filter(project__code__in=NETWORK).values_list(
            "organisation__name", flat=True
        )
    )
    assert not network_partners & OUJDA_ORGANISATIONS
    assert {"Région Nouvelle-Aquitaine", "Agence de l'eau Adour-Garonne"} <= network_partners


def test_memberships_of_the_demo_users(demo):
    def projects_of(username):
        return dict(
            ProjectMembership.objects.filter(user__username=username).values_list(
                "project__code", "role"
            )
        )

    assert projects_of("youssef") == dict.fromkeys(LILLE_OUJDA, MembershipRole.MANAGER)
    assert projects_of("camille") == dict.fromkeys(NETWORK, MembershipRole.MANAGER)
    assert projects_of("oujda") == dict.fromkeys(LILLE_OUJDA, MembershipRole.PARTNER)
    assert len(projects_of("elu")) == 1
    assert set(projects_of("elu")) <= LILLE_OUJDA


def test_the_oujda_partner_sees_exactly_the_three_lille_oujda_projects(demo):
    oujda = User.objects.get(username="oujda")
    visible = set(Project.objects.visible_to(oujda).values_list("code", flat=True))
    assert visible == LILLE_OUJDA
    organisations = set(Organisation.objects.visible_to(oujda).values_list("name", flat=True))
    assert "Commune urbaine d'Oujda" in organisations
    assert "Réseau Nouvelle-Aquitaine Coopération" not in organisations


def test_history_exists_from_day_one_with_a_few_edits(demo):
    for model in (User, Organisation, Project, ProjectPartner, ProjectMembership):
        assert model.history.filter(history_type="+").count() == model.objects.count()
    youth = Project.objects.get(code="RNAC-JEUNES-MG")
    statuses = list(youth.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["formulation", "in_progress"]
    assert youth.history.latest().history_user.username == "camille"
    assert Project.history.filter(history_type="~").count() >= 2


def test_records_are_found_by_the_search_box(demo):
    assert Organisation.objects.search("gueret").filter(name="Ville de Guéret").exists()
    assert Project.objects.search("regie oujda").filter(code="LIL-OUJ-REGIE").exists()


def test_if_empty_keeps_the_existing_data():
    run_demo("--if-empty")
    before = dump()
    ids = sorted(Organisation.objects.values_list("pk", flat=True))
    project_ids = sorted(Project.objects.values_list("pk", flat=True))
    output = run_demo("--if-empty")
    assert len(output.strip().splitlines()) == 1
    assert dump() == before
    assert sorted(Organisation.objects.values_list("pk", flat=True)) == ids
    assert sorted(Project.objects.values_list("pk", flat=True)) == project_ids


def test_if_empty_does_nothing_when_any_user_exists(officer):
    run_demo("--if-empty")
    assert list(User.objects.values_list("username", flat=True)) == ["officer"]
    assert not Project.objects.exists()


def test_without_if_empty_a_non_empty_database_is_refused(demo):
    with pytest.raises(CommandError):
        run_demo()
    assert User.objects.count() == 5


class _Rollback(Exception):
    pass


def test_two_builds_produce_identical_data():
    with pytest.raises(_Rollback), transaction.atomic():
        build_demo()
        first = dump()
        raise _Rollback
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    build_demo()
    assert dump() == first


def test_the_build_is_fast():
    started = time.perf_counter()
    run_demo()
    assert time.perf_counter() - started < 30
