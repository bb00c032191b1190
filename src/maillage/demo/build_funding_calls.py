"""The demo's calls for proposals, applications at every stage of the pipeline and the two
grants obtained, from funding_calls.toml, built after the instruments (build_funding).

The story is told as of the reference date: each call is created as of its publication
(so a call already closed on that date was not "past" when it was published), and each
application moves through the pipeline as of the days the file gives, through the same
service as the board (`funding.clock.as_of`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from maillage.accounts.models import User
from maillage.core.services import service_for
from maillage.demo.dataset import Dataset
from maillage.funding import clock
from maillage.funding.models import (
    Application,
    Call,
    CallDocument,
    ChecklistItem,
    ChecklistState,
    Grant,
    Instrument,
    ReportingObligation,
    Tranche,
)
from maillage.funding.services.calls import ApplicationService
from maillage.partnerships.models import Agreement
from maillage.projects.models import Project

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=PARIS)


def _day(ds: Dataset, row: dict[str, Any], fixed: str, relative: str) -> dt.date | None:
    if fixed in row:
        value: dt.date = row[fixed]
        return value
    if relative in row:
        return ds.reference_date + dt.timedelta(days=row[relative])
    return None


def build_funding_calls(
    ds: Dataset,
    users: dict[str, User],
    instruments: dict[str, Instrument],
    projects: dict[str, Project],
) -> dict[str, int]:
    """Calls, applications (with their checklists) and grants; the number by kind."""
    spec = ds["funding_calls.toml"]
    officer = users["camille"]
    calls: dict[str, Call] = {}
    for row in spec["calls"]:
        published = _day(ds, row, "published_on", "published_in_days")
        deadline = _day(ds, row, "deadline_on", "deadline_in_days")
        assert published is not None and deadline is not None, row["key"]
        hour, minute = (int(part) for part in row["deadline_time"].split(":"))
        with clock.as_of(_instant(published)):
            call = service_for(Call).create(
                data={
                    "instrument": instruments[row["instrument"]],
                    "title": row["title"],
                    "reference": row["reference"],
                    "published_on": published,
                    "deadline_on": deadline,
                    "deadline_time": dt.time(hour, minute),
                    "deadline_tz": row["deadline_tz"],
                    "url": row.get("url", ""),
                    "text": row.get("text", ""),
                },
                by=officer,
            )
            for position, (name, required) in enumerate(row.get("documents", []), start=1):
                service_for(CallDocument).create(
                    data={"call": call, "name": name, "required": required, "position": position},
                    by=officer,
                )
        calls[row["key"]] = call
    applications: dict[str, Application] = {}
    for row in spec["applications"]:
        application = _application(ds, row, calls[row["call"]], users, projects)
        if "key" in row:
            applications[row["key"]] = application
    agreements = {a.reference: a for a in Agreement.objects.filter(reference__gt="")}
    grants = obligations = tranches = 0
    for row in spec["grants"]:
        application = applications[row["application"]]
        owner = application.owner or officer
        grant = service_for(Grant).create(
            data={
                "application": application,
                "agreement": agreements[row["agreement"]],
                "amount": Decimal(str(row["amount"])),
                "currency": row["currency"],
                "start_on": row["start_on"],
                "end_on": row["end_on"],
                "conditions": row.get("conditions", ""),
            },
            by=owner,
        )
        grants += 1
        reports: dict[str, ReportingObligation] = {}
        for item in row["obligations"]:
            data = {k: v for k, v in item.items() if k != "key"}
            reports[item["key"]] = service_for(ReportingObligation).create(
                data={"grant": grant, **data}, by=owner
            )
            obligations += 1
        for position, item in enumerate(row["tranches"], start=1):
            data = {
                "grant": grant,
                "position": position,
                "expected_on": item["expected_on"],
                "expected_amount": Decimal(str(item["expected_amount"])),
                "received_on": item.get("received_on"),
                "received_amount": (
                    Decimal(str(item["received_amount"])) if "received_amount" in item else None
                ),
                "awaits": reports[item["awaits"]] if "awaits" in item else None,
                "held_back": item.get("held_back", False),
            }
            service_for(Tranche).create(data=data, by=owner)
            tranches += 1
    return {
        "calls": len(calls),
        "applications": len(spec["applications"]),
        "grants": grants,
        "obligations": obligations,
        "tranches": tranches,
    }


def _application(
    ds: Dataset,
    row: dict[str, Any],
    call: Call,
    users: dict[str, User],
    projects: dict[str, Project],
) -> Application:
    """An application created when its call was published, its checklist filled in, then
    moved along its path on the days given."""
    owner = users[row["owner"]]
    published = call.published_on or ds.reference_date
    with clock.as_of(_instant(published)):
        application = ApplicationService.create(
            data={
                "call": call,
                "project": projects[row["project"]] if "project" in row else None,
                "idea_title": row.get("idea_title", ""),
                "status": row["status"],
                "requested_amount": Decimal(str(row["requested_amount"])),
                "currency": row["currency"],
                "owner": owner,
                "notes": row.get("notes", ""),
            },
            by=owner,
        )
    items = {item.name: item for item in application.checklist.all()}
    checklist = service_for(ChecklistItem)
    for name in row.get("ready", []):
        checklist.update(obj=items[name], data={"state": ChecklistState.READY}, by=owner)
    for name, who in row.get("in_progress", {}).items():
        checklist.update(
            obj=items[name],
            data={"state": ChecklistState.IN_PROGRESS, "provided_by": who},
            by=owner,
        )
    for status, days in zip(row.get("path", []), row.get("moved_on", []), strict=True):
        with clock.as_of(_instant(ds.reference_date + dt.timedelta(days=days))):
            # The reason, when the file gives one, is that of the submission.
            reason = row.get("reason", "") if status == "submitted" else ""
            application = ApplicationService.move(
                obj=application, status=status, by=owner, reason=reason
            )
    return application
