"""Merging duplicate organisations and people: every link moves, doubled links collapse."""

import datetime as dt

import pytest
from django.urls import reverse

from maillage.actors.models import (
    Group,
    GroupMember,
    LinkKind,
    Organisation,
    OrganisationCountry,
    OrganisationLink,
    Person,
    Position,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.actors.services import MERGED_INTO, merge_organisations, merge_people
from maillage.projects.models import PartnerRole, ProjectPartner
from tests.factories import (
    GroupFactory,
    GroupMemberFactory,
    InteractionFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _nothing_points_at(model, pk):
    """Every relation of the model, found generically, has no row left on record `pk`."""
    assert pk is not None
    for relation in model._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: pk})
        assert not rows.exists(), relation.name


# --- Organisations --------------------------------------------------------------------


@pytest.fixture
def pair(db):
    keep = OrganisationFactory(name="Ville de Lille", acronym="", city="Lille", siren="")
    remove = OrganisationFactory(
        name="Mairie de Lille", acronym="VDL", city="Lille (59)", siren="217503506"
    )
    return keep, remove


def test_merging_organisations_moves_every_link_and_collapses_duplicates(pair, officer):
    keep, remove = pair
    other = OrganisationFactory(name="Cités Unies France")
    child = OrganisationFactory(name="CCAS de Lille", parent=remove)
    project_only_removed, project_both = ProjectFactory(), ProjectFactory()
    contact_a, contact_b = PersonFactory.create_batch(2)
    moved_role = ProjectPartnerFactory(project=project_only_removed, organisation=remove)
    kept_twin = ProjectPartnerFactory(project=project_both, organisation=keep, share=None)
    removed_twin = ProjectPartnerFactory(project=project_both, organisation=remove, share=40)
    kept_twin.contacts.add(contact_a)
    removed_twin.contacts.add(contact_a, contact_b)
    position = PositionFactory(organisation=remove)
    only_removed = InteractionFactory()
    only_removed.organisations.add(remove)
    both = InteractionFactory()
    both.organisations.add(keep, remove)
    group_removed, group_both = GroupFactory(), GroupFactory()
    GroupMemberFactory(group=group_removed, organisation=remove, role="Membre")
    GroupMemberFactory(group=group_both, organisation=keep, role="")
    GroupMemberFactory(group=group_both, organisation=remove, role="Présidence")
    link_out = OrganisationLink.objects.create(source=remove, kind=LinkKind.MEMBER_OF, target=other)
    link_in = OrganisationLink.objects.create(source=other, kind=LinkKind.FUNDS, target=remove)
    OrganisationLink.objects.create(source=keep, kind=LinkKind.PARTNER_OF, target=other)
    OrganisationLink.objects.create(source=remove, kind=LinkKind.PARTNER_OF, target=other)
    OrganisationLink.objects.create(source=remove, kind=LinkKind.PARTNER_OF, target=keep)
    OrganisationCountry.objects.create(organisation=remove, country="MA")
    OrganisationCountry.objects.create(organisation=remove, country="SN")
    OrganisationCountry.objects.create(organisation=keep, country="SN")
    theme = Theme.objects.create(name="Eau")
    sdg = SdgGoal.objects.get_or_create(number=6)[0]
    tag = Tag.objects.create(name="Jumelage")
    remove.themes.add(theme)
    remove.sdgs.add(sdg)
    remove.tags.add(tag)
    removed_pk = remove.pk

    merge_organisations(keep=keep, remove=remove, by=officer)

    assert not Organisation.objects.filter(pk=removed_pk).exists()
    _nothing_points_at(Organisation, removed_pk)
    moved_role.refresh_from_db()
    assert moved_role.organisation == keep
    # The doubled consortium place collapsed into keep's, with the contacts and share.
    assert ProjectPartner.objects.filter(project=project_both).count() == 1
    kept_twin.refresh_from_db()
    assert set(kept_twin.contacts.all()) == {contact_a, contact_b}
    assert kept_twin.share == 40
    assert Position.objects.get(pk=position.pk).organisation == keep
    assert list(only_removed.organisations.all()) == [keep]
    assert list(both.organisations.all()) == [keep]
    # The doubled membership collapsed into keep's, which takes the role it lacked.
    assert set(keep.group_memberships.values_list("group", "role")) == {
        (group_removed.pk, "Membre"),
        (group_both.pk, "Présidence"),
    }
    assert GroupMember.objects.filter(group=group_both).count() == 1
    link_out.refresh_from_db()
    link_in.refresh_from_db()
    assert (link_out.source, link_out.target) == (keep, other)
    assert (link_in.source, link_in.target) == (other, keep)
    assert OrganisationLink.objects.filter(source=keep, kind=LinkKind.PARTNER_OF).count() == 1
    assert not OrganisationLink.objects.filter(source=keep, target=keep).exists()
    child.refresh_from_db()
    assert child.parent == keep
    assert sorted(keep.action_countries.values_list("country", flat=True)) == ["MA", "SN"]
    assert list(keep.themes.all()) == [theme]
    assert list(keep.sdgs.all()) == [sdg]
    assert list(keep.tags.all()) == [tag]


def test_keep_takes_the_removed_values_only_where_it_is_empty(pair, officer):
    keep, remove = pair
    merge_organisations(keep=keep, remove=remove, by=officer)
    keep.refresh_from_db()
    assert keep.name == "Ville de Lille" and keep.city == "Lille"  # kept
    assert keep.acronym == "VDL" and keep.siren == "217503506"  # filled


def test_a_filled_value_that_breaks_a_rule_is_left_out(officer):
    keep = OrganisationFactory(country="SN", departement="", city="")
    remove = OrganisationFactory(country="FR", departement="59", city="Lille")
    merge_organisations(keep=keep, remove=remove, by=officer)
    keep.refresh_from_db()
    assert keep.departement == "" and keep.city == "Lille"  # no département abroad


def test_a_parent_and_child_merge_without_pointing_at_themselves(officer):
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    merge_organisations(keep=child, remove=parent, by=officer)
    child.refresh_from_db()
    assert child.parent is None
    other_parent = OrganisationFactory()
    other_child = OrganisationFactory(parent=other_parent)
    merge_organisations(keep=other_parent, remove=other_child, by=officer)
    other_parent.refresh_from_db()
    assert other_parent.parent is None


def test_both_histories_stay_readable_with_a_note(pair, officer):
    keep, remove = pair
    interaction = InteractionFactory()
    interaction.organisations.add(remove)
    removed_pk = remove.pk
    merge_organisations(keep=keep, remove=remove, by=officer)
    note = keep.history.latest()
    assert "Mairie de Lille" in note.history_change_reason
    assert str(removed_pk) in note.history_change_reason
    assert note.history_user == officer
    history = Organisation.history.filter(id=removed_pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert history.last().history_change_reason == MERGED_INTO.format(pk=keep.pk)
    assert history.first().name == "Mairie de Lille"
    recorded = interaction.history.latest()
    assert list(recorded.organisations.values_list("organisation", flat=True)) == [keep.pk]
    assert recorded.history_user == officer


def test_a_record_does_not_merge_with_itself(officer):
    organisation = OrganisationFactory()
    with pytest.raises(ValueError):
        merge_organisations(keep=organisation, remove=organisation, by=officer)


# --- People ---------------------------------------------------------------------------


def test_merging_people_moves_every_link_and_collapses_duplicates(officer):
    keep = PersonFactory(first_name="Aline", last_name="Martin", email="", phone="")
    remove = PersonFactory(
        first_name="A.", last_name="Martin", email="aline@lille.fr", phone="+33320495000"
    )
    remove.do_not_contact = True
    remove.save()
    position = PositionFactory(person=remove)
    interaction, shared = InteractionFactory(), InteractionFactory()
    interaction.people.add(remove)
    shared.people.add(keep, remove)
    group, group_both = GroupFactory(), GroupFactory()
    GroupMember.objects.create(group=group, person=remove)
    GroupMember.objects.create(group=group_both, person=keep)
    GroupMember.objects.create(group=group_both, person=remove)
    role, role_both = ProjectPartnerFactory(), ProjectPartnerFactory()
    role.contacts.add(remove)
    role_both.contacts.add(keep, remove)
    tag = Tag.objects.create(name="Élu")
    remove.tags.add(tag)
    removed_pk = remove.pk

    merge_people(keep=keep, remove=remove, by=officer)

    assert not Person.objects.filter(pk=removed_pk).exists()
    _nothing_points_at(Person, removed_pk)
    assert Position.objects.get(pk=position.pk).person == keep
    assert list(interaction.people.all()) == [keep]
    assert list(shared.people.all()) == [keep]
    assert set(Group.objects.filter(members__person=keep)) == {group, group_both}
    assert GroupMember.objects.filter(group=group_both).count() == 1
    assert list(role.contacts.all()) == [keep]
    assert list(role_both.contacts.all()) == [keep]
    assert list(keep.tags.all()) == [tag]
    keep.refresh_from_db()
    assert keep.first_name == "Aline" and keep.email == "aline@lille.fr"
    assert keep.phone == "+33320495000"
    assert keep.do_not_contact  # a refusal of contact is never lost


# --- Pages ----------------------------------------------------------------------------


def test_an_officer_finds_the_duplicate_compares_and_merges(client, officer, pair):
    keep, remove = pair
    client.force_login(officer)
    detail = client.get(keep.get_absolute_url()).content.decode()
    choose_url = reverse("actors:organisation_merge", args=[keep.pk])
    assert choose_url in detail
    body = client.get(choose_url, {"q": "mairie"}).content.decode()
    confirm_url = reverse("actors:organisation_merge_confirm", args=[keep.pk, remove.pk])
    assert confirm_url in body
    assert reverse("actors:organisation_merge_confirm", args=[keep.pk, keep.pk]) not in body
    page = client.get(confirm_url).content.decode()
    assert "Ville de Lille" in page and "Mairie de Lille" in page and "217503506" in page
    response = client.post(confirm_url)
    assert response.status_code == 302 and response["Location"] == keep.get_absolute_url()
    assert not Organisation.objects.filter(pk=remove.pk).exists()


def test_people_merge_from_the_person_page(client, admin_user):
    keep, remove = PersonFactory(last_name="Benali"), PersonFactory(last_name="Ben Ali")
    client.force_login(admin_user)
    url = reverse("actors:person_merge_confirm", args=[keep.pk, remove.pk])
    assert (
        reverse("actors:person_merge", args=[keep.pk])
        in client.get(keep.get_absolute_url()).content.decode()
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Person.objects.filter(pk=remove.pk).exists()


def test_a_viewer_may_not_merge(client, viewer, pair):
    keep, remove = pair
    client.force_login(viewer)
    assert client.get(reverse("actors:organisation_merge", args=[keep.pk])).status_code == 403
    url = reverse("actors:organisation_merge_confirm", args=[keep.pk, remove.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Organisation.objects.filter(pk=remove.pk).exists()
    assert (
        reverse("actors:organisation_merge", args=[keep.pk])
        not in client.get(keep.get_absolute_url()).content.decode()
    )


def test_a_partner_gets_404_on_what_it_cannot_see_and_403_on_the_rest(
    client, partner, partner_project
):
    visible = ProjectPartnerFactory(project=partner_project).organisation
    hidden = OrganisationFactory()
    client.force_login(partner)
    url = reverse("actors:organisation_merge_confirm", args=[hidden.pk, visible.pk])
    assert client.post(url).status_code == 404
    url = reverse("actors:organisation_merge_confirm", args=[visible.pk, hidden.pk])
    assert client.post(url).status_code == 403
    assert client.get(reverse("actors:organisation_merge", args=[visible.pk])).status_code == 403
    assert Organisation.objects.filter(pk=hidden.pk).exists()


def test_an_officer_cannot_merge_a_record_that_does_not_exist(client, officer, pair):
    keep, _remove = pair
    client.force_login(officer)
    url = reverse("actors:organisation_merge_confirm", args=[keep.pk, 999999])
    assert client.post(url).status_code == 404


def test_merge_with_itself_goes_back_to_the_search(client, officer, pair):
    keep, _remove = pair
    client.force_login(officer)
    response = client.post(reverse("actors:organisation_merge_confirm", args=[keep.pk, keep.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("actors:organisation_merge", args=[keep.pk])


def test_partner_memberships_follow_the_merged_organisation(partner, officer):
    """A partner who saw the removed organisation through a project still sees it merged."""
    project = ProjectFactory()
    MembershipFactory(project=project, user=partner)
    keep, remove = OrganisationFactory(), OrganisationFactory()
    ProjectPartnerFactory(project=project, organisation=remove, role=PartnerRole.LEAD)
    merge_organisations(keep=keep, remove=remove, by=officer)
    assert list(Organisation.objects.visible_to(partner)) == [keep]


def test_merging_is_all_or_nothing(officer, monkeypatch):
    from maillage.actors import services

    keep, remove = OrganisationFactory(), OrganisationFactory()
    position = PositionFactory(organisation=remove)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    removed_pk = remove.pk
    monkeypatch.setattr(services, "_fill_blanks", broken)
    with pytest.raises(RuntimeError):
        merge_organisations(keep=keep, remove=remove, by=officer)
    position.refresh_from_db()
    assert position.organisation_id == removed_pk
    assert Organisation.objects.filter(pk=removed_pk).exists()


def test_untouched_dates_are_kept(officer):
    keep = PersonFactory()
    remove = PersonFactory()
    PositionFactory(person=remove, start_on=dt.date(2020, 1, 1), end_on=dt.date(2022, 1, 1))
    merge_people(keep=keep, remove=remove, by=officer)
    position = keep.positions.get()
    assert (position.start_on, position.end_on) == (dt.date(2020, 1, 1), dt.date(2022, 1, 1))


def test_merging_needs_no_user_for_scripts():
    keep, remove = OrganisationFactory(), OrganisationFactory()
    merge_organisations(keep=keep, remove=remove, by=None)
    assert keep.history.latest().history_user is None


def test_an_admin_merges_too(client, pair):
    keep, remove = pair
    client.force_login(UserFactory(role="admin"))
    url = reverse("actors:organisation_merge_confirm", args=[keep.pk, remove.pk])
    assert client.post(url).status_code == 302


def test_the_history_tab_shows_the_merge_note(client, pair, officer):
    keep, remove = pair
    merge_organisations(keep=keep, remove=remove, by=officer)
    client.force_login(officer)
    page = client.get(reverse("actors:organisation_history", args=[keep.pk])).content.decode()
    assert "Mairie de Lille" in page
