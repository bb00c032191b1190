"""Choosing among thousands in forms (core.typeahead): the interaction form's people, the
organisation, project and tag pickers render only what is chosen and ask the server for
the rest; without JavaScript a search lists its matches instead of saving; tags are
created on the spot through their service; a partner's type-ahead never lists what it
may not open."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from lxml import html

from maillage.actors.models import Interaction, Tag
from tests.factories import (
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

CREATE = "actors:interaction_create"


def options(response, name):
    page = html.fromstring(response.content)
    return [o.get("value") for o in page.xpath(f"//select[@name='{name}']/option")]


def new_tag(prefix):
    return lambda: Tag.objects.create(name=f"{prefix} {Tag.objects.count()}")


def interaction_data(**extra):
    return {
        "kind": "meeting",
        "occurred_on": dt.date(2025, 6, 10).isoformat(),
        "subject": "Comité de pilotage",
        "confidentiality": "internal",
        **extra,
    }


def test_the_interaction_form_lists_no_person_until_one_is_chosen_or_searched(client, officer):
    PersonFactory.create_batch(30)
    client.force_login(officer)
    response = client.get(reverse(CREATE))
    body = response.content.decode()
    assert options(response, "people") == []
    assert options(response, "organisations") == []
    assert 'data-typeahead="/actors/people/choices/"' in body
    assert 'data-typeahead="/actors/organisations/choices/"' in body


def test_the_interaction_form_makes_as_many_queries_for_3_or_30_people(client, officer):
    client.force_login(officer)
    assert_constant_queries(
        client,
        reverse(CREATE),
        grow=lambda n: [
            (PersonFactory(), OrganisationFactory(), ProjectFactory()) for _ in range(n)
        ],
        rows=(3, 30),
    )


def test_the_chosen_people_are_saved_and_shown_again_on_the_edit_page(client, officer):
    verhaeghe = PersonFactory(first_name="Anne", last_name="Verhaeghe")
    other = PersonFactory(last_name="Diallo")
    PersonFactory.create_batch(5)
    client.force_login(officer)
    response = client.post(reverse(CREATE), interaction_data(people=[verhaeghe.pk, other.pk]))
    assert response.status_code == 302, response.content.decode()
    interaction = Interaction.objects.get()
    assert set(interaction.people.all()) == {verhaeghe, other}
    edit = client.get(reverse("actors:interaction_update", args=[interaction.pk]))
    assert sorted(options(edit, "people")) == sorted([str(verhaeghe.pk), str(other.pk)])


def test_without_javascript_a_search_lists_matches_then_saves_on_the_second_submit(client, officer):
    verhaeghe = PersonFactory(first_name="Anne", last_name="Verhaeghe")
    PersonFactory(last_name="Diallo")
    client.force_login(officer)
    searching = interaction_data(people_search="verhaeghe")
    response = client.post(reverse(CREATE), searching)
    assert response.status_code == 422  # held: the user was looking for someone
    assert options(response, "people") == [str(verhaeghe.pk)]
    assert 'name="people_searched" value="verhaeghe"' in response.content.decode()
    assert not Interaction.objects.exists()
    # The user chooses the match and submits again (the search box still holds its words).
    response = client.post(
        reverse(CREATE),
        {**searching, "people_searched": "verhaeghe", "people": [verhaeghe.pk]},
    )
    assert response.status_code == 302, response.content.decode()
    assert list(Interaction.objects.get().people.all()) == [verhaeghe]


@pytest.mark.parametrize(
    ("url_name", "field", "make"),
    [
        ("actors:organisation_create", "parent", OrganisationFactory),
        (
            "actors:organisation_create",
            "tags",
            new_tag("eau"),
        ),
        (
            "actors:person_create",
            "tags",
            new_tag("santé"),
        ),
        (
            "projects:project_create",
            "tags",
            new_tag("forage"),
        ),
        ("partnerships:partnership_create", "projects", ProjectFactory),
        ("partnerships:partnership_create", "french_authority", OrganisationFactory),
        ("partnerships:agreement_create", "projects", ProjectFactory),
        ("partnerships:commitment_create", "responsible_person", PersonFactory),
        ("projects:risk_create", "project", ProjectFactory),
        ("actors:group_member_add", "person", PersonFactory),
    ],
)
def test_pickers_in_forms_render_no_record_unless_chosen(client, officer, url_name, field, make):
    for _ in range(4):
        make()
    client.force_login(officer)
    args = []
    if url_name == "actors:group_member_add":
        from tests.factories import GroupFactory

        args = [GroupFactory().pk]
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert [v for v in options(response, field) if v] == []
    assert "data-typeahead=" in response.content.decode()


# --- Tags created on the spot ----------------------------------------------------------------


def test_an_officer_creates_a_tag_through_the_endpoint_once(client, officer):
    client.force_login(officer)
    url = reverse("actors:tag_choices")
    created = client.post(url, {"name": "  Éducation   populaire "})
    assert created.status_code == 201
    tag = Tag.objects.get()
    assert created.json() == {"id": tag.pk, "text": "Éducation populaire"}
    again = client.post(url, {"name": "éducation populaire"})
    assert again.status_code == 200 and again.json()["id"] == tag.pk
    assert Tag.objects.count() == 1
    # Accents and capitals set aside when searching, as everywhere.
    found = client.get(url, {"q": "EDUC pop"}).json()
    assert found["results"] == [{"id": tag.pk, "text": "Éducation populaire"}]
    too_long = client.post(url, {"name": "x" * 61})
    assert too_long.status_code == 400 and too_long.json()["error"]


@pytest.mark.parametrize("who", ["viewer", "partner"])
def test_roles_that_do_not_write_cannot_create_a_tag(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("actors:tag_choices"), {"name": "Nouveau"})
    assert response.status_code == 403 and not Tag.objects.exists()


def test_an_endpoint_without_creation_refuses_a_post(client, officer):
    client.force_login(officer)
    response = client.post(reverse("actors:person_choices"), {"name": "Nouveau"})
    assert response.status_code == 405


# --- What a partner's type-ahead lists ----------------------------------------------------


def test_a_partner_type_ahead_lists_only_what_it_may_open(client, partner, partner_project):
    mine = ProjectPartnerFactory(
        project=partner_project, organisation__name="Commune de Kayes Nord"
    ).organisation
    hidden_org = OrganisationFactory(name="Commune de Kayes Sud")
    hidden_project = ProjectFactory(code="KAY-SECRET", title="Kayes secret")
    hidden_person = PersonFactory(first_name="Kayes", last_name="Secret")
    InteractionFactory(subject="Kayes")
    Tag.objects.create(name="Kayes")
    client.force_login(partner)
    endpoints = {
        "actors:organisation_choices": ("actors:organisation_detail", hidden_org),
        "actors:person_choices": ("actors:person_detail", hidden_person),
        "projects:project_choices": ("projects:project_detail", hidden_project),
        "actors:tag_choices": (None, None),
    }
    for endpoint, (detail, hidden) in endpoints.items():
        for words in ("kayes", "", "secret", "sud"):
            results = client.get(reverse(endpoint), {"q": words}).json()["results"]
            for row in results:
                assert detail is not None, (endpoint, row)  # a partner lists no tag
                opened = client.get(reverse(detail, args=[row["id"]]))
                assert opened.status_code == 200, (endpoint, row)
            if hidden is not None:
                assert hidden.pk not in [r["id"] for r in results]
                assert client.get(reverse(detail, args=[hidden.pk])).status_code == 404
    organisations = client.get(reverse("actors:organisation_choices"), {"q": "kayes"}).json()
    assert [r["id"] for r in organisations["results"]] == [mine.pk]


def test_the_chosen_value_of_a_form_is_not_a_way_to_read_a_hidden_name(
    client, partner, partner_project
):
    """A partner's field-update form with another project's id in the URL does not name
    that project: the field's choices start from what the partner sees."""
    hidden = ProjectFactory(code="HID-1", title="Projet caché")
    client.force_login(partner)
    response = client.get(reverse("projects:fieldupdate_create"), {"project": hidden.pk})
    assert response.status_code in (200, 403)
    assert "Projet caché" not in response.content.decode()
    assert not re.search(rf'value="{hidden.pk}"', response.content.decode())


# --- Countries ---------------------------------------------------------------------------


def test_the_country_endpoint_finds_a_country_by_name_or_code_in_the_user_language(client, officer):
    client.force_login(officer)  # French by default
    url = reverse("core:country_choices")
    assert client.get(url, {"q": "senegal"}).json()["results"] == [{"id": "SN", "text": "Sénégal"}]
    assert {"id": "MA", "text": "Maroc"} in client.get(url, {"q": "ma"}).json()["results"]
    assert client.get(url, {"q": "nowhere"}).json() == {"results": [], "more": False}


def test_countries_of_action_are_a_type_ahead_that_saves_the_chosen_codes(client, officer):
    organisation = OrganisationFactory(name="Eau Vive")
    client.force_login(officer)
    url = reverse("actors:organisation_update", args=[organisation.pk])
    page = client.get(url)
    assert options(page, "action_countries") == []  # not 249 countries
    assert 'data-typeahead="/countries/choices/"' in page.content.decode()
    # Without JavaScript: a search lists the matches in the select.
    data = {
        "name": "Eau Vive",
        "type": organisation.type,
        "country": "FR",
        "version": organisation.version,
        "action_countries_search": "seneg",
    }
    held = client.post(url, data)
    assert held.status_code == 422
    assert options(held, "action_countries") == ["SN"]
    saved = client.post(
        url, {**data, "action_countries_searched": "seneg", "action_countries": ["SN", "ML"]}
    )
    assert saved.status_code == 302, saved.content.decode()
    assert sorted(organisation.action_countries.values_list("country", flat=True)) == [
        "ML",
        "SN",
    ]
