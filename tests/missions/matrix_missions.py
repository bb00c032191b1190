"""Rows of the permission matrix for missions (G1): a mission of the shared project (the
partner sees it, cannot change it), one of the other project (hidden from partners), its
rows, the status, approval, checklist and pre-departure sheet pages; the per-diem rates
and the approvers, which staff read and administrators write."""

from __future__ import annotations

from typing import Any

from tests.permissions import (
    API_HIDDEN,
    API_LIST,
    SHARED,
    WRITE_HIDDEN,
    WRITE_SHARED,
    Rule,
    crud,
    expect,
)

ROWS = ("participant", "leg", "agendaitem", "contact", "cost", "followup")
ROW_DELETE = expect(outsider=404, partner=404, viewer=403, officer=302, admin=302)
STAFF_RECORD = expect(outsider=404, partner=404)
STAFF_LIST = expect(outsider=200, partner=200)  # empty for partners
ADMIN_WRITE = expect(outsider=403, partner=403, viewer=403, officer=403)
ADMIN_WRITE_RECORD = expect(outsider=404, partner=404, viewer=403, officer=403)

RULES: list[Rule] = [
    *crud("missions", "mission", "mission_shared", "mission_other"),
    *[
        rule
        for row in ROWS
        for rule in (
            Rule(f"missions:{row}_add", WRITE_HIDDEN, ("mission_other",)),
            Rule(f"missions:{row}_update", WRITE_HIDDEN, ("mission_other", row)),
            Rule(f"missions:{row}_delete", ROW_DELETE, ("mission_other", row), method="post"),
        )
    ],
    Rule("missions:mission_status", WRITE_SHARED, ("mission_shared",)),
    Rule("missions:mission_status", WRITE_HIDDEN, ("mission_other",)),
    # A move the transitions refuse (a draft is not done) comes back on the form.
    Rule(
        "missions:mission_status",
        expect(outsider=404, partner=404, viewer=403, officer=422, admin=422),
        ("mission_other",),
        method="post",
        data={"status": "done"},
    ),
    # Only a designated approver decides; staff who are not are refused by the service.
    Rule(
        "missions:mission_approval",
        expect(outsider=404, partner=403),
        ("mission_shared",),
    ),
    Rule(
        "missions:mission_approval",
        expect(outsider=404, partner=404, viewer=422, officer=422, admin=422),
        ("mission_other",),
        method="post",
        data={"decision": "approved", "reason": "OK"},
    ),
    # Recording a spent budget line as an expense: staff who may write the mission.
    Rule("missions:cost_expense", WRITE_SHARED, ("mission_shared", "cost_shared")),
    Rule("missions:cost_expense", WRITE_HIDDEN, ("mission_other", "cost")),
    Rule(
        "missions:cost_expense",
        expect(outsider=404, partner=404, viewer=403, officer=422, admin=422),
        ("mission_other", "cost"),
        method="post",
        data={"amount": "x"},
    ),
    Rule("missions:participant_checklist", WRITE_HIDDEN, ("mission_other", "participant")),
    Rule("missions:participant_sheet", SHARED, ("mission_shared", "participant_shared")),
    Rule("missions:participant_sheet", STAFF_RECORD, ("mission_other", "participant")),
    *crud(
        "missions",
        "perdiemrate",
        None,
        "perdiemrate",
        read_hidden=STAFF_RECORD,
        create=ADMIN_WRITE,
        write_hidden=ADMIN_WRITE_RECORD,
        listing=STAFF_LIST,
    ),
    *crud(
        "missions",
        "missionapprover",
        None,
        "missionapprover",
        read_hidden=STAFF_RECORD,
        create=ADMIN_WRITE,
        write_hidden=ADMIN_WRITE_RECORD,
        listing=STAFF_LIST,
    ),
]

API_RESOURCES: dict[str, tuple[str, str | None, str]] = {
    "mission": ("missions", "mission_shared", "mission_other"),
}
# The rate table and the approvers: staff read them, administrators write them.
API_ADMIN_WRITE = expect(anonymous=401, outsider=403, partner=403, viewer=403, officer=403)
for basename, segment in (
    ("perdiemrate", "per-diem-rates"),
    ("missionapprover", "mission-approvers"),
):
    RULES += [
        Rule(f"{basename}-list", API_LIST, path=f"/api/{segment}"),
        Rule(
            f"{basename}-list",
            API_ADMIN_WRITE,
            method="post",
            path=f"/api/{segment}",
            allowed=frozenset({201, 400}),
        ),
        Rule(f"{basename}-detail", API_HIDDEN, (basename,), path=f"/api/{segment}/{{{basename}}}"),
        Rule(
            f"{basename}-detail",
            expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=403, admin=204),
            (basename,),
            method="delete",
            path=f"/api/{segment}/{{{basename}}}",
        ),
    ]
RULES += [
    Rule(
        "mission-move",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=400, admin=400),
        ("mission_other",),
        method="post",
        path="/api/missions/{mission_other}/status",
        data={"status": "done"},
    ),
    Rule(
        "mission-approval",
        expect(anonymous=401, outsider=404, partner=404, viewer=403, officer=400, admin=400),
        ("mission_other",),
        method="post",
        path="/api/missions/{mission_other}/approval",
        data={"decision": "approved", "reason": "OK"},
    ),
]


def extend_world(world: dict[str, Any]) -> dict[str, Any]:
    from maillage.missions.models import MissionFollowUp
    from tests.missions.factories_missions import (
        AgendaItemFactory,
        EmergencyContactFactory,
        ItineraryLegFactory,
        MissionApproverFactory,
        MissionCostFactory,
        MissionFactory,
        MissionParticipantFactory,
        PerDiemRateFactory,
    )

    shared = MissionFactory(projects=[world["project_shared"]])
    other = MissionFactory(
        projects=[world["project_other"]],
        departure_on=shared.return_on.replace(year=shared.return_on.year + 1),
        return_on=shared.return_on.replace(year=shared.return_on.year + 1),
    )
    return {
        "mission_shared": shared.pk,
        "mission_other": other.pk,
        "participant_shared": MissionParticipantFactory(mission=shared).pk,
        "participant": MissionParticipantFactory(mission=other).pk,
        "leg": ItineraryLegFactory(mission=other).pk,
        "agendaitem": AgendaItemFactory(mission=other, starts_on=other.departure_on).pk,
        "contact": EmergencyContactFactory(mission=other).pk,
        "cost": MissionCostFactory(mission=other).pk,
        "cost_shared": MissionCostFactory(mission=shared).pk,
        "followup": MissionFollowUp.objects.create(mission=other, kind="note", text="Suite").pk,
        "perdiemrate": PerDiemRateFactory().pk,
        "missionapprover": MissionApproverFactory().pk,
    }
