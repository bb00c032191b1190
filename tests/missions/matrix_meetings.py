"""Rows of the permission matrix for meetings, their invitees, action items, the
invitation download and sending, the .ics upload and the slot finder. A partner sees
the meetings of its projects and those it is invited to, and the action items it owns;
the slot finder is the staff's (it names every invitee and their hours)."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    HIDDEN,
    SHARED,
    SIGNED_IN,
    WRITE,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

ROW_DELETE = expect(outsider=404, partner=403, viewer=403, officer=302, admin=302)
STAFF_PAGE = expect(outsider=403, partner=403)
SEND = expect(outsider=404, partner=403, viewer=403, officer=302, admin=302)

RULES: list[Rule] = [
    *crud("missions", "meeting", "meeting_shared", "meeting_other"),
    *crud("missions", "actionitem", "actionitem_shared", "actionitem_other"),
    Rule("missions:invitee_add", WRITE_SHARED, ("meeting_shared",)),
    Rule("missions:invitee_add", WRITE_HIDDEN, ("meeting_other",)),
    Rule("missions:invitee_update", WRITE_SHARED, ("meeting_shared", "invitee_shared")),
    Rule(
        "missions:invitee_delete", ROW_DELETE, ("meeting_shared", "invitee_shared"), method="post"
    ),
    Rule("missions:meeting_ics", SHARED, ("meeting_shared",)),
    Rule("missions:meeting_ics", HIDDEN, ("meeting_other",)),
    Rule("missions:meeting_send", SEND, ("meeting_shared",), method="post"),
    Rule(
        "missions:meeting_send",
        expect(outsider=404, partner=404, viewer=403, officer=302, admin=302),
        ("meeting_other",),
        method="post",
    ),
    Rule("missions:meeting_upload", WRITE),
    # An upload without a file is refused by the form (422), nothing saved.
    Rule(
        "missions:meeting_upload",
        expect(outsider=403, partner=403, viewer=403, officer=422, admin=422),
        method="post",
    ),
    Rule("missions:meeting_slots", STAFF_PAGE),
    Rule("missions:meeting_slots", STAFF_PAGE, data={"week": "2026-10-05", "duration": "60"}),
    Rule("missions:meeting_choices", SIGNED_IN),
    Rule("missions:actionitem_mission_choices", SIGNED_IN),
]

# basename: (URL segment, shared record key, hidden record key)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "meeting": ("meetings", "meeting_shared", "meeting_other"),
    "actionitem": ("action-items", "actionitem_shared", "actionitem_other"),
}
RULES += [
    Rule(
        "meeting-ics",
        expect(anonymous=401, outsider=404),
        ("meeting_shared",),
        path="/api/meetings/{meeting_shared}/ics",
    ),
    Rule(
        "meeting-slots",
        expect(anonymous=401, outsider=404, partner=403),
        ("meeting_shared",),
        path="/api/meetings/{meeting_shared}/slots",
    ),
    Rule(
        "meeting-slots",
        expect(anonymous=401, outsider=404, partner=404),
        ("meeting_other",),
        path="/api/meetings/{meeting_other}/slots",
    ),
]


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from tests.missions.factories_meetings import (
        ActionItemFactory,
        InviteeFactory,
        MeetingFactory,
    )

    users = world["users"]
    shared = MeetingFactory(projects=[world["project_shared"]])
    other = MeetingFactory(projects=[world["project_other"]])
    return {
        "meeting_shared": shared.pk,
        "meeting_other": other.pk,
        "invitee_shared": InviteeFactory(meeting=shared).pk,
        "actionitem_shared": ActionItemFactory(owner_user=users["partner"], meeting=shared).pk,
        "actionitem_other": ActionItemFactory(owner_user=users["officer"], meeting=other).pk,
    }
