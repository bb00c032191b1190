"""The demo's missions (missions.toml): the per-diem rate table, the designated approver,
and four missions with their participants, checklists, itineraries, agendas, emergency
contacts, budgets and reports, built through the missions' services (the status moves
through `MissionService.move`, as on the pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.demo.build_actors import Actors
from maillage.demo.dataset import Dataset
from maillage.missions.models import ChecklistEntry, Mission
from maillage.missions.services.mission_rows import (
    AgendaItemService,
    ChecklistEntryService,
    EmergencyContactService,
    ItineraryLegService,
    MissionCostService,
    MissionFollowUpService,
    MissionParticipantService,
)
from maillage.missions.services.missions import (
    MissionApproverService,
    MissionService,
    PerDiemRateService,
)
from maillage.partnerships.models import Partnership
from maillage.projects.models import Project


def _time(text: str) -> dt.time:
    hour, minute = (int(part) for part in text.split(":"))
    return dt.time(hour, minute)


def build_missions(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> dict[str, int]:
    """Rates, approvers and missions; the number by kind."""
    spec = ds["missions.toml"]
    admin = users["admin"]
    for username, note in spec["approvers"]:
        MissionApproverService.create(data={"user": users[username], "note": note}, by=admin)
    for row in spec["rates"]:
        PerDiemRateService.create(data={**row, "amount": Decimal(row["amount"])}, by=admin)
    partnerships = {p.name: p for p in Partnership.objects.all()}
    by_key = {row["key"]: row["name"] for row in ds["partnerships.toml"]["partnerships"]}
    counts = {"missions": 0, "participants": 0, "legs": 0}
    for row in spec["missions"]:
        mission = _mission(
            row, users, projects, partnerships.get(by_key.get(row.get("partnership", ""), ""))
        )
        by = users[row["organiser"]]
        for person, role, expiry, checklist in row["participants"]:
            participant = MissionParticipantService.create(
                data={
                    "mission": mission,
                    "person": actors.people[person],
                    "role": role,
                    "passport_expires_on": expiry,
                },
                by=by,
            )
            _checklist(participant, checklist, by)
            counts["participants"] += 1
        for leg in row["legs"]:
            ItineraryLegService.create(
                data={
                    "mission": mission,
                    "from_place": leg[0],
                    "departure_on": leg[1],
                    "departure_time": _time(leg[2]),
                    "departure_tz": leg[3],
                    "to_place": leg[4],
                    "arrival_on": leg[5],
                    "arrival_time": _time(leg[6]),
                    "arrival_tz": leg[7],
                    "transport": leg[8],
                    "reference": leg[9],
                },
                by=by,
            )
            counts["legs"] += 1
        for on, at, place, subject, people in row["agenda"]:
            AgendaItemService.create(
                data={
                    "mission": mission,
                    "starts_on": on,
                    "starts_time": _time(at) if at else None,
                    "place": place,
                    "subject": subject,
                    "people": people,
                },
                by=by,
            )
        for kind, name, phone, email in row["contacts"]:
            EmergencyContactService.create(
                data={
                    "mission": mission,
                    "kind": kind,
                    "name": name,
                    "phone": phone,
                    "email": email,
                },
                by=by,
            )
        for kind, label, quantity, unit, currency in row["costs"]:
            data: dict[str, Any] = {
                "mission": mission,
                "kind": kind,
                "label": label,
                "quantity": Decimal(quantity) if quantity else None,
                "unit_amount": Decimal(unit) if unit else None,
            }
            if currency:
                data["currency"] = currency
            MissionCostService.create(data=data, by=by)
        for status in row["status"]:
            MissionService.move(mission=mission, to=status, by=by)
        for kind, who, text, due_on in row.get("follow_ups", ()):
            data = {"mission": mission, "kind": kind, "text": text, "due_on": due_on}
            if kind == "action":
                data["owner"] = users[who]
            else:
                data["party"] = actors.organisations[who]
            MissionFollowUpService.create(data=data, by=by)
        counts["missions"] += 1
    return counts


def _mission(
    row: dict[str, Any],
    users: dict[str, User],
    projects: dict[str, Project],
    partnership: Partnership | None,
) -> Mission:
    fields = (
        "title",
        "direction",
        "purpose",
        "departure_on",
        "return_on",
        "country",
        "city",
        "timezone",
        "risk_level",
        "risk_assessed_on",
        "risk_source",
        "report",
        "decisions",
    )
    data: dict[str, Any] = {name: row[name] for name in fields if name in row}
    data["projects"] = [projects[code] for code in row["projects"]]
    data["partnership"] = partnership
    data["organiser"] = users[row["organiser"]]
    return MissionService.create(data=data, by=users[row["organiser"]])


def _checklist(participant: Any, spec: str, by: User) -> None:
    """Set the checklist items named "kind=status" (the others stay to do)."""
    wanted = dict(part.split("=", 1) for part in spec.split())
    for entry in ChecklistEntry.objects.filter(participant=participant, kind__in=wanted):
        ChecklistEntryService.update(obj=entry, data={"status": wanted[entry.kind]}, by=by)
