"""The demo's team (H1, H2) from team.toml: the Lille international relations staff and
the international solidarity volunteer in Oujda, their assignments to the Lille–Oujda
projects, leave (decided by an administrator or the manager), two trainings with
feedback, a planned one, and training needs. Everything through the services; dates
given in days are counted from the reference date of demo.toml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from maillage.accounts.models import User
from maillage.core.services import service_for
from maillage.demo.build_actors import Actors
from maillage.demo.dataset import Dataset
from maillage.projects.models import Project
from maillage.team.models import (
    Assignment,
    StaffMember,
    TrainingFeedback,
    TrainingNeed,
    TrainingParticipant,
    TrainingSession,
)
from maillage.team.services.staff import LeaveService

SCORES = ("content", "trainer", "organisation", "usefulness")


def _day(ds: Dataset, row: dict[str, Any], name: str) -> dt.date | None:
    """`<name>_on` as written, or `<name>_in_days` from the reference date."""
    if f"{name}_on" in row:
        value: dt.date = row[f"{name}_on"]
        return value
    if f"{name}_in_days" in row:
        return ds.reference_date + dt.timedelta(days=row[f"{name}_in_days"])
    return None


def build_team(
    ds: Dataset, users: dict[str, User], actors: Actors, projects: dict[str, Project]
) -> dict[str, int]:
    """Staff, assignments, leave, trainings and needs; the number of records by kind."""
    spec = ds["team.toml"]
    officer = users["youssef"]
    organisations = actors.organisations
    people = actors.people

    staff: dict[str, StaffMember] = {}
    for row in spec["staff"]:
        staff[row["person"]] = service_for(StaffMember).create(
            data={
                "person": people[row["person"]],
                "user": users[row["user"]] if row.get("user") else None,
                "kind": row["kind"],
                "employer": organisations[row["employer"]],
                "post": row["post"],
                "base_location": row.get("base_location", ""),
                "country": row.get("country", ""),
                "manager": users[row["manager"]] if row.get("manager") else None,
                "start_on": _day(ds, row, "start"),
                "end_on": _day(ds, row, "end"),
                "renewable": row.get("renewable", False),
                "notes": row.get("notes", ""),
            },
            by=officer,
        )
    for row in spec["assignments"]:
        service_for(Assignment).create(
            data={
                "staff": staff[row["person"]],
                "project": projects[row["project"]],
                "share": row["share"],
                "start_on": row["start_on"],
                "end_on": row.get("end_on"),
            },
            by=officer,
        )
    for row in spec["leave"]:
        leave = LeaveService.create(
            data={
                "staff": staff[row["person"]],
                "kind": row["kind"],
                "start_on": row["start_on"],
                "end_on": row["end_on"],
                "note": row.get("note", ""),
            },
            by=officer,
        )
        if row.get("decision"):
            LeaveService.decide(leave=leave, status=row["decision"], by=users[row["decided_by"]])

    sessions = 0
    answers = 0
    for row in spec["trainings"]:
        session = service_for(TrainingSession).create(
            data={
                "title": row["title"],
                "kind": row["kind"],
                "objectives": row.get("objectives", ""),
                "trainers": [people[key] for key in row.get("trainers", [])],
                "start_on": _day(ds, row, "start"),
                "end_on": _day(ds, row, "end"),
                "place": row.get("place", ""),
                "online": row.get("online", False),
                "project": projects[row["project"]] if row.get("project") else None,
                "skills": row.get("skills", ""),
            },
            by=officer,
        )
        sessions += 1
        for person, attended, gained, scores in row["participants"]:
            participant = service_for(TrainingParticipant).create(
                data={
                    "session": session,
                    "person": people[person],
                    "attended": attended,
                    "skills_gained": gained,
                },
                by=officer,
            )
            if scores:
                service_for(TrainingFeedback).create(
                    data={
                        "session": session,
                        "participant": participant,
                        **dict(zip(SCORES, scores[:4], strict=True)),
                        "comment": scores[4],
                    },
                    by=officer,
                )
                answers += 1
    for row in spec["needs"]:
        service_for(TrainingNeed).create(
            data={
                "person": people[row["person"]],
                "topic": row["topic"],
                "priority": row["priority"],
                "noted_on": row["noted_on"],
                "note": row.get("note", ""),
            },
            by=officer,
        )
    return {
        "staff": len(staff),
        "assignments": len(spec["assignments"]),
        "leave": len(spec["leave"]),
        "trainings": sessions,
        "feedback": answers,
        "needs": len(spec["needs"]),
    }
