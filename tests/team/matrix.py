"""Rows of the permission matrix (tests/test_permission_matrix.py) for the team app.
Team records are internal: partners see none (404 on a record, 403 on the calendar);
leave is decided by administrators (and the person's manager)."""

from __future__ import annotations

from typing import Any

from tests.permissions import WRITE_HIDDEN, Rule, crud, expect

ROW_DELETE = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)
STAFF_PAGE = expect(outsider=403, partner=403)
DECIDE = expect(outsider=404, partner=404, viewer=403, officer=403)

# (parent route key, its rows)
ROWS = {
    "staffmember": ("assignment",),
    "trainingsession": ("participant", "feedback"),
}

RULES: list[Rule] = [
    *crud("team", "staffmember", None, "team_staff"),
    *crud("team", "leave", None, "team_leave"),
    *crud("team", "trainingsession", None, "team_session"),
    *crud("team", "trainingneed", None, "team_need"),
    *[
        rule
        for parent, rows in ROWS.items()
        for row in rows
        for rule in (
            Rule(f"team:{row}_add", WRITE_HIDDEN, (f"team_{parent}",)),
            Rule(f"team:{row}_update", WRITE_HIDDEN, (f"team_{parent}", f"team_{row}")),
            Rule(
                f"team:{row}_delete",
                ROW_DELETE,
                (f"team_{parent}", f"team_{row}"),
                method="post",
            ),
        )
    ],
    Rule("team:calendar", STAFF_PAGE),
    Rule("team:calendar", STAFF_PAGE, data={"month": "99999-99"}),
    Rule("team:leave_decide", DECIDE, ("team_leave",)),
    # An empty decision is refused by the form (422), never half-saved.
    Rule(
        "team:leave_decide",
        expect(outsider=404, partner=404, viewer=403, officer=403, admin=422),
        ("team_leave",),
        method="post",
    ),
]

# basename: (URL segment, shared record, hidden record)
API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "staffmember": ("staff", None, "team_staff"),
    "leave": ("leave", None, "team_leave"),
    "trainingsession": ("trainings", None, "team_session"),
    "trainingneed": ("training-needs", None, "team_need"),
}


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from tests.team.factories import (
        AssignmentFactory,
        LeaveFactory,
        StaffMemberFactory,
        TrainingFeedbackFactory,
        TrainingNeedFactory,
        TrainingParticipantFactory,
        TrainingSessionFactory,
    )

    # A partner's own person on every record: still internal.
    person = world["person_shared"]
    staff = StaffMemberFactory(person_id=person)
    session = TrainingSessionFactory(project_id=world["project_shared"])
    participant = TrainingParticipantFactory(session=session, person_id=person)
    return {
        "team_staff": staff.pk,
        "team_staffmember": staff.pk,
        "team_assignment": AssignmentFactory(staff=staff).pk,
        "team_leave": LeaveFactory(staff=staff).pk,
        "team_session": session.pk,
        "team_trainingsession": session.pk,
        "team_participant": participant.pk,
        "team_feedback": TrainingFeedbackFactory(participant=participant, session=session).pk,
        "team_need": TrainingNeedFactory(person_id=person).pk,
    }
