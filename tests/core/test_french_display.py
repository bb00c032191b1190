"""Labels and values as a French reader expects them, asserted on real pages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import InteractionFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_yes_no_filter_reads_all_and_leaves_nothing_in_the_links(client, officer):
    OrganisationFactory(name="Association active", is_active=True)
    OrganisationFactory(name="Association dissoute", is_active=False)
    client.force_login(officer)
    url = reverse("actors:organisation_list")
    page = client.get(url, {"is_active": "", "q": ""}).content.decode()
    select = re.search(r'<select name="is_active"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert '<option value="" selected>Tous</option>' in select
    assert "Inconnu" not in select and "unknown" not in select
    links = re.findall(r'href="(\?[^"]*)"', page)
    assert links and not [link for link in links if "is_active" in link]  # sort links
    inactive = client.get(url, {"is_active": "false"}).content.decode()
    assert "Association dissoute" in inactive and "Association active" not in inactive
    assert "is_active=false" in "".join(re.findall(r'href="(\?[^"]*)"', inactive))
    # An old link with django-filter's "unknown" still lists everything.
    old = client.get(url, {"is_active": "unknown"}).content.decode()
    assert "Association dissoute" in old and "Association active" in old


def test_an_interactions_title_writes_its_date_as_the_language_does(client, officer):
    import datetime as dt

    interaction = InteractionFactory(occurred_on=dt.date(2025, 6, 10), subject="Comité de suivi")
    client.force_login(officer)
    page = client.get(interaction.get_absolute_url()).content.decode()
    assert "10 juin 2025 — Comité de suivi" in page
    assert "2025-06-10 —" not in page


def test_create_titles_agree_with_their_noun(client, officer):
    client.force_login(officer)
    page = client.get(reverse("partnerships:agreement_create")).content.decode()
    assert "<h1>Nouvelle convention</h1>" in page and "Nouvelle fiche" not in page
    page = client.get(reverse("partnerships:commitment_create")).content.decode()
    assert "<h1>Nouvel engagement</h1>" in page
    listing = client.get(reverse("partnerships:commitment_list")).content.decode()
    assert "Nouvel engagement</a>" in listing
    from maillage.core.meta import create_title
    from maillage.projects.models import FieldUpdate

    with translation.override("en"):
        # "Nouvelle fiche nouvelle du terrain" was "New %(verbose_name)s" around "field update".
        assert create_title(FieldUpdate) == "Write a field update"


def test_phones_emails_websites_and_languages_read_as_a_person_expects(client, officer):
    organisation = OrganisationFactory(
        name="Métropole européenne de Lille",
        phone="+33320960857",
        email="contact@lillemetropole.fr",
        website="https://www.lillemetropole.fr",
    )
    person = PersonFactory(languages="fr ar")
    client.force_login(officer)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert '<a href="tel:+33320960857">+33 3 20 96 08 57</a>' in page
    assert '<a href="mailto:contact@lillemetropole.fr">contact@lillemetropole.fr</a>' in page
    assert '<a href="https://www.lillemetropole.fr" rel="noopener noreferrer">' in page
    page = client.get(person.get_absolute_url()).content.decode()
    assert "français, arabe" in page


def test_acronyms_keep_their_capitals_in_labels(client, officer):
    organisation = OrganisationFactory(name="Agence française", siren="552100554")
    client.force_login(officer)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "<dt>SIREN</dt>" in page and "<dt>SIRET</dt>" in page
    assert "Siren" not in page and "Siret" not in page
    assert "<dt>Identifiant d’organisation IATI</dt>" in page
    from maillage.actors.models import Organisation, SdgGoal
    from maillage.core.services import service_for

    service_for(Organisation).update(
        obj=organisation, data={"sdgs": list(SdgGoal.objects.filter(number=4))}, by=officer
    )
    history = client.get(reverse("actors:organisation_history", args=[organisation.pk]))
    assert '<th scope="row">ODD</th>' in history.content.decode()  # not "Odd"
