"""The demo's meetings and action items (meetings.toml): the June steering committee of
Oujda's climate plan with its minutes, decisions and action items (two overdue on the
reference date), the network's water working group (which invites the group's members),
and the working hours of the demo's users and of people in Paris and Casablanca — all
written through the services."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from maillage.accounts.models import User
from maillage.actors.models import Group, Person
from maillage.core.services import service_for
from maillage.demo.dataset import Dataset
from maillage.missions.models import ActionItem, Attendance, Meeting
from maillage.missions.services.meetings import ActionItemService, MeetingService
from maillage.partnerships.models import Partnership
from maillage.projects.models import Project


def _time(text: str) -> dt.time:
    hour, minute = (int(part) for part in text.split(":"))
    return dt.time(hour, minute)


def _hours(spec: dict[str, Any]) -> dict[str, Any]:
    data = {
        "working_hours_start": _time(spec["start"]),
        "working_hours_end": _time(spec["end"]),
        "working_days": spec["days"],
    }
    if "timezone" in spec:
        data["timezone"] = spec["timezone"]
    return data


def build_meetings(
    ds: Dataset, users: dict[str, User], people: dict[str, Person], projects: dict[str, Project]
) -> dict[str, int]:
    """Working hours, meetings and action items; the number of each."""
    spec = ds["meetings.toml"]
    hours = spec["working_hours"]
    for username, row in hours["users"].items():
        service_for(User).update(obj=users[username], data=_hours(row), by=users[username])
    for key, row in hours["people"].items():
        person = Person.objects.get(pk=people[key].pk)  # the stored version, not a stale one
        service_for(Person).update(obj=person, data=_hours(row), by=users["youssef"])
    meetings: list[Meeting] = []
    actions = 0
    for row in spec["meetings"]:
        organiser = users[row["organiser"]]
        zone = zoneinfo.ZoneInfo(row["timezone"])
        data: dict[str, Any] = {
            "kind": row["kind"],
            "title": row["title"],
            "starts_at": row["starts_at"].replace(tzinfo=zone),
            "ends_at": row["ends_at"].replace(tzinfo=zone),
            "timezone": row["timezone"],
            "place": row.get("place", ""),
            "video_url": row.get("video_url", ""),
            "organiser": organiser,
            "agenda": row.get("agenda", ""),
            "minutes": row.get("minutes", ""),
            "decisions": row.get("decisions", ""),
            "projects": [projects[code] for code in row.get("projects", [])],
        }
        if "group" in row:
            data["group"] = Group.objects.get(name=row["group"])
        if "partnership" in row:
            names = {p["key"]: p["name"] for p in ds["partnerships.toml"]["partnerships"]}
            data["partnership"] = Partnership.objects.get(name=names[row["partnership"]])
        if "people" in row:
            data["invitees"] = [
                {"person": people[key], "attendance": Attendance(attendance)}
                for key, attendance in row["people"].items()
            ]
        meeting = MeetingService.create(data=data, by=organiser)
        meetings.append(meeting)
        for action in row.get("actions", []):
            item: dict[str, Any] = {
                "title": action["title"],
                "due_on": action["due_on"],
                "meeting": meeting,
                "status": "done" if "done_on" in action else "open",
                "done_on": action.get("done_on"),
            }
            if "owner_user" in action:
                item["owner_user"] = users[action["owner_user"]]
            else:
                item["owner_person"] = people[action["owner_person"]]
            ActionItemService.create(data=item, by=organiser)
            actions += 1
    return {
        "meetings": len(meetings),
        "action_items": actions,
        "overdue_action_items": ActionItem.objects.open()
        .filter(due_on__lt=ds.reference_date)
        .count(),
    }
