"""What partnerships adds to the other apps' pages through the hooks: the menu entry, the
home page's "To watch", the project tab, sections of a person's and an organisation's
pages, the GDPR export and the global search — each within what the user may see."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from maillage.core import hooks
from maillage.partnerships.models import CommitmentStatus
from maillage.partnerships.selectors import person_partnership_rows
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CommitmentFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def _mine(name, *args):
    """The items this area contributes to hook `name`."""
    from maillage.partnerships import hooks as partnership_hooks

    return [
        item
        for fn in hooks.get_hooks(name)
        if fn.__module__ == partnership_hooks.__name__
        for item in (fn(*args) or [])
    ]


def test_the_navigation_offers_partnerships_to_every_signed_in_user(partner, officer):
    for user in (partner, officer):
        [entry] = _mine(hooks.NAVIGATION, user)
        assert (str(entry.label), entry.url, entry.order) == (
            "Partenariats",
            reverse("partnerships:partnership_list"),
            30,
        )


def test_the_home_page_lists_agreements_ending_soon_and_commitments_past_due(officer):
    AgreementFactory(title="Convention bientôt échue", end_on=TODAY + dt.timedelta(days=30))
    AgreementFactory(title="Convention lointaine", end_on=TODAY + dt.timedelta(days=400))
    CommitmentFactory(text="Engagement en retard", due_on=TODAY - dt.timedelta(days=1))
    CommitmentFactory(
        text="Engagement tenu",
        due_on=TODAY - dt.timedelta(days=1),
        status=CommitmentStatus.FULFILLED,
    )

    [section] = _mine(hooks.HOME_ITEMS, officer, TODAY)

    assert (section.template, section.order) == ("partnerships/_home_follow_up.html", 40)
    html = render_to_string(section.template, section.context)
    assert "Convention bientôt échue" in html and "Convention lointaine" not in html
    assert "Engagement en retard" in html and "Engagement tenu" not in html


def test_the_home_page_shows_a_partner_only_what_it_sees(partner, partner_project, other_project):
    soon = TODAY + dt.timedelta(days=30)
    late = TODAY - dt.timedelta(days=3)
    AgreementFactory(title="Convention partagée", end_on=soon, projects=[partner_project])
    AgreementFactory(title="Convention réservée", end_on=soon, projects=[other_project])
    CommitmentFactory(text="Engagement partagé", project=partner_project, due_on=late)
    CommitmentFactory(text="Engagement réservé", project=other_project, due_on=late)

    [section] = _mine(hooks.HOME_ITEMS, partner, TODAY)

    html = render_to_string(section.template, section.context)
    assert "Convention partagée" in html and "Engagement partagé" in html
    assert "réservé" not in html


def test_nothing_to_watch_adds_no_section(officer):
    assert _mine(hooks.HOME_ITEMS, officer, TODAY) == []


def test_a_project_page_gets_a_commitments_tab_listing_its_own_and_its_agreements(client, officer):
    project = ProjectFactory()
    CommitmentFactory(text="Engagement direct", project=project)
    CommitmentFactory(
        text="Engagement conventionnel", agreement=AgreementFactory(projects=[project])
    )
    CommitmentFactory(text="Engagement ailleurs")
    tabs = {tab.key: tab for tab in _mine(hooks.PROJECT_TABS, project, officer)}
    assert set(tabs) == {"agreements", "commitments"}
    tab = tabs["commitments"]
    client.force_login(officer)
    page = client.get(tab.url).content.decode()
    assert "Engagement direct" in page and "Engagement conventionnel" in page
    assert "Engagement ailleurs" not in page


def test_a_persons_page_shows_the_commitments_they_answer_for(officer, partner, other_project):
    person = PersonFactory()
    CommitmentFactory(text="Suivre la formation", responsible_person=person, project=other_project)
    [section] = _mine(hooks.PERSON_SECTIONS, person, officer)
    assert "Suivre la formation" in render_to_string(section.template, section.context)
    assert _mine(hooks.PERSON_SECTIONS, person, partner) == []  # not of its projects


def test_an_organisations_page_shows_the_commitments_it_made(client, officer):
    oujda = OrganisationFactory(name="Commune urbaine d'Oujda")
    CommitmentFactory(text="Mettre un local à disposition", party=oujda)
    CommitmentFactory(text="Engagement d'une autre")
    [section] = _mine(hooks.ORGANISATION_SECTIONS, oujda, officer)
    html = render_to_string(section.template, section.context)
    assert "Mettre un local à disposition" in html
    client.force_login(officer)
    listing = client.get(f"{reverse('partnerships:commitment_list')}?party={oujda.pk}")
    assert "Mettre un local à disposition" in listing.content.decode()
    assert "Engagement d'une autre" not in listing.content.decode()


def test_a_persons_data_export_holds_their_signatures_and_commitments_trash_included(officer):
    mayor = PersonFactory(first_name="Martine")
    party = AgreementPartyFactory(signatory=mayor, signatory_title="Maire")
    kept = CommitmentFactory(responsible_person=mayor, text="Signer l'avenant")
    trashed = CommitmentFactory(responsible_person=mayor, text="Engagement retiré")
    from maillage.core.trash import move_to_trash

    move_to_trash(trashed, by=officer)
    CommitmentFactory(text="Engagement d'un autre")

    [rows] = [
        fn(mayor) for fn in hooks.get_hooks(hooks.GDPR_EXPORT) if "partnerships" in fn.__module__
    ]

    assert rows == person_partnership_rows(person=mayor)
    [signature] = rows["agreement_signatories"]
    assert signature["agreement_id"] == party.agreement_id
    assert signature["signatory_title"] == "Maire"
    assert {c["id"] for c in rows["commitments"]} == {kept.pk, trashed.pk}


def test_the_search_finds_an_agreement_by_its_reference_within_what_the_user_sees(
    officer, partner, partner_project
):
    AgreementFactory(reference="CONV-2025-014", title="Eau potable", projects=[partner_project])
    AgreementFactory(reference="CONV-2025-015", title="Assainissement")
    PartnershipFactory(name="Jumelage Lille–Oujda")
    providers = {str(p.label): p for p in _mine(hooks.SEARCH_PROVIDERS)}
    assert set(providers) == {"partenariats", "conventions", "engagements"}
    agreements = providers["conventions"]
    assert [a.reference for a in agreements.queryset(officer).search("conv-2025-014")] == [
        "CONV-2025-014"
    ]
    assert [a.reference for a in agreements.queryset(partner).search("conv-2025")] == [
        "CONV-2025-014"
    ]
    assert providers["partenariats"].queryset(partner).search("oujda").count() == 0
    assert providers["partenariats"].queryset(officer).search("oujda").count() == 1


def test_the_home_page_and_the_search_show_what_partnerships_add(client, officer):
    today = timezone.localdate()
    AgreementFactory(
        reference="CONV-2026-007", title="Convention bientôt échue", end_on=today + dt.timedelta(30)
    )
    client.force_login(officer)
    home = client.get("/").content.decode()
    assert "Convention bientôt échue" in home
    assert reverse("partnerships:partnership_list") in home  # the menu entry
    found = client.get(reverse("reporting:search"), {"q": "conv-2026-007"}).content.decode()
    assert "Convention bientôt échue" in found
