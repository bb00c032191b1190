"""GDPR on people: access export, erasure (history included), retention report."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.actors.models import GroupMember, Person, Tag
from maillage.actors.selectors import untouched_people, years_before
from maillage.actors.services import ANONYMISED_NAME, anonymise_person, merge_people
from tests.factories import (
    GroupFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OLD_VALUES = ("Yasmina", "Bouzid", "yasmina.bouzid@oujda.ma", "y.b@gmail.com", "+212536000000")


@pytest.fixture
def yasmina(db):
    person = PersonFactory(
        first_name="Yasmina",
        last_name="Bouzid",
        email="yasmina.bouzid@oujda.ma",
        other_email="y.b@gmail.com",
        phone="+212536000000",
        notes="Rencontrée à Oujda",
        consent_source="Formulaire du forum",
        consent_on=dt.date(2024, 3, 1),
    )
    person.first_name = "Yasmine"  # a change, so that history holds two versions
    person.save()
    person.first_name = "Yasmina"
    person.save()
    person.tags.add(Tag.objects.create(name="Élue"))
    return person


def _full_links(person):
    organisation = OrganisationFactory(name="Commune d'Oujda")
    position = PositionFactory(person=person, organisation=organisation, role="Adjointe")
    interaction = InteractionFactory(subject="Visite de la station d'épuration")
    interaction.people.add(person)
    group = GroupFactory(name="Maroc")
    GroupMember.objects.create(group=group, person=person, role="Référente")
    partner_role = ProjectPartnerFactory(
        project=ProjectFactory(code="OUJ-1"), organisation=organisation
    )
    partner_role.contacts.add(person)
    return position, interaction, partner_role


# --- Access export --------------------------------------------------------------------


def test_the_export_holds_everything_on_the_person(client, officer, yasmina):
    _full_links(yasmina)
    client.force_login(officer)
    response = client.get(reverse("actors:person_data_export", args=[yasmina.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="person-{yasmina.pk}.json"'
    data = json.loads(response.content)
    assert data["person"]["email"] == "yasmina.bouzid@oujda.ma"
    assert data["person"]["consent_on"] == "2024-03-01"
    assert "search_text" not in data["person"]
    # Sort keys are derived columns, not data held on the person.
    assert not {"first_name_key", "last_name_key"} & set(data["person"])
    assert data["person"]["last_name"]
    assert data["tags"] == ["Élue"]
    assert data["positions"][0]["organisation"] == "Commune d'Oujda"
    assert data["positions"][0]["role"] == "Adjointe"
    assert data["interactions"][0]["subject"] == "Visite de la station d'épuration"
    assert data["groups"] == [{"group": "Maroc", "role": "Référente"}]
    assert data["project_contact_roles"][0]["project"].startswith("OUJ-1")
    assert [h["values"]["first_name"] for h in data["history"]] == [
        "Yasmina",
        "Yasmine",
        "Yasmina",
        "Yasmina",  # the tag added
    ]


def test_the_person_page_links_to_the_export_for_officers_only(client, officer, viewer, yasmina):
    url = reverse("actors:person_data_export", args=[yasmina.pk])
    client.force_login(officer)
    assert url in client.get(yasmina.get_absolute_url()).content.decode()
    client.force_login(viewer)
    assert url not in client.get(yasmina.get_absolute_url()).content.decode()


@pytest.mark.parametrize("name", ["person_data_export", "person_anonymise"])
def test_a_viewer_is_refused_personal_data_pages(client, viewer, yasmina, name):
    client.force_login(viewer)
    assert client.get(reverse(f"actors:{name}", args=[yasmina.pk])).status_code == 403
    assert client.post(reverse(f"actors:{name}", args=[yasmina.pk])).status_code == 403
    yasmina.refresh_from_db()
    assert yasmina.anonymised_at is None


@pytest.mark.parametrize("name", ["person_data_export", "person_anonymise"])
def test_a_partner_gets_404_for_a_person_it_cannot_see(client, partner, yasmina, name):
    client.force_login(partner)
    assert client.get(reverse(f"actors:{name}", args=[yasmina.pk])).status_code == 404
    assert client.post(reverse(f"actors:{name}", args=[yasmina.pk])).status_code == 404


@pytest.mark.parametrize("name", ["person_data_export", "person_anonymise"])
def test_a_partner_gets_403_for_a_contact_of_its_projects(
    client, partner, partner_project, yasmina, name
):
    ProjectPartnerFactory(project=partner_project).contacts.add(yasmina)
    client.force_login(partner)
    assert client.get(reverse(f"actors:{name}", args=[yasmina.pk])).status_code == 403


def test_the_export_needs_a_signed_in_user(client, yasmina):
    response = client.get(reverse("actors:person_data_export", args=[yasmina.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Erasure --------------------------------------------------------------------------


def _history_text(person_ids):
    history = Person.history.model.objects.filter(id__in=person_ids)
    return " ".join(
        str(value) for row in history.values() for value in row.values() if value not in (None, "")
    )


def test_erasure_anonymises_the_person_and_keeps_what_they_took_part_in(officer, yasmina):
    position, interaction, partner_role = _full_links(yasmina)
    anonymise_person(person=yasmina, by=officer)
    yasmina.refresh_from_db()
    assert str(yasmina) == ANONYMISED_NAME == "Personne anonymisée"
    assert (yasmina.email, yasmina.other_email, yasmina.phone, yasmina.mobile) == ("",) * 4
    assert (yasmina.notes, yasmina.consent_source, yasmina.consent_on) == ("", "", None)
    assert not yasmina.tags.exists()
    assert yasmina.anonymised_at is not None and yasmina.do_not_contact
    assert yasmina.positions.get() == position
    assert list(interaction.people.all()) == [yasmina]
    assert list(partner_role.contacts.all()) == [yasmina]
    assert yasmina.group_memberships.get().role == "Référente"
    assert yasmina.search_text == "personne anonymisee"


def test_erasure_scrubs_the_old_values_from_the_history(officer, yasmina):
    anonymise_person(person=yasmina, by=officer)
    text = _history_text([yasmina.pk]).lower()
    for value in (*OLD_VALUES, "Oujda", "Formulaire", "yasmine"):
        assert value.lower() not in text
    assert Person.history.filter(id=yasmina.pk).count() >= 4  # the history stays, scrubbed
    assert not Person.history.model.tags.model.objects.filter(history__id=yasmina.pk).exists()
    assert Person.history.filter(id=yasmina.pk).latest().history_user == officer


def test_erasure_also_scrubs_the_history_of_duplicates_merged_into_the_person(officer, yasmina):
    duplicate = PersonFactory(first_name="Y.", last_name="Bouzid-Alaoui", email="yb@oujda.ma")
    duplicate_pk = duplicate.pk
    merge_people(keep=yasmina, remove=duplicate, by=officer)
    assert "Bouzid-Alaoui" in _history_text([yasmina.pk])  # the merge note names it
    anonymise_person(person=yasmina, by=officer)
    text = _history_text([yasmina.pk, duplicate_pk])
    for value in ("Bouzid", "yb@oujda.ma", "Y.", *OLD_VALUES):
        assert value not in text
    assert Person.history.filter(id=duplicate_pk).exists()


def test_an_officer_anonymises_from_the_person_page(client, officer, yasmina):
    client.force_login(officer)
    url = reverse("actors:person_anonymise", args=[yasmina.pk])
    assert url in client.get(yasmina.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == yasmina.get_absolute_url()
    yasmina.refresh_from_db()
    assert yasmina.anonymised_at is not None
    assert url not in client.get(yasmina.get_absolute_url()).content.decode()


# --- Retention report -----------------------------------------------------------------


def _age(person, years, days=10):
    """Make the person look untouched for `years` years (record and history)."""
    then = timezone.now() - dt.timedelta(days=365 * years + days)
    Person.objects.filter(pk=person.pk).update(updated_at=then)
    Person.history.filter(id=person.pk).update(history_date=then)


def test_the_report_lists_people_untouched_for_n_years(officer):
    old = PersonFactory(last_name="Ancien")
    recent_contact = PersonFactory(last_name="Contacté")
    recent_change = PersonFactory(last_name="Modifié")
    two_years = PersonFactory(last_name="Récent")
    for person in (old, recent_contact, recent_change):
        _age(person, 4)
    _age(two_years, 2)
    InteractionFactory(occurred_on=timezone.localdate() - dt.timedelta(days=30)).people.add(
        recent_contact
    )
    _age(recent_contact, 4)  # adding the interaction recorded nothing on the person
    Person.history.filter(id=recent_change.pk).update(history_date=timezone.now())
    assert list(untouched_people(user=officer, years=3)) == [old]
    assert set(untouched_people(user=officer, years=1)) == {old, two_years}


def test_the_report_page_reads_n_from_the_query_string(client, officer):
    old, two_years = PersonFactory(last_name="Ancien"), PersonFactory(last_name="Récent")
    _age(old, 4)
    _age(two_years, 2)
    client.force_login(officer)
    url = reverse("actors:people_untouched")
    body = client.get(url).content.decode()
    assert "Ancien" in body and "Récent" not in body
    body = client.get(url, {"years": "1"}).content.decode()
    assert "Ancien" in body and "Récent" in body
    assert client.get(url, {"years": "abc"}).status_code == 200


def test_the_report_anonymises_the_selected_people_once_confirmed(client, officer):
    first, second, kept = (PersonFactory(last_name=f"Ancien{i}") for i in range(3))
    for person in (first, second, kept):
        _age(person, 5)
    client.force_login(officer)
    url = reverse("actors:people_untouched")
    client.post(url, {"ids": [first.pk, second.pk], "years": "3"})
    assert not Person.objects.filter(anonymised_at__isnull=False).exists()  # not confirmed
    response = client.post(url, {"ids": [first.pk, second.pk], "years": "3", "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == f"{url}?years=3"
    assert set(Person.objects.filter(anonymised_at__isnull=False)) == {first, second}
    assert "Ancien2" in client.get(url).content.decode()


def test_the_bulk_anonymisation_ignores_people_outside_the_report(client, officer):
    active = PersonFactory(last_name="Actif")
    client.force_login(officer)
    client.post(
        reverse("actors:people_untouched"), {"ids": [active.pk], "years": "3", "confirm": "1"}
    )
    active.refresh_from_db()
    assert active.anonymised_at is None


@pytest.mark.parametrize("role", ["viewer", "partner"])
def test_the_report_is_for_officers_and_admins(client, role):
    client.force_login(UserFactory(role=role))
    person = PersonFactory()
    _age(person, 5)
    url = reverse("actors:people_untouched")
    assert client.get(url).status_code == 403
    assert client.post(url, {"ids": [person.pk], "confirm": "1"}).status_code == 403
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_years_before_handles_29_february():
    assert years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)


# --- Do not contact -------------------------------------------------------------------


def test_do_not_contact_people_are_flagged_in_the_list(client, officer):
    PersonFactory(last_name="Tranquille", do_not_contact=True)
    PersonFactory(last_name="Joignable")
    client.force_login(officer)
    body = client.get("/actors/people/").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in body.split("<tr>")[2:]}
    assert 'class="badge"' in rows["Tranquille"]
    assert 'class="badge"' not in rows["Joignable"]
