"""An interaction is internal unless shared with its project's partners: a partner reads
only the shared ones, on pages, the API, the search, exports, history and sections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.actors.models import Confidentiality, Interaction, OrganisationType
from maillage.core import search
from maillage.core.models import Job
from tests.factories import InteractionFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db

SHARED_SUBJECT = "Comité Tamarin partagé"
INTERNAL_SUBJECT = "Point Tamarin interne"


@pytest.fixture
def meetings(partner_project):
    organisation = ProjectPartnerFactory(project=partner_project).organisation
    shared = InteractionFactory(
        subject=SHARED_SUBJECT,
        project=partner_project,
        confidentiality=Confidentiality.SHARED,
        follow_up_on="2026-01-10",
    )
    internal = InteractionFactory(
        subject=INTERNAL_SUBJECT,
        notes="Le bailleur hésite.",
        project=partner_project,
        confidentiality=Confidentiality.INTERNAL,
    )
    for meeting in (shared, internal):
        meeting.organisations.add(organisation)
    return {"organisation": organisation, "shared": shared, "internal": internal}


def test_an_interaction_is_internal_unless_shared_through_every_door(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("actors:interaction_create"),
        {"kind": "call", "occurred_on": "2026-03-02", "subject": "Appel par la page"},
    )
    assert response.status_code == 302
    response = client.post(
        "/api/interactions",
        {"kind": "call", "occurred_on": "2026-03-02", "subject": "Appel par l'API"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    made = Interaction.objects.filter(subject__startswith="Appel par")
    assert {i.confidentiality for i in made} == {Confidentiality.INTERNAL}
    response = client.post(
        "/api/interactions",
        {
            "kind": "call",
            "occurred_on": "2026-03-02",
            "subject": "Hors liste",
            "confidentiality": "public",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "confidentiality" in response.json()


def test_a_partner_reads_only_the_shared_interactions_of_its_project(client, partner, meetings):
    client.force_login(partner)
    internal = meetings["internal"]
    body = client.get(reverse("actors:interaction_list")).content.decode()
    assert SHARED_SUBJECT in body and INTERNAL_SUBJECT not in body
    for name in ("actors:interaction_detail", "actors:interaction_history"):
        assert client.get(reverse(name, args=[internal.pk])).status_code == 404
    assert (
        client.get(reverse("actors:interaction_detail", args=[meetings["shared"].pk])).status_code
        == 200
    )
    # The API, its search, and the global search.
    subjects = [i["subject"] for i in client.get("/api/interactions").json()["results"]]
    assert subjects == [SHARED_SUBJECT]
    assert client.get(f"/api/interactions/{internal.pk}").status_code == 404
    found = client.get("/api/interactions", {"search": "tamarin"}).json()["results"]
    assert [i["subject"] for i in found] == [SHARED_SUBJECT]
    results = [str(obj) for group in search.search(partner, "tamarin") for obj in group.results]
    assert any(SHARED_SUBJECT in r for r in results)
    assert not any("interne" in r for r in results)
    assert not [obj for g in search.search(partner, "bailleur hésite") for obj in g.results]
    page = client.get(reverse("reporting:search"), {"q": "tamarin"}).content.decode()
    assert SHARED_SUBJECT in page and INTERNAL_SUBJECT not in page
    # The organisation's page lists only the shared exchange.
    org_page = client.get(meetings["organisation"].get_absolute_url()).content.decode()
    assert SHARED_SUBJECT in org_page and INTERNAL_SUBJECT not in org_page


def test_a_partner_export_holds_only_the_shared_interactions(client, partner, meetings):
    client.force_login(partner)
    response = client.post(reverse("actors:interaction_export"), {"format": "csv", "query": ""})
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    download = client.get(reverse("core:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert SHARED_SUBJECT in content and INTERNAL_SUBJECT not in content


def test_staff_read_both_and_see_which_is_which(client, viewer, meetings):
    client.force_login(viewer)
    body = client.get(reverse("actors:interaction_list")).content.decode()
    assert SHARED_SUBJECT in body and INTERNAL_SUBJECT in body
    detail = client.get(meetings["internal"].get_absolute_url()).content.decode()
    assert str(Confidentiality.INTERNAL.label) in detail or "Interne" in detail


def test_the_demo_keeps_exchanges_with_donors_internal():
    from maillage.demo.build import build_demo

    build_demo()
    with_donor = Interaction.objects.filter(organisations__type=OrganisationType.DONOR)
    assert with_donor.exists()
    assert not with_donor.filter(confidentiality=Confidentiality.SHARED).exists()
    shared = Interaction.objects.filter(confidentiality=Confidentiality.SHARED)
    assert shared.exists() and not shared.filter(project__isnull=True).exists()
