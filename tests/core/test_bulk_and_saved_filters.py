"""Saved filters on every list, and bulk actions on the selected rows of a list."""

import pytest
from django.urls import reverse

from maillage.actors.models import GroupMember, Organisation, Person, Tag
from maillage.core.bulk import parse_ids
from maillage.core.models import Job, SavedFilter
from tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/actors/organisations/"


# --- Saved filters -----------------------------------------------------------------------


def _save(client, name, query, list_name="actors:organisation_list"):
    return client.post(
        reverse("core:saved_filter_create"),
        {"name": name, "list_name": list_name, "query": query},
    )


def test_a_saved_filter_reopens_the_list_with_its_query_without_the_page(client, officer):
    client.force_login(officer)
    response = _save(client, "Associations de Gironde", "departement=33&type=association&page=3")
    saved = SavedFilter.objects.get()
    assert saved.user == officer and saved.list_name == "actors:organisation_list"
    assert saved.query == "departement=33&type=association"
    assert response.status_code == 302
    assert response["Location"] == f"{ORGANISATIONS}?departement=33&type=association"
    body = client.get(ORGANISATIONS).content.decode()
    assert "Associations de Gironde" in body
    assert f'href="{ORGANISATIONS}?departement=33&amp;type=association"' in body


def test_saving_under_the_same_name_replaces_the_query(client, officer):
    client.force_login(officer)
    _save(client, "Mes filtres", "departement=33")
    _save(client, "Mes filtres", "departement=59")
    assert list(SavedFilter.objects.values_list("query", flat=True)) == ["departement=59"]


def test_saved_filters_are_personal(client, officer, viewer):
    mine = SavedFilter.objects.create(
        user=officer, list_name="actors:organisation_list", name="Filtre d'Aline", query="q=eau"
    )
    client.force_login(viewer)
    assert "Filtre d&#x27;Aline" not in client.get(ORGANISATIONS).content.decode()
    response = client.post(reverse("core:saved_filter_delete", args=[mine.pk]))
    assert response.status_code == 404
    assert SavedFilter.objects.filter(pk=mine.pk).exists()


def test_a_user_deletes_their_own_saved_filter(client, officer):
    mine = SavedFilter.objects.create(
        user=officer, list_name="actors:organisation_list", name="À supprimer", query="q=eau"
    )
    client.force_login(officer)
    response = client.post(reverse("core:saved_filter_delete", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == ORGANISATIONS
    assert not SavedFilter.objects.exists()


def test_saved_filters_belong_to_one_list(client, officer):
    SavedFilter.objects.create(
        user=officer,
        list_name="actors:person_list",
        name="Contacts arabophones",
        query="language=ar",
    )
    client.force_login(officer)
    assert "Contacts arabophones" not in client.get(ORGANISATIONS).content.decode()
    assert "Contacts arabophones" in client.get("/actors/people/").content.decode()


@pytest.mark.parametrize("list_name", ["core:job_detail", "actors:nothing_list", "core:home"])
def test_a_filter_is_saved_only_for_a_list_page(client, officer, list_name):
    client.force_login(officer)
    assert _save(client, "X", "q=1", list_name=list_name).status_code == 400
    assert not SavedFilter.objects.exists()


def test_saving_a_filter_needs_a_signed_in_user(client):
    response = _save(client, "X", "q=1")
    assert response.status_code == 302 and "login" in response["Location"]


# --- Bulk actions: the list ----------------------------------------------------------------


def test_the_list_has_a_labelled_checkbox_per_row_and_a_select_all(client, officer):
    organisation = OrganisationFactory(name="Cités Unies")
    client.force_login(officer)
    body = client.get(ORGANISATIONS).content.decode()
    assert 'data-select-all="bulk-form"' in body
    assert f'name="ids" value="{organisation.pk}" form="bulk-form" aria-label="' in body
    assert "Cités Unies" in body.split(f'value="{organisation.pk}" form="bulk-form"')[1][:80]
    assert "maillage/bulk.js" in body
    assert 'value="tag"' in body and 'value="add_to_group"' in body and 'value="export"' in body


def test_a_viewer_is_offered_only_the_export(client, viewer):
    OrganisationFactory()
    client.force_login(viewer)
    body = client.get(ORGANISATIONS).content.decode()
    assert 'value="export"' in body
    assert 'value="tag"' not in body and 'value="add_to_group"' not in body


def test_a_list_without_bulk_actions_has_no_checkboxes(client, officer):
    ProjectFactory()
    client.force_login(officer)
    body = client.get("/projects/").content.decode()
    assert "bulk-form" not in body and "bulk.js" not in body


def test_the_htmx_results_keep_the_checkboxes(client, officer):
    OrganisationFactory()
    client.force_login(officer)
    body = client.get(ORGANISATIONS, HTTP_HX_REQUEST="true").content.decode()
    assert 'form="bulk-form"' in body and 'id="bulk-form"' in body


# --- Bulk actions: tag --------------------------------------------------------------------


def _bulk(client, url, action, ids, **data):
    return client.post(url, {"action": action, "ids": [str(i) for i in ids], **data})


def test_tagging_creates_the_tag_and_records_it_in_each_history(client, officer):
    first, second, untouched = OrganisationFactory.create_batch(3)
    client.force_login(officer)
    response = _bulk(
        client,
        reverse("actors:organisation_bulk"),
        "tag",
        [first.pk, second.pk],
        tag="  Jumelage   actif ",
        query="departement=33&page=2",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ORGANISATIONS}?departement=33"
    tag = Tag.objects.get()
    assert tag.name == "Jumelage actif"
    assert set(tag.organisation_set.all()) == {first, second}
    assert not untouched.tags.exists()
    latest = first.history.latest()
    assert list(latest.tags.values_list("tag__name", flat=True)) == ["Jumelage actif"]
    assert latest.history_user == officer


def test_tagging_reuses_an_existing_tag_whatever_its_case(client, officer):
    tag = Tag.objects.create(name="Jumelage")
    person = PersonFactory()
    client.force_login(officer)
    _bulk(client, reverse("actors:person_bulk"), "tag", [person.pk], tag="jumelage")
    assert Tag.objects.count() == 1
    assert list(person.tags.all()) == [tag]


def test_ids_that_are_not_rows_are_ignored(client, officer):
    organisation = OrganisationFactory()
    client.force_login(officer)
    response = _bulk(
        client,
        reverse("actors:organisation_bulk"),
        "tag",
        [organisation.pk, 999999, "abc", "-3"],
        tag="Réseau",
    )
    assert response.status_code == 302
    assert list(Tag.objects.get().organisation_set.all()) == [organisation]


def test_a_tag_name_too_long_is_refused_with_a_message(client, officer):
    organisation = OrganisationFactory()
    client.force_login(officer)
    response = _bulk(
        client, reverse("actors:organisation_bulk"), "tag", [organisation.pk], tag="x" * 61
    )
    assert response.status_code == 302 and not Tag.objects.exists()
    body = client.get(response["Location"]).content.decode()
    assert "message-error" in body


@pytest.mark.parametrize("role", ["viewer", "partner"])
@pytest.mark.parametrize("action", ["tag", "add_to_group"])
def test_a_role_without_writes_cannot_tag_or_group(client, role, action):
    user = UserFactory(role=role)
    project = ProjectFactory()
    MembershipFactory(project=project, user=user)
    organisation = ProjectPartnerFactory(project=project).organisation
    group = GroupFactory()
    client.force_login(user)
    response = _bulk(
        client,
        reverse("actors:organisation_bulk"),
        action,
        [organisation.pk],
        tag="Interdit",
        group=group.pk,
    )
    assert response.status_code == 403
    assert not Tag.objects.exists() and not GroupMember.objects.exists()


def test_an_undeclared_action_is_refused(client, officer):
    organisation = OrganisationFactory()
    client.force_login(officer)
    response = _bulk(client, reverse("actors:organisation_bulk"), "delete", [organisation.pk])
    assert response.status_code == 400
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_bulk_actions_answer_only_post(client, officer):
    client.force_login(officer)
    assert client.get(reverse("actors:organisation_bulk")).status_code == 405


def test_nothing_selected_says_so(client, officer):
    client.force_login(officer)
    response = _bulk(client, reverse("actors:organisation_bulk"), "tag", [], tag="Vide")
    assert response.status_code == 302 and not Tag.objects.exists()
    assert "message-warning" in client.get(response["Location"]).content.decode()


# --- Bulk actions: add to a group ---------------------------------------------------------


def test_adding_to_a_group_skips_those_already_in_it_and_keeps_history(client, officer):
    group = GroupFactory(name="Eau et assainissement")
    member, newcomer = OrganisationFactory.create_batch(2)
    GroupMemberFactory(group=group, organisation=member, role="Présidence")
    client.force_login(officer)
    response = _bulk(
        client,
        reverse("actors:organisation_bulk"),
        "add_to_group",
        [member.pk, newcomer.pk],
        group=group.pk,
    )
    assert response.status_code == 302
    members = {m.organisation: m.role for m in group.members.all()}
    assert members == {member: "Présidence", newcomer: ""}
    added = group.members.get(organisation=newcomer)
    assert added.history.get().history_user == officer


def test_people_are_added_to_a_group_as_people(client, officer):
    group = GroupFactory()
    people = PersonFactory.create_batch(2)
    client.force_login(officer)
    _bulk(
        client,
        reverse("actors:person_bulk"),
        "add_to_group",
        [p.pk for p in people],
        group=group.pk,
    )
    assert set(Person.objects.filter(group_memberships__group=group)) == set(people)
    assert not group.members.filter(organisation__isnull=False).exists()


def test_an_unknown_group_is_refused(client, officer):
    organisation = OrganisationFactory()
    client.force_login(officer)
    _bulk(client, reverse("actors:organisation_bulk"), "add_to_group", [organisation.pk], group=9)
    assert not GroupMember.objects.exists()


# --- Bulk actions: export -----------------------------------------------------------------


def _job_text(job):
    job.refresh_from_db()
    with job.result_file.open("rb") as f:
        return f.read().decode("utf-8-sig")


def test_exporting_the_selection_exports_only_those_rows(client, officer):
    chosen = OrganisationFactory(name="Choisie")
    also = OrganisationFactory(name="Aussi choisie")
    OrganisationFactory(name="Oubliée")
    client.force_login(officer)
    response = _bulk(
        client,
        reverse("actors:organisation_bulk"),
        "export",
        [chosen.pk, also.pk],
        format="csv",
        query="sort=-name",
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    text = _job_text(job)
    assert "Choisie" in text and "Aussi choisie" in text and "Oubliée" not in text
    assert text.index("\nChoisie,") < text.index("\nAussi choisie,")  # the list's sort is kept


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_the_selection_exports_in_every_format_of_the_list(client, officer, fmt):
    organisation = OrganisationFactory()
    client.force_login(officer)
    _bulk(client, reverse("actors:organisation_bulk"), "export", [organisation.pk], format=fmt)
    job = Job.objects.get()
    assert job.state == "succeeded" and job.result_name.endswith(f".{fmt}")


def test_a_partner_exports_only_the_selected_rows_it_may_see(client, partner, partner_project):
    visible = ProjectPartnerFactory(project=partner_project).organisation
    hidden = OrganisationFactory(name="Confidentielle")
    client.force_login(partner)
    _bulk(
        client,
        reverse("actors:organisation_bulk"),
        "export",
        [visible.pk, hidden.pk],
        format="csv",
    )
    text = _job_text(Job.objects.get())
    assert visible.name in text and "Confidentielle" not in text


def test_an_unknown_export_format_is_refused(client, officer):
    organisation = OrganisationFactory()
    client.force_login(officer)
    response = _bulk(
        client, reverse("actors:organisation_bulk"), "export", [organisation.pk], format="exe"
    )
    assert response.status_code == 403 and not Job.objects.exists()


def test_the_ids_filter_of_a_list_keeps_to_what_the_user_sees(partner, partner_project):
    from django.http import QueryDict

    from maillage.actors.views.organisations import OrganisationViews

    visible = ProjectPartnerFactory(project=partner_project).organisation
    hidden = OrganisationFactory()
    qs, _ = OrganisationViews.filtered_queryset(
        partner, QueryDict(f"ids={visible.pk},{hidden.pk},junk")
    )
    assert list(qs) == [visible]
    qs, _ = OrganisationViews.filtered_queryset(partner, QueryDict("ids="))
    assert list(qs) == []


def test_parse_ids_keeps_positive_integers_only():
    assert parse_ids(["1", "2,3", " 4 ", "x", "-5", "0", "", "9" * 30]) == [1, 2, 3, 4]
