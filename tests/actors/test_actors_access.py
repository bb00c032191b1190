"""A partner sees only the people and interactions of its projects, and no group."""

import pytest
from django.urls import reverse

from tests.factories import (
    GroupFactory,
    InteractionFactory,
    PersonFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partner_project, other_project):
    mine = ProjectPartnerFactory(project=partner_project)
    theirs = ProjectPartnerFactory(project=other_project)
    my_contact = PersonFactory(last_name="Visible")
    hidden_contact = PersonFactory(last_name="Caché")
    mine.contacts.add(my_contact)
    theirs.contacts.add(hidden_contact)
    my_meeting = InteractionFactory(subject="Comité de pilotage partagé", project=partner_project)
    hidden_meeting = InteractionFactory(subject="Réunion interne", project=other_project)
    loose_meeting = InteractionFactory(subject="Sans projet")
    group = GroupFactory(name="Groupe Atlas")
    return {
        "my_contact": my_contact,
        "hidden_contact": hidden_contact,
        "my_meeting": my_meeting,
        "hidden": [hidden_meeting, loose_meeting],
        "group": group,
    }


def test_partner_people_list_and_api_hold_only_its_contacts(client, partner, world):
    client.force_login(partner)
    body = client.get(reverse("actors:person_list")).content.decode()
    assert "Visible" in body and "Caché" not in body
    names = [p["last_name"] for p in client.get("/api/people").json()["results"]]
    assert names == ["Visible"]
    hidden = world["hidden_contact"]
    assert client.get(reverse("actors:person_detail", args=[hidden.pk])).status_code == 404
    assert client.get(f"/api/people/{hidden.pk}").status_code == 404


def test_partner_interactions_are_those_of_its_projects(client, partner, world):
    client.force_login(partner)
    subjects = [i["subject"] for i in client.get("/api/interactions").json()["results"]]
    assert subjects == ["Comité de pilotage partagé"]
    for other in world["hidden"]:
        assert client.get(reverse("actors:interaction_detail", args=[other.pk])).status_code == 404
        assert client.get(f"/api/interactions/{other.pk}").status_code == 404


def test_partner_sees_no_group_anywhere(client, partner, world):
    client.force_login(partner)
    group = world["group"]
    assert "Groupe Atlas" not in client.get(reverse("actors:group_list")).content.decode()
    assert client.get(reverse("actors:group_detail", args=[group.pk])).status_code == 404
    assert client.get("/api/groups").json()["results"] == []
    # Not even as a filter choice on the organisation list.
    assert "Groupe Atlas" not in client.get(reverse("actors:organisation_list")).content.decode()


def test_partner_cannot_add_a_position_or_a_group_member(client, partner, world):
    client.force_login(partner)
    contact = world["my_contact"]
    assert client.get(reverse("actors:position_add", args=[contact.pk])).status_code == 403
    group = world["group"]
    assert client.get(reverse("actors:group_member_add", args=[group.pk])).status_code == 404


def test_viewer_reads_people_but_cannot_create_them(client, viewer, world):
    client.force_login(viewer)
    assert client.get(reverse("actors:person_list")).status_code == 200
    assert client.get(reverse("actors:person_create")).status_code == 403
    response = client.post("/api/people", {"last_name": "X"}, content_type="application/json")
    assert response.status_code == 403


def test_a_trashed_project_takes_its_organisations_and_people_out_of_a_partner_view(
    client, partner, partner_project, officer
):
    from maillage.core.services import service_for
    from maillage.core.trash import restore_from_trash
    from maillage.projects.models import Project
    from tests.factories import PersonFactory, ProjectPartnerFactory

    contact = PersonFactory(last_name="Contactdupartenaire")
    role = ProjectPartnerFactory(project=partner_project)
    role.contacts.add(contact)
    client.force_login(partner)
    urls = [
        role.organisation.get_absolute_url(),
        f"/api/organisations/{role.organisation.pk}",
        contact.get_absolute_url(),
        f"/api/people/{contact.pk}",
    ]
    assert [client.get(url).status_code for url in urls] == [200] * 4
    service_for(Project).delete(obj=partner_project, by=officer)
    assert [client.get(url).status_code for url in urls] == [404] * 4
    restore_from_trash(Project.all_objects.get(pk=partner_project.pk), by=officer)
    assert [client.get(url).status_code for url in urls] == [200] * 4


def test_partner_sees_its_own_person_beside_its_projects_contacts(client, partner, world):
    """A partner's people are one list of ids: its projects' partners' contacts and its
    own person (no `OR` PostgreSQL would read every person for)."""
    from maillage.actors.models import Person

    own = PersonFactory(last_name="Moi-même", user=partner)
    seen = set(Person.objects.visible_to(partner))
    assert seen == {world["my_contact"], own}
    client.force_login(partner)
    names = sorted(p["last_name"] for p in client.get("/api/people").json()["results"])
    assert names == ["Moi-même", "Visible"]
    # Chained with a filter and counted, as a list page does.
    assert Person.objects.visible_to(partner).filter(last_name="Moi-même").count() == 1
