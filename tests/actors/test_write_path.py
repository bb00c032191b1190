"""One write path: the page, the API and the import refuse the same input with the same
message (the models' rules), and write through the actors' services."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maillage.actors.imports import OrganisationImporter, PersonImporter
from maillage.actors.models import GroupMember, Interaction, Organisation, Person
from maillage.actors.models.organisations import (
    COORDINATES_TOGETHER,
    DEPARTEMENT_ONLY_IN_FRANCE,
    PARENT_NOT_ITSELF,
    SIRET_NOT_OF_SIREN,
)
from maillage.actors.models.people import CONSENT_NEEDS_A_DATE
from maillage.actors.services import (
    PARENT_CYCLE,
    InteractionService,
    OrganisationService,
    PositionService,
)
from maillage.core.dates import END_BEFORE_START
from maillage.core.imports import ImportAborted, build_preview, commit, read_table
from maillage.core.imports.mapping import auto_mapping
from maillage.core.imports.preview import named, sheet_headers
from tests.actors.factories import OrganisationLinkFactory
from tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

PESSAC_SIREN = "213303183"
LILLE_SIRET = "21590350100017"  # of the SIREN 215903501, not Pessac's


def page_errors(response):
    assert response.status_code == 422, response.status_code
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


def api_errors(response):
    assert response.status_code == 400, response.content
    return response.json()


# --- Organisations: the page and the API say the same ----------------------------------------


def test_a_siret_of_another_siren_and_a_lone_latitude_get_the_same_messages_on_page_and_api(
    client, officer
):
    client.force_login(officer)
    values = {
        "name": "Mairie de Pessac",
        "type": "municipality",
        "country": "FR",
        "siren": PESSAC_SIREN,
        "siret": LILLE_SIRET,
        "latitude": "44.8067",
    }
    page = page_errors(client.post(reverse("actors:organisation_create"), values))
    api = api_errors(client.post("/api/organisations", values, content_type="application/json"))
    assert page["siret"] == api["siret"] == [str(SIRET_NOT_OF_SIREN)]
    assert page["longitude"] == api["longitude"] == [str(COORDINATES_TOGETHER)]
    assert not Organisation.objects.exists()


def test_a_departement_abroad_gets_the_same_message_on_page_and_api(client, officer):
    client.force_login(officer)
    values = {"name": "Commune d'Oujda", "type": "foreign_authority", "country": "MA"}
    values["departement"] = "33"
    page = page_errors(client.post(reverse("actors:organisation_create"), values))
    api = api_errors(client.post("/api/organisations", values, content_type="application/json"))
    assert page["departement"] == api["departement"] == [str(DEPARTEMENT_ONLY_IN_FRANCE)]


def test_a_siren_with_a_wrong_check_digit_gets_the_same_message_on_page_and_api(client, officer):
    client.force_login(officer)
    values = {"name": "Asso", "type": "association", "country": "FR", "siren": "123 456 789"}
    page = page_errors(client.post(reverse("actors:organisation_create"), values))
    api = api_errors(client.post("/api/organisations", values, content_type="application/json"))
    assert page["siren"] == api["siren"]
    assert "check digit" in page["siren"][0] or "clé de contrôle" in page["siren"][0]


def test_the_api_cleans_a_siren_typed_with_spaces_like_the_page(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/organisations",
        {"name": "Pessac", "type": "municipality", "siren": "213 303 183"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Organisation.objects.get().siren == PESSAC_SIREN


def test_an_organisation_cannot_be_its_own_parent_through_the_api(client, officer):
    org = OrganisationFactory()
    client.force_login(officer)
    response = client.patch(
        f"/api/organisations/{org.pk}", {"parent": org.pk}, content_type="application/json"
    )
    assert api_errors(response)["parent"] == [str(PARENT_NOT_ITSELF)]


def test_an_organisation_cannot_be_put_under_one_of_its_sub_organisations(client, officer):
    top = OrganisationFactory()
    middle = OrganisationFactory(parent=top)
    bottom = OrganisationFactory(parent=middle)
    client.force_login(officer)
    response = client.patch(
        f"/api/organisations/{top.pk}", {"parent": bottom.pk}, content_type="application/json"
    )
    assert api_errors(response)["parent"] == [str(PARENT_CYCLE)]
    top.refresh_from_db()
    assert top.parent is None


def test_the_countries_of_action_are_written_by_the_service_whatever_the_door(officer):
    org = OrganisationService.create(
        data={"name": "Cités Unies", "type": "network", "action_countries": ["SN", "MA"]},
        by=officer,
    )
    assert sorted(org.action_countries.values_list("country", flat=True)) == ["MA", "SN"]
    OrganisationService.update(obj=org, data={"action_countries": ["MA", "BF"]}, by=officer)
    assert sorted(org.action_countries.values_list("country", flat=True)) == ["BF", "MA"]
    OrganisationService.update(obj=org, data={"name": "Cités Unies France"}, by=officer)
    assert org.action_countries.count() == 2  # not given: left as they are


def test_an_unknown_country_of_action_is_refused_by_the_service(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/organisations",
        {"name": "Asso", "type": "association", "action_countries": ["ZZ"]},
        content_type="application/json",
    )
    assert "ZZ" in api_errors(response)["action_countries"][0]


def test_the_page_edits_the_countries_of_action_through_the_service(client, officer):
    org = OrganisationService.create(
        data={"name": "Asso", "type": "association", "action_countries": ["SN"]}, by=officer
    )
    client.force_login(officer)
    response = client.post(
        reverse("actors:organisation_update", args=[org.pk]),
        {
            "name": "Asso",
            "type": "association",
            "country": "FR",
            "action_countries": ["BF"],
            "version": org.version,
        },
    )
    assert response.status_code == 302
    assert list(org.action_countries.values_list("country", flat=True)) == ["BF"]
    assert org.history.latest().history_user == officer


# --- People, interactions --------------------------------------------------------------------


def test_a_consent_basis_without_a_date_gets_the_same_message_on_page_and_api(client, officer):
    client.force_login(officer)
    values = {"last_name": "Benali", "lawful_basis": "consent"}
    page = page_errors(client.post(reverse("actors:person_create"), values))
    api = api_errors(client.post("/api/people", values, content_type="application/json"))
    assert page["consent_on"] == api["consent_on"] == [str(CONSENT_NEEDS_A_DATE)]
    assert not Person.objects.exists()


def test_an_unknown_language_code_gets_the_same_message_on_page_and_api(client, officer):
    client.force_login(officer)
    values = {"last_name": "Benali", "languages": "fr, xq"}
    page = page_errors(client.post(reverse("actors:person_create"), values))
    api = api_errors(client.post("/api/people", values, content_type="application/json"))
    assert page["languages"] == api["languages"]
    assert "xq" in page["languages"][0]


def test_the_api_spells_language_codes_like_the_page(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/people",
        {"last_name": "Benali", "languages": "FR, ar fr"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Person.objects.get().languages == "fr ar"


def test_an_interaction_created_through_the_api_records_who_logged_it(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/interactions",
        {"kind": "call", "occurred_on": "2026-03-02", "subject": "Appel"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Interaction.objects.get().created_by == officer


def test_who_logged_an_interaction_stays_when_someone_else_edits_it(officer, admin_user):
    meeting = InteractionService.create(
        data={"kind": "call", "occurred_on": dt.date(2026, 3, 2), "subject": "Appel"}, by=officer
    )
    InteractionService.update(obj=meeting, data={"subject": "Appel du maire"}, by=admin_user)
    meeting.refresh_from_db()
    assert meeting.created_by == officer


# --- Rows of a record: positions, group members, links ---------------------------------------


def test_a_position_ending_before_it_starts_is_refused_by_its_service(officer):
    with pytest.raises(ValidationError) as refused:
        PositionService.create(
            data={
                "person": PersonFactory(),
                "organisation": OrganisationFactory(),
                "role": "Maire",
                "start_on": dt.date(2020, 7, 1),
                "end_on": dt.date(2019, 1, 1),
            },
            by=officer,
        )
    assert refused.value.message_dict == {"end_on": [str(END_BEFORE_START)]}


def test_a_position_is_edited_from_the_person_page(client, officer):
    position = PositionFactory(role="Adjointe")
    person = position.person
    client.force_login(officer)
    body = client.get(person.get_absolute_url()).content.decode()
    edit = reverse("actors:position_update", args=[person.pk, position.pk])
    assert edit in body
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"organisation": position.organisation_id, "role": "Maire", "start_on": "2020-07-01"}
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.role == "Maire"
    assert position.history.latest().history_user == officer


def test_a_position_of_another_person_is_not_edited_through_this_one(client, officer):
    position = PositionFactory()
    other = PersonFactory()
    client.force_login(officer)
    url = reverse("actors:position_update", args=[other.pk, position.pk])
    assert client.get(url).status_code == 404


def test_adding_the_same_person_to_a_group_twice_is_a_form_error_not_a_500(client, officer):
    member = GroupMemberFactory(organisation=None, person=PersonFactory())
    client.force_login(officer)
    response = client.post(
        reverse("actors:group_member_add", args=[member.group_id]),
        {"person": member.person_id, "role": "Présidente"},
    )
    assert response.status_code == 422
    assert "déjà membre" in response.content.decode() or "already a member" in (
        response.content.decode()
    )
    assert GroupMember.objects.count() == 1


def test_a_group_member_is_a_person_or_an_organisation_not_both(client, officer):
    group = GroupFactory()
    client.force_login(officer)
    response = client.post(
        reverse("actors:group_member_add", args=[group.pk]),
        {"person": PersonFactory().pk, "organisation": OrganisationFactory().pk},
    )
    assert response.status_code == 422
    assert not GroupMember.objects.exists()


def test_a_group_member_s_role_is_edited_from_the_group_page(client, officer):
    member = GroupMemberFactory(role="Membre")
    client.force_login(officer)
    edit = reverse("actors:group_member_update", args=[member.group_id, member.pk])
    assert edit in client.get(member.group.get_absolute_url()).content.decode()
    response = client.post(edit, {"organisation": member.organisation_id, "role": "Présidente"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "Présidente"


def test_the_same_link_twice_and_a_link_to_itself_are_form_errors(client, officer):
    link = OrganisationLinkFactory()
    client.force_login(officer)
    url = reverse("actors:organisation_link_add", args=[link.source_id])
    twice = client.post(url, {"kind": link.kind, "target": link.target_id})
    itself = client.post(url, {"kind": "funds", "target": link.source_id})
    assert twice.status_code == itself.status_code == 422


def test_a_link_is_edited_from_the_organisation_page(client, officer):
    link = OrganisationLinkFactory(kind="member_of")
    client.force_login(officer)
    edit = reverse("actors:organisation_link_update", args=[link.source_id, link.pk])
    assert edit in client.get(link.source.get_absolute_url()).content.decode()
    response = client.post(edit, {"kind": "funds", "target": link.target_id})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.kind == "funds"


# --- Imports: the same rules, row by row ---------------------------------------------------


def _preview(importer, text):
    sheet = read_table(io.BytesIO(text.encode()))
    return build_preview(importer, sheet, auto_mapping(sheet_headers(sheet, 0), type(importer)))


def test_an_imported_row_gets_the_page_s_messages_on_its_cells(officer):
    preview = _preview(
        OrganisationImporter(user=officer),
        "Nom,Type,SIREN,SIRET,Pays,Département,Latitude\n"
        f"Pessac,municipality,{PESSAC_SIREN},{LILLE_SIRET},MA,33,44.8\n",
    )
    messages = {(i.header, i.message) for i in preview.issues() if i.level == "error"}
    assert ("SIRET", str(SIRET_NOT_OF_SIREN)) in messages
    assert ("Département", str(DEPARTEMENT_ONLY_IN_FRANCE)) in messages
    longitude = named(Organisation, "longitude", str(COORDINATES_TOGETHER))
    assert ("", longitude) in messages  # no column in the file: the field is named


def test_an_imported_person_with_a_consent_basis_needs_its_date(officer):
    preview = _preview(PersonImporter(user=officer), "Nom,Base légale\nBenali,consentement\n")
    expected = named(Person, "consent_on", str(CONSENT_NEEDS_A_DATE))
    assert [i.message for i in preview.issues()] == [expected]


def test_imported_records_are_written_by_the_service_with_the_importing_user(officer):
    importer = OrganisationImporter(user=officer)
    preview = _preview(importer, "Nom,Type,Latitude,Longitude\nPessac,municipality,44.8,-0.63\n")
    commit(importer, preview)
    org = Organisation.objects.get()
    assert org.latitude == Decimal("44.800000")
    assert org.history.get().history_user == officer


def test_an_import_updating_a_record_is_refused_when_the_result_breaks_a_rule(officer):
    OrganisationFactory(name="Ville de Lille", siret=LILLE_SIRET, departement="59")
    importer = OrganisationImporter(user=officer)
    # The row alone is fine (no département); the record it updates has one, in France.
    preview = _preview(importer, f"Nom,Type,SIRET,Pays\nLille,municipality,{LILLE_SIRET},MA\n")
    assert preview.is_clean
    with pytest.raises(ImportAborted) as refused:
        commit(importer, preview, default="update")
    assert str(DEPARTEMENT_ONLY_IN_FRANCE) in str(refused.value)
    assert Organisation.objects.get().country == "FR"
