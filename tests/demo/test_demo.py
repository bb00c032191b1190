"""The demo dataset: `maillage demo` builds a real-looking, deterministic system."""

from datetime import date
from decimal import Decimal
from io import StringIO

import phonenumbers
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from maillage.accounts.models import Role, User
from maillage.actors.identifiers import validate_siren, validate_siret
from maillage.actors.models import (
    Confidentiality,
    Group,
    GroupKind,
    GroupMember,
    Interaction,
    InteractionKind,
    LawfulBasis,
    LinkKind,
    Organisation,
    OrganisationLink,
    OrganisationType,
    Person,
    Position,
)
from maillage.core.reference import departements
from maillage.demo.dataset import load_dataset
from maillage.projects.models import (
    MembershipRole,
    PartnerRole,
    Project,
    ProjectMembership,
    ProjectPartner,
)

pytestmark = pytest.mark.django_db

REFERENCE_DATE = load_dataset().reference_date

NOUVELLE_AQUITAINE = {d.code for d in departements() if d.region == "NAQ"}
LILLE_OUJDA = {"LIL-OUJ-GASTRO", "LIL-OUJ-REGIE", "LIL-OUJ-PAEDC"}
NETWORK = {"RNAC-EAU-SN", "RNAC-JEUNES-MG"}
OUJDA_ORGANISATIONS = {
    "Commune urbaine d'Oujda",
    "Wilaya de la Région de l'Oriental",
    "Université Mohammed Premier",
    "Institut français du Maroc – Oujda",
}
# Rough boxes (latitude, longitude) around each country where the demo has organisations.
BOUNDS = {
    "FR": ((41.3, 51.1), (-5.2, 9.6)),
    "BE": ((49.5, 51.5), (2.5, 6.4)),
    "MA": ((27.6, 35.9), (-13.2, -1.0)),
    "SN": ((12.3, 16.7), (-17.6, -11.3)),
    "MG": ((-25.7, -11.9), (43.2, 50.5)),
    "BF": ((9.4, 15.1), (-5.6, 2.4)),
    "BJ": ((6.2, 12.4), (0.7, 3.9)),
    "HT": ((18.0, 20.1), (-74.5, -71.6)),
}


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(built_demo, db):
    """The demo, built once for the module (see conftest)."""
    return built_demo.summary


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
    assert camille.check_password("maillage-demo")  # documented in the README
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
    for model in (
        User,
        Organisation,
        Project,
        ProjectPartner,
        ProjectMembership,
        OrganisationLink,
        Person,
        Position,
        Interaction,
        Group,
        GroupMember,
    ):
        assert model.history.filter(history_type="+").count() == model.objects.count()
    youth = Project.objects.get(code="RNAC-JEUNES-MG")
    statuses = list(youth.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["formulation", "in_progress"]
    assert youth.history.latest().history_user.username == "camille"
    assert Project.history.filter(history_type="~").count() >= 2


def test_records_are_found_by_the_search_box(demo):
    assert Organisation.objects.search("gueret").filter(name="Ville de Guéret").exists()
    assert Project.objects.search("regie oujda").filter(code="LIL-OUJ-REGIE").exists()


def test_the_first_version_of_a_record_already_has_its_many_to_many_values(demo):
    # Bulk-added themes, tags and contacts are in the creation version, so that a later edit
    # of one field does not look as if it had added them.
    oujda = Organisation.objects.get(name="Commune urbaine d'Oujda")
    created, edited = oujda.history.order_by("history_id")[:2]
    assert {t.theme_id for t in created.themes.all()} == set(
        oujda.themes.values_list("pk", flat=True)
    )
    assert [change.field for change in edited.diff_against(created).changes] == ["acronym"]
    for interaction in Interaction.objects.prefetch_related("people")[:10]:
        first = interaction.history.earliest()
        assert {row.person_id for row in first.people.all()} == {
            p.pk for p in interaction.people.all()
        }


def test_organisations_are_located_and_classified(demo):
    located = Organisation.objects.exclude(city="")
    assert located.count() == Organisation.objects.count()
    for org in located:
        assert org.latitude is not None and org.longitude is not None, org.name
        (south, north), (west, east) = BOUNDS[org.country]
        assert south <= org.latitude <= north, (org.name, org.latitude)
        assert west <= org.longitude <= east, (org.name, org.longitude)
        assert org.email.startswith("contact@"), org.name
    bordeaux = Organisation.objects.get(name="Ville de Bordeaux")
    assert abs(bordeaux.latitude - Decimal("44.8378")) < Decimal("0.02")
    assert abs(bordeaux.longitude - Decimal("-0.5792")) < Decimal("0.02")
    assert bordeaux.postcode == "33000"
    oujda = Organisation.objects.get(name="Commune urbaine d'Oujda")
    assert (oujda.postcode, oujda.foreign_region) == ("60000", "Oriental")
    # Markers of one city do not sit on top of each other.
    points = list(located.values_list("latitude", "longitude"))
    assert len(set(points)) == len(points)

    members = Organisation.objects.filter(departement__in=NOUVELLE_AQUITAINE)
    assert not members.filter(themes__isnull=True).exists()
    assert not members.filter(sdgs__isnull=True).exists()
    themes = set(Organisation.objects.values_list("themes__name", flat=True))
    assert {"Eau et assainissement", "Éducation et formation", "Santé", "Numérique"} <= themes
    countries = set(Organisation.objects.values_list("action_countries__country", flat=True))
    assert {"SN", "BF", "MG", "MA", "BJ", "HT"} <= countries
    assert members.filter(tags__name="Adhérent 2026").count() >= 60
    assert members.filter(tags__name="Comité de pilotage").exists()
    ifm = Organisation.objects.get(name="Institut français du Maroc – Oujda")
    assert ifm.parent.name == "Institut français du Maroc"


def test_french_identifiers_are_valid(demo):
    public = Organisation.objects.filter(
        country="FR",
        type__in=[
            OrganisationType.MUNICIPALITY,
            OrganisationType.INTERMUNICIPAL,
            OrganisationType.DEPARTMENT,
            OrganisationType.REGION,
        ],
    )
    assert not public.filter(siren="").exists()
    with_siren = Organisation.objects.exclude(siren="")
    assert with_siren.count() >= 80
    assert not with_siren.exclude(country="FR").exists()
    for org in with_siren:
        validate_siren(org.siren)
        validate_siret(org.siret)
        assert org.siret.startswith(org.siren)
    assert with_siren.values("siren").distinct().count() == with_siren.count()
    # A commune's SIREN carries its INSEE code (Lille: 59350), a département's its number.
    assert Organisation.objects.get(name="Ville de Lille").siren == "215903501"
    assert Organisation.objects.get(name="Conseil départemental de la Gironde").siren == "223300013"


def test_every_record_passes_its_model_validation(demo):
    for model in (Organisation, Person, Position, Interaction, Group, OrganisationLink):
        for record in model.objects.all():
            record.full_clean()


def test_phone_numbers_are_valid_e164(demo):
    numbers = [
        *Organisation.objects.exclude(phone="").values_list("phone", flat=True),
        *Person.objects.exclude(phone="").values_list("phone", flat=True),
        *Person.objects.exclude(mobile="").values_list("mobile", flat=True),
    ]
    assert len(numbers) > 200
    for number in numbers:
        assert number.startswith("+") and number[1:].isdigit(), number
        assert phonenumbers.is_valid_number(phonenumbers.parse(number)), number
    codes = {phonenumbers.parse(n).country_code for n in numbers}
    assert {33, 212, 221, 261} <= codes


def test_people_with_their_positions_and_personal_data(demo):
    people = Person.objects.all()
    assert 110 <= people.count() <= 140
    assert Position.objects.count() > people.count()
    assert not people.filter(positions__isnull=True).exists()
    assert people.values("email").distinct().count() == people.count()
    # Some positions ended: the mayor's adviser who left in 2024, moves between organisations.
    adviser = Position.objects.get(person__last_name="Delcourt")
    assert adviser.organisation.name == "Ville de Lille"
    assert adviser.end_on.year == 2024
    assert Position.objects.filter(end_on__isnull=False).count() >= 5
    chraibi = list(
        Position.objects.filter(person__last_name="Chraibi")
        .order_by("start_on")
        .values_list("organisation__name", "end_on")
    )
    assert [name for name, _ in chraibi] == [
        "Commune urbaine d'Oujda",
        "Wilaya de la Région de l'Oriental",
    ]
    assert chraibi[0][1] is not None and chraibi[1][1] is None

    languages = {code for p in people for code in p.language_list}
    assert {"fr", "ar", "en", "wo", "mg"} <= languages
    timezones = set(people.values_list("timezone", flat=True))
    assert {"Europe/Paris", "Africa/Casablanca", "Africa/Dakar", "Indian/Antananarivo"} <= timezones
    youssef = Person.objects.get(first_name="Youssef", last_name="Benali")
    assert youssef.timezone == "Africa/Casablanca"
    assert youssef.mobile.startswith("+212")

    legitimate = people.filter(lawful_basis=LawfulBasis.LEGITIMATE_INTEREST).count()
    assert legitimate > people.count() * 0.9
    consents = people.filter(lawful_basis=LawfulBasis.CONSENT)
    assert consents.count() >= 3
    assert not consents.filter(consent_on__isnull=True).exists()
    assert not consents.filter(consent_source="").exists()
    assert 2 <= people.filter(do_not_contact=True).count() <= 3


def test_the_oujda_partner_sees_its_projects_contacts_and_nothing_of_the_network(demo):
    oujda = User.objects.get(username="oujda")
    visible = set(Person.objects.visible_to(oujda))
    own = set(Person.objects.filter(partner_roles__project__code__in=LILLE_OUJDA))
    network = set(Person.objects.filter(partner_roles__project__code__in=NETWORK))
    assert len(own) >= 20
    assert len(network) >= 20
    assert visible == own
    assert not visible & network
    # Oujda's own staff are contacts of its three projects.
    staff = Person.objects.filter(
        positions__organisation__name="Commune urbaine d'Oujda", positions__end_on__isnull=True
    )
    salma = Person.objects.get(last_name="El Idrissi")
    assert salma in visible
    for code in LILLE_OUJDA:
        contacts = set(Person.objects.filter(partner_roles__project__code=code))
        assert salma in contacts, code
        assert contacts & set(staff), code

    interactions = Interaction.objects.visible_to(oujda)
    assert interactions.exists()
    assert set(interactions.values_list("project__code", flat=True)) == LILLE_OUJDA
    # Every shared exchange of its projects, none of the internal ones (those with donors).
    of_its_projects = Interaction.objects.filter(project__code__in=LILLE_OUJDA)
    shared = of_its_projects.filter(confidentiality=Confidentiality.SHARED)
    assert of_its_projects.filter(confidentiality=Confidentiality.INTERNAL).exists()
    assert set(interactions) == set(shared)
    # What it sees of an interaction (people, organisations) it may see on its own.
    organisations = set(Organisation.objects.visible_to(oujda))
    for interaction in interactions.prefetch_related("people", "organisations"):
        assert set(interaction.people.all()) <= visible, interaction
        assert set(interaction.organisations.all()) <= organisations, interaction


def test_interactions_of_2025_and_2026(demo):
    interactions = Interaction.objects.all()
    assert 70 <= interactions.count() <= 100
    assert set(interactions.values_list("kind", flat=True)) == set(InteractionKind.values)
    dates = list(interactions.values_list("occurred_on", flat=True))
    assert min(dates).year == 2025
    assert max(dates).year == 2026
    planned = interactions.filter(occurred_on__gt=REFERENCE_DATE)
    assert planned.count() >= 3
    assert not planned.filter(follow_up_on__isnull=True).exists()
    assert interactions.filter(follow_up_done=True).count() >= 10
    pending = interactions.filter(follow_up_on__isnull=False, follow_up_done=False)
    assert pending.filter(follow_up_on__lt=REFERENCE_DATE).exists()  # overdue
    assert pending.filter(
        follow_up_on__gte=REFERENCE_DATE, follow_up_on__lte=date(2026, 9, 15)
    ).exists()
    assert interactions.filter(project__isnull=False).count() > interactions.count() / 2
    assert not interactions.filter(people__isnull=True, organisations__isnull=True).exists()
    assert not interactions.filter(organisations__isnull=True).exists()

    recorders = dict(
        Interaction.objects.filter(project__isnull=False)
        .values_list("project__code", "created_by__username")
        .distinct()
    )
    assert recorders == {
        **dict.fromkeys(LILLE_OUJDA, "youssef"),
        **dict.fromkeys(NETWORK, "camille"),
    }


def test_links_between_organisations(demo):
    network = Organisation.objects.get(type=OrganisationType.NETWORK)
    members = OrganisationLink.objects.filter(kind=LinkKind.MEMBER_OF, target=network)
    assert members.count() >= 60
    assert set(members.values_list("source__departement", flat=True)) == NOUVELLE_AQUITAINE
    funds = set(
        OrganisationLink.objects.filter(kind=LinkKind.FUNDS).values_list(
            "source__name", "target__name"
        )
    )
    assert ("Agence française de développement", "Ville de Lille") in funds
    assert ("Agence de l'eau Adour-Garonne", network.name) in funds
    assert OrganisationLink.objects.filter(
        kind=LinkKind.PARTNER_OF,
        source__name="Ville de Lille",
        target__name="Commune urbaine d'Oujda",
        since_on__year=2005,
    ).exists()


def test_working_groups_with_members(demo):
    groups = Group.objects.all()
    assert groups.count() >= 6
    names = set(groups.values_list("name", flat=True))
    assert {"Eau et assainissement", "Éducation et jeunesse", "Santé"} <= names
    assert {"Maroc", "Sénégal", "Madagascar"} <= names
    assert not groups.filter(kind=GroupKind.THEMATIC, theme__isnull=True).exists()
    assert not groups.filter(kind=GroupKind.GEOGRAPHIC, country="").exists()
    for group in groups:
        members = group.members.all()
        assert members.filter(organisation__isnull=False).count() >= 3, group.name
        assert members.filter(person__isnull=False).count() >= 3, group.name
        leads = members.filter(role__in=["animateur", "animatrice"])
        assert leads.count() == 1, group.name
        assert leads.get().person is not None
    senegal = Group.objects.get(name="Sénégal")
    assert senegal.members.filter(organisation__name="Commune de Kaolack").exists()
    water = Group.objects.get(name="Eau et assainissement")
    assert water.members.filter(organisation__name="Gironde Eau Solidaire").exists()


def test_without_if_empty_a_non_empty_database_is_refused(demo):
    with pytest.raises(CommandError):
        run_demo()
    assert User.objects.count() == 5


def test_later_edits_go_through_the_services_with_their_reason(demo):
    regie = Project.objects.get(code="LIL-OUJ-REGIE")
    latest = regie.history.latest()
    assert (latest.history_type, latest.budget) == ("~", Decimal("3450000.00"))
    assert latest.history_change_reason == "Budget révisé après l'instruction de l'AFD"
    assert latest.history_user.username == "youssef"
    oujda = Organisation.objects.get(name="Commune urbaine d'Oujda")
    assert oujda.history.latest().history_change_reason == "Sigle usuel de la commune"
