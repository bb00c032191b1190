"""What projects add to the shell and to lower apps' pages, through core.hooks: the
Projects entry of the navigation, the project page's own tabs, an organisation's and a
person's project roles, a person's GDPR rows, the search and the home page; and the
trash cascade of the plan (an activity takes its tasks and milestones with it)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maillage.core import hooks
from maillage.core.history import register_history_child
from maillage.core.hooks import NavEntry, SearchProvider, Section, Tab
from maillage.core.trash import register_trash_cascade
from maillage.projects import selectors
from maillage.projects.models import (
    Activity,
    FieldUpdate,
    Milestone,
    PlanItem,
    Programme,
    Project,
    ProjectSector,
    Risk,
    Strategy,
    Task,
)

# Trashing an activity trashes its tasks and milestones; restoring it brings them back.
register_trash_cascade(PlanItem, "parent")
# The DAC sectors are written with the project (no row pages): their changes show on its history.
register_history_child(ProjectSector, "project")


@hooks.register(hooks.NAVIGATION)
def navigation(user: Any) -> list[NavEntry]:
    return [NavEntry(_("Projects"), reverse("projects:project_list"), order=20)]


@hooks.register(hooks.PROJECT_TABS)
def project_tabs(project: Project, user: Any) -> list[Tab]:
    """The project's own pages; higher apps add theirs (agreements, budget…)."""
    pk = project.pk
    return [
        Tab("detail", _("Overview"), reverse("projects:project_detail", args=[pk]), order=0),
        Tab("gantt", _("Gantt"), reverse("projects:project_gantt", args=[pk]), order=10),
        Tab("calendar", _("Calendar"), reverse("projects:project_calendar", args=[pk]), order=20),
        Tab("board", _("Task board"), reverse("projects:project_board", args=[pk]), order=30),
        Tab("risks", _("Risks"), reverse("projects:project_risks", args=[pk]), order=40),
        Tab(
            "updates", _("Field updates"), reverse("projects:project_updates", args=[pk]), order=50
        ),
        # History stays last, whatever the other apps add.
        Tab("history", _("History"), reverse("projects:project_history", args=[pk]), order=1000),
    ]


@hooks.register(hooks.ORGANISATION_SECTIONS, order=20)
def organisation_projects(organisation: Any, user: Any) -> list[Section]:
    roles = selectors.organisation_project_roles(organisation=organisation, user=user)
    return [Section("projects/_organisation_projects.html", {"project_roles": roles}, order=20)]


@hooks.register(hooks.PERSON_SECTIONS, order=20)
def person_projects(person: Any, user: Any) -> list[Section]:
    roles = list(selectors.person_contact_roles(person=person, user=user))
    if not roles:
        return []
    return [Section("projects/_person_projects.html", {"contact_roles": roles}, order=20)]


@hooks.register(hooks.GDPR_EXPORT)
def gdpr_export(person: Any) -> dict[str, list[dict[str, Any]]]:
    return {"project_contact_roles": selectors.person_contact_roles_export(person=person)}


@hooks.register(hooks.SEARCH_PROVIDERS)
def search_providers() -> list[SearchProvider]:
    # Each kind with the longer texts the index holds beside its SEARCH_FIELDS; the plan's
    # three kinds share one table, each narrowed by its own manager.
    kinds: list[tuple[Any, tuple[str, ...]]] = [
        (Project, ("summary", "summary_en")),
        (Activity, ("description",)),
        (Task, ("description",)),
        (Milestone, ("description",)),
        (Risk, ("mitigation",)),
        (FieldUpdate, ()),
        (Programme, ("description",)),
        (Strategy, ("description",)),
    ]
    return [
        SearchProvider(
            model._meta.verbose_name_plural,
            model.objects.visible_to,
            order=order,
            model=model,
            fields=fields,
        )
        for order, (model, fields) in enumerate(kinds, start=20)
    ]


@hooks.register(hooks.HOME_ITEMS)
def home_items(user: Any, today: datetime.date) -> list[Section]:
    sections = [
        Section("projects/_home_projects.html", selectors.home_projects(user=user), order=20),
        Section(
            "projects/_home_tasks.html",
            {"today": today, "my_tasks": selectors.my_open_tasks(user=user)},
            order=30,
        ),
    ]
    # The risks the user reviews whose review date has passed, when there are some.
    if risks := selectors.risks_to_review(user=user, today=today):
        context = {"risks_to_review": risks, "today": today}
        sections.append(Section("projects/_home_risks.html", context, order=36))
    return sections
