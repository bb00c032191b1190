"""The history tab reads like the forms: labels as on forms, related records and the
rows of a record (parties, positions, consortium…) by name, many-to-many changes as what
was added and removed — one mechanism, checked here on several models."""

import datetime as dt
import re

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from maillage.actors.models import Interaction, Organisation, Person, Position
from maillage.core.services import service_for
from maillage.partnerships.models import Agreement, AgreementParty
from maillage.projects.models import ProjectPartner
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def _earlier(*models):
    """Move every recorded version a minute back: the next save reads as its own entry
    (versions of one user a moment apart are one save)."""
    for model in models:
        model.history.model.objects.update(history_date=F("history_date") - dt.timedelta(minutes=1))


def _history(client, user, name, obj):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse(name, args=[obj.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r"\s+", " ", html[html.index('<ol class="history">') :])


def _entries(page):
    return page.split("<li>")[1:]


def test_an_interaction_created_with_people_names_them_in_its_creation(client, officer):
    alice = PersonFactory(first_name="Alice", last_name="Béarnaise")
    bruno = PersonFactory(first_name="Bruno", last_name="Cézanne")
    service = service_for(Interaction)
    interaction = service.create(
        data={
            "kind": "meeting",
            "occurred_on": dt.date(2025, 6, 10),
            "subject": "Comité de pilotage",
            "people": [alice, bruno],
        },
        by=officer,
    )
    page = _history(client, officer, "actors:interaction_history", interaction)
    assert "Historical" not in page and ".None" not in page
    [created] = _entries(page)  # one entry: the people were set by the same save
    assert "<strong>Création</strong>" in created
    assert "Personnes" in created  # the form's label
    assert "Alice Béarnaise, Bruno Cézanne" in created

    _earlier(Interaction, Person)
    service.update(obj=interaction, data={"people": [alice]}, by=officer)
    page = _history(client, officer, "actors:interaction_history", interaction)
    changed = _entries(page)[0]
    assert "<strong>Modification</strong>" in changed
    assert "Bruno Cézanne" in changed and "Alice Béarnaise" not in changed  # only the removal
    assert 'class="history-removed"' in changed and 'class="history-added"' not in changed


def test_an_agreements_parties_and_projects_show_on_its_history(client, officer):
    project = ProjectFactory(code="CP-7", title="Eau potable")
    agreement = AgreementFactory(title="Convention cadre", reference="CP-2024-01")
    lille = OrganisationFactory(name="Ville de Lille")
    roubaix = OrganisationFactory(name="Ville de Roubaix")
    service_for(Agreement).update(obj=agreement, data={"projects": [project]}, by=officer)
    _earlier(Agreement)
    party = service_for(AgreementParty).create(
        data={"agreement": agreement, "organisation": lille, "signatory_title": "Maire"},
        by=officer,
    )
    _earlier(Agreement, AgreementParty)
    service_for(AgreementParty).update(obj=party, data={"organisation": roubaix}, by=officer)
    _earlier(Agreement, AgreementParty)
    service_for(AgreementParty).delete(obj=party, by=officer)
    page = _history(client, officer, "partnerships:agreement_history", agreement)
    assert "Historical" not in page and ".None" not in page
    removed, changed, added, projects, *_ = _entries(page)
    assert "Ville de Roubaix" in removed
    assert "Ville de Lille" in changed and "Ville de Roubaix" in changed
    assert "Organisation" in changed  # the field's label
    assert "Ville de Lille" in added and "Maire" in added
    assert "CP-7 — Eau potable" in projects and 'class="history-added"' in projects


def test_a_persons_positions_and_a_projects_consortium_show_on_their_history(client, officer):
    person = PersonFactory(first_name="Chloé", last_name="Verhaeghe")
    unesco = OrganisationFactory(name="Agence de l'eau Artois-Picardie")
    service_for(Position).create(
        data={"person": person, "organisation": unesco, "role": "Directrice"}, by=officer
    )
    page = _history(client, officer, "actors:person_history", person)
    first = _entries(page)[0]
    assert "Agence de l'eau Artois-Picardie" in first.replace("&#x27;", "'")
    assert "Directrice" in first

    project = ProjectFactory(code="PRJ-9", title="Assainissement")
    service_for(ProjectPartner).create(
        data={"project": project, "organisation": unesco, "role": "lead"}, by=officer
    )
    page = _history(client, officer, "projects:project_history", project)
    assert "Agence de l'eau Artois-Picardie" in _entries(page)[0].replace("&#x27;", "'")


def test_field_labels_keep_their_acronyms(client, officer):
    organisation = OrganisationFactory(name="Association Béarn")
    _earlier(Organisation)
    service_for(Organisation).update(obj=organisation, data={"siren": "552100554"}, by=officer)
    page = _history(client, officer, "actors:organisation_history", organisation)
    assert '<th scope="row">SIREN</th>' in page
    assert "Siren" not in page


def test_a_partner_does_not_read_the_rows_naming_what_it_may_not_see(
    client, officer, partner, partner_project
):
    agreement = AgreementFactory(projects=[partner_project])
    secret = OrganisationFactory(name="Organisation confidentielle")
    service_for(AgreementParty).create(
        data={"agreement": agreement, "organisation": secret}, by=officer
    )
    assert "Organisation confidentielle" in _history(
        client, officer, "partnerships:agreement_history", agreement
    )
    assert not Organisation.objects.visible_to(partner).filter(pk=secret.pk).exists()
    page = _history(client, partner, "partnerships:agreement_history", agreement)
    assert "Organisation confidentielle" not in page


def test_a_first_version_that_already_holds_links_names_them(client, officer):
    """Versions written in bulk (the demo, imports) hold their links from the first one."""
    from django.apps import apps

    person = PersonFactory(first_name="Driss", last_name="Alaoui")
    interaction = service_for(Interaction).create(
        data={"kind": "call", "occurred_on": dt.date(2025, 6, 10), "subject": "Appel"}, by=officer
    )
    first = interaction.history.get(history_type="+")
    links = apps.get_model("actors", "HistoricalInteraction_people")
    links.objects.create(id=1, interaction=interaction, person=person, history=first)
    page = _history(client, officer, "actors:interaction_history", interaction)
    assert "Driss Alaoui" in _entries(page)[-1]
