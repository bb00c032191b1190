"""The benchmarks' dataset, missions and meetings (demo/scale_missions.py), at its tiny
scale: the counts, the models' checks, the services' rules (statuses, approvals, no one
on two missions at once, passports, per-diem rates), history, what a partner sees, and
the pages that show them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse

from maillage.accounts.models import User
from maillage.core.sanitize import render_markdown
from maillage.demo.scale import NATIONAL, scale_named
from maillage.demo.scale_missions import REFERENCE
from maillage.missions.models import (
    ACTIVE_STATUSES,
    APPROVAL_LEVELS,
    ActionItem,
    AgendaItem,
    ChecklistEntry,
    ChecklistKind,
    CostKind,
    EmergencyContact,
    Invitee,
    ItineraryLeg,
    Meeting,
    Mission,
    MissionApproval,
    MissionApprover,
    MissionCost,
    MissionFollowUp,
    MissionParticipant,
    MissionStatus,
    PerDiemRate,
)
from maillage.missions.services.mission_rows import overlapping_missions, rate_for
from maillage.missions.services.missions import valid_approval
from maillage.projects.models import ProjectMembership
from maillage.reporting.views import home as home_views

pytestmark = pytest.mark.django_db

TINY = scale_named("tiny")
ROWS = (
    Mission,
    MissionParticipant,
    ChecklistEntry,
    ItineraryLeg,
    AgendaItem,
    EmergencyContact,
    MissionCost,
    MissionApproval,
    MissionFollowUp,
    Meeting,
    Invitee,
    ActionItem,
)


def test_missions_and_meetings_have_their_share_of_the_national_counts(tiny_dataset):
    assert Mission.objects.count() == round(NATIONAL["missions"] * TINY.factor)
    assert Meeting.objects.count() == round(NATIONAL["meetings"] * TINY.factor)
    # Each mission has its rows; each participant its seven checklist items.
    assert not Mission.objects.filter(participants__isnull=True).exists()
    assert not Mission.objects.filter(legs__isnull=True).exists()
    assert not Mission.objects.filter(costs__isnull=True).exists()
    checklist = ChecklistEntry.objects.count()
    assert checklist == len(ChecklistKind.values) * MissionParticipant.objects.count()
    # Each item carries its participant's mission (the mission's history follows it).
    assert not ChecklistEntry.objects.exclude(mission=F("participant__mission")).exists()
    assert Invitee.objects.count() > Meeting.objects.count()
    assert "  missions " in tiny_dataset and "  meetings " in tiny_dataset


def test_rows_pass_their_models_checks(tiny_dataset):
    for model in ROWS:
        rows = list(model._default_manager.order_by("?")[:30])
        assert rows, model
        for obj in rows:
            obj.full_clean()
    for leg in ItineraryLeg.objects.all()[:30]:
        stored = (leg.departs_at, leg.arrives_at)
        leg.clean()  # derives the instants from the local dates, times and zones
        assert (leg.departs_at, leg.arrives_at) == stored
        assert leg.arrives_at > leg.departs_at


def test_missions_hold_what_their_services_would_have_written(tiny_dataset):
    approvers = set(MissionApprover.objects.values_list("user_id", flat=True))
    for mission in Mission.objects.prefetch_related("participants"):
        if mission.status in (MissionStatus.APPROVED, MissionStatus.CONFIRMED, MissionStatus.DONE):
            assert not mission.needs_approval or valid_approval(mission) is not None, mission
        if mission.status in (MissionStatus.APPROVAL_REQUESTED, MissionStatus.APPROVED):
            assert mission.needs_approval
        if mission.return_on < REFERENCE:
            assert mission.status in (MissionStatus.DONE, MissionStatus.CANCELLED)
        for participant in mission.participants.all():
            expiry = participant.passport_expires_on
            assert expiry is None or expiry >= mission.return_on
            if mission.status in ACTIVE_STATUSES:
                assert not overlapping_missions(participant, mission).exists(), participant
    assert MissionApproval.objects.exists()
    assert set(MissionApproval.objects.values_list("decided_by_id", flat=True)) <= approvers
    assert Mission.objects.filter(risk_level__in=APPROVAL_LEVELS).exists()
    for cost in MissionCost.objects.select_related("mission", "rate"):
        assert cost.amount == (cost.quantity * cost.unit_amount).quantize(Decimal("0.01"))
        if cost.kind == CostKind.PER_DIEM:
            assert cost.rate == rate_for(cost.mission.country, cost.mission.departure_on)
            assert cost.unit_amount == cost.rate.amount
    for follow_up in MissionFollowUp.objects.filter(action_item__isnull=False):
        item = follow_up.action_item
        assert (item.owner_user_id, item.due_on) == (follow_up.owner_id, follow_up.due_on)
        assert item.mission_id == follow_up.mission_id


def test_past_meetings_have_their_minutes_rendered(tiny_dataset):
    past = Meeting.objects.filter(starts_at__date__lt=REFERENCE)
    assert past.exclude(minutes="").exists()
    for meeting in Meeting.objects.all():
        assert meeting.minutes_html == render_markdown(meeting.minutes)
        assert meeting.decisions_html == render_markdown(meeting.decisions)
        assert meeting.ends_at > meeting.starts_at
    assert not Meeting.objects.filter(starts_at__date__gt=REFERENCE).exclude(minutes="").exists()
    assert not Invitee.objects.filter(
        meeting__starts_at__date__gt=REFERENCE, attendance__in=["present", "absent"]
    ).exists()


def test_history_holds_each_creation_with_its_projects(tiny_dataset):
    for model in (*ROWS, MissionApprover, PerDiemRate):
        history = model.history.model
        assert history.objects.count() == model._default_manager.count(), model
        assert set(history.objects.values_list("history_type", flat=True)) == {"+"}
    for model in (Mission, Meeting):
        record = model.objects.filter(projects__isnull=False).order_by("pk").first()
        first = record.history.earliest("history_id")
        assert {p.project_id for p in first.projects.all()} == set(
            record.projects.values_list("pk", flat=True)
        )


def test_a_partner_sees_the_missions_and_meetings_of_its_projects_only(tiny_dataset):
    partner = User.objects.get(username="bench-partner-1")
    mine = set(ProjectMembership.objects.filter(user=partner).values_list("project_id", flat=True))
    missions = set(Mission.objects.visible_to(partner).values_list("pk", flat=True))
    expected = set(Mission.objects.filter(projects__in=mine).values_list("pk", flat=True))
    expected |= set(
        MissionParticipant.objects.filter(user=partner).values_list("mission_id", flat=True)
    )
    assert missions == expected and missions
    assert len(missions) < Mission.objects.count()
    meetings = set(Meeting.objects.visible_to(partner).values_list("pk", flat=True))
    assert meetings == set(Meeting.objects.filter(projects__in=mine).values_list("pk", flat=True))
    assert meetings and len(meetings) < Meeting.objects.count()
    items = ActionItem.objects.visible_to(partner)
    assert set(items.values_list("owner_user_id", flat=True)) <= {partner.pk}


def test_every_officer_has_an_overdue_action_item_on_the_home_page(
    tiny_dataset, client, monkeypatch
):
    monkeypatch.setattr(home_views, "today_for", lambda user: REFERENCE)
    for officer in User.objects.filter(username__startswith="bench-officer-"):
        overdue = ActionItem.objects.open().filter(owner_user=officer, due_on__lt=REFERENCE)
        assert overdue.exists(), officer
        client.force_login(officer)
        page = client.get(reverse("reporting:home")).content.decode()
        assert "en retard depuis" in page


def test_pages_open_for_an_officer_and_a_partner(tiny_dataset, client):
    hidden = None
    for username in ("bench-officer-1", "bench-partner-1"):
        user = User.objects.get(username=username)
        client.force_login(user)
        urls = [reverse("reporting:home")]
        for model, key in ((Mission, "mission"), (Meeting, "meeting"), (ActionItem, "actionitem")):
            urls.append(reverse(f"missions:{key}_list"))
            visible = model.objects.visible_to(user).order_by("pk")
            urls += [r.get_absolute_url() for r in (visible.first(), visible.last()) if r]
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
        if user.role == "partner":
            hidden = Mission.objects.exclude(pk__in=Mission.objects.visible_to(user)).first()
            assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden is not None
