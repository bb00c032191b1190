"""A mission's History tab holds the changes of its participants' checklist items (who
changed which item of whose logistics, from what to what), as it holds its other rows."""

import pytest
from django.urls import reverse

from maillage.core.history import history_entries
from maillage.missions.models import ChecklistEntry, ChecklistKind, ChecklistStatus
from maillage.missions.services.mission_rows import (
    ChecklistEntryService,
    MissionParticipantService,
)
from tests.factories import PersonFactory
from tests.missions.factories_missions import MissionFactory

pytestmark = pytest.mark.django_db


def _checklist_form(entries, **changes):
    """The checklist page's formset, with `changes` ({kind: (status, note)}) applied."""
    data = {
        "checklist-TOTAL_FORMS": str(len(entries)),
        "checklist-INITIAL_FORMS": str(len(entries)),
        "checklist-MIN_NUM_FORMS": "0",
        "checklist-MAX_NUM_FORMS": "20",
    }
    for i, entry in enumerate(entries):
        status, note = changes.get(entry.kind, (entry.status, entry.note))
        data |= {
            f"checklist-{i}-id": str(entry.pk),
            f"checklist-{i}-status": status,
            f"checklist-{i}-note": note,
        }
    return data


def test_a_checklist_change_on_its_page_is_on_the_missions_history(client, officer):
    mission = MissionFactory()
    participant = MissionParticipantService.create(
        data={"mission": mission, "person": PersonFactory(first_name="Aïcha", last_name="Benali")},
        by=officer,
    )
    entries = list(ChecklistEntry.objects.filter(participant=participant).order_by("pk"))
    assert {entry.mission_id for entry in entries} == {mission.pk}
    client.force_login(officer)
    url = reverse("missions:participant_checklist", args=[mission.pk, participant.pk])
    form = _checklist_form(entries, visa=(ChecklistStatus.DONE, "Visa reçu le 2 octobre"))
    assert client.post(url, form).status_code == 302

    changed = [
        entry
        for entry in history_entries(mission, user=officer)
        if entry.kind == "~" and entry.subject.startswith("Élément de la liste")
    ]
    assert len(changed) == 1
    assert "Visa — Fait" in changed[0].subject
    assert changed[0].user == officer
    assert {(str(c.label).lower(), str(c.old), str(c.new)) for c in changed[0].changes} == {
        ("statut", "À faire", "Fait"),
        ("note", "", "Visa reçu le 2 octobre"),
    }
    page = client.get(reverse("missions:mission_history", args=[mission.pk]))
    assert page.status_code == 200
    assert "Visa reçu le 2 octobre" in page.content.decode()


def test_a_checklist_item_written_by_the_service_carries_its_participants_mission(officer):
    mission = MissionFactory()
    participant = MissionParticipantService.create(
        data={"mission": mission, "person": PersonFactory()}, by=officer
    )
    entry = ChecklistEntry.objects.get(participant=participant, kind=ChecklistKind.PASSPORT)
    entry.delete()
    again = ChecklistEntryService.create(
        data={"participant": participant, "kind": ChecklistKind.PASSPORT}, by=officer
    )
    assert again.mission == mission
    passport = [e.kind for e in history_entries(mission, user=officer) if "Passeport" in e.subject]
    assert sorted(passport) == ["+", "+", "-"]


def test_the_history_tab_names_every_participants_items_in_a_constant_number_of_queries(
    client, officer
):
    """Each checklist row is named after its participant, whose name is its person's: the
    participants are loaded with their person and user, not one query each."""
    from tests.querycount import assert_constant_queries

    mission = MissionFactory()

    def grow(n):
        for _ in range(n):
            MissionParticipantService.create(
                data={"mission": mission, "person": PersonFactory()}, by=officer
            )

    client.force_login(officer)
    url = reverse("missions:mission_history", args=[mission.pk])
    assert_constant_queries(client, url, grow=grow, rows=(1, 4))
