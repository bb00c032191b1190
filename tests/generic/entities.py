"""One line per entity: what the generic suites need to exercise its pages and its API.

A new entity with pages gets its permission, query-count, filter, sort, export and
parity tests by adding one `Entity(...)` below (and, if partners see it, its records on
the shared and the hidden side in factories.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string

from tests.generic import factories as f
from tests.generic.factories import World

Values = dict[str, Any]


@dataclass(frozen=True)
class Entity:
    key: str  # the model name in URL names: "<app>:<key>_list"
    model: str  # "app_label.ModelName"
    views: str  # dotted path of its CrudViews declaration
    api: str | None  # the /api/<segment> resource, None when it has none (say why)
    make: Callable[[World, str], models.Model]  # a record on the shared or hidden side
    valid: Callable[[World], Values]  # one valid input, as Python values (field → value)
    update: Values  # a change of simple fields, the same through the page and the API
    partner_reads: bool = True  # partners see the records of their projects
    partner_creates: bool = False  # partners create records on their projects
    admin_only: bool = False  # only administrators see the pages at all
    admin_writes: bool = False  # staff read it, only administrators change it
    api_names: dict[str, str] = field(default_factory=dict)  # page field → API field
    # A record the partner may change, and the API PATCH it may send on it.
    partner_own: Callable[[World], models.Model] | None = None
    partner_patch: Values | None = None
    partner_page_writes: bool = False  # the partner also edits partner_own on the pages
    enrich: Callable[[World, Any], None] | None = None  # rows the filters need
    grow_detail: Callable[[World, Any, int], None] | None = None
    # Filter name → value taken from the enriched record, when not readable from its field.
    filter_values: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    no_api_reason: str = ""

    @property
    def app(self) -> str:
        return self.model.split(".")[0]

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def crud(self) -> Any:
        return import_string(self.views)

    def url_name(self, action: str) -> str:
        return f"{self.app}:{self.key}_{action}"

    def api_path(self, pk: int | None = None) -> str:
        assert self.api is not None
        return f"/api/{self.api}" if pk is None else f"/api/{self.api}/{pk}"

    def __str__(self) -> str:
        return self.key


# -- encoding one input for each door ---------------------------------------------------


def page_data(values: Values) -> dict[str, Any]:
    """A form POST: checkboxes on when true and absent when false, lists as repeated keys."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if value is True:
            data[name] = "on"
        elif value is False:
            continue
        elif value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(_pk(v)) for v in value]
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(_pk(value))
    return data


def api_data(entity: Entity, values: Values) -> dict[str, Any]:
    """A JSON body: the API's field names, dates in ISO, decimals as text."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, list | tuple):
            value = [_pk(v) for v in value]
        else:
            value = _pk(value)
        data[entity.api_names.get(name, name)] = value
    return data


def _pk(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


# -- valid inputs ---------------------------------------------------------------------


def _organisation(w: World) -> Values:
    return {
        "name": "Maison de l'Europe",
        "acronym": "MDE",
        "type": "association",
        "country": "FR",
        "departement": "33",
        "city": "Bordeaux",
        "is_active": True,
    }


def _person(w: World) -> Values:
    return {
        "first_name": "Claire",
        "last_name": "Martin",
        "email": "claire.martin@example.org",
        "lawful_basis": "legitimate_interest",
        "do_not_contact": False,
    }


def _interaction(w: World) -> Values:
    return {
        "kind": "meeting",
        "occurred_on": dt.date(2026, 2, 3),
        "subject": "Comité de pilotage",
        "project": w.shared,
        "follow_up_done": False,
    }


def _group(w: World) -> Values:
    return {"name": "Groupe Sahel", "kind": "geographic", "country": "SN"}


def _strategy(w: World) -> Values:
    return {
        "title": "Stratégie internationale 2030",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2030, 12, 31),
    }


def _programme(w: World) -> Values:
    return {
        "code": "PRG-EAU",
        "title": "Programme eau",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2028, 12, 31),
    }


def _project(w: World) -> Values:
    return {
        "code": "NEW-01",
        "title": "Projet neuf",
        "status": "idea",
        "country": "SN",
        "currency": "EUR",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2027, 6, 30),
    }


def _activity(w: World) -> Values:
    return {
        "project": w.shared,
        "title": "Formation des agents",
        "start_on": dt.date(2026, 3, 1),
        "end_on": dt.date(2026, 4, 30),
        "status": "todo",
        "progress": 0,
    }


def _task(w: World) -> Values:
    parent = w.extra.get("activity") or f.activity(w, f.SHARED)
    w.extra["activity"] = parent
    return {
        "project": w.shared,
        "parent": parent,
        "title": "Préparer les supports",
        "start_on": dt.date(2026, 3, 2),
        "end_on": dt.date(2026, 3, 20),
        "status": "doing",
        "progress": 10,
    }


def _milestone(w: World) -> Values:
    return {
        "project": w.shared,
        "title": "Atelier de lancement",
        "end_on": dt.date(2026, 5, 15),
        "status": "todo",
    }


def _risk(w: World) -> Values:
    return {
        "project": w.shared,
        "title": "Retard des travaux",
        "category": "operational",
        "likelihood": 2,
        "impact": 4,
        "status": "open",
    }


def _fieldupdate(w: World) -> Values:
    return {
        "project": w.shared,
        "occurred_on": dt.date(2026, 4, 2),
        "title": "Chantier démarré",
        "body": "Les travaux ont commencé.",
        "is_public": False,
    }


def _partnership(w: World) -> Values:
    french = w.extra.get("french") or f.OrganisationFactory(name="Ville de Nantes")
    foreign = w.extra.get("foreign") or f.foreign_organisation()
    w.extra.update(french=french, foreign=foreign)
    return {
        "name": "Nantes – Saint-Louis",
        "french_authority": french,
        "foreign_authority": foreign,
        "status": "active",
    }


def _agreement(w: World) -> Values:
    return {
        "title": "Convention cadre",
        "reference": "CONV-NEW",
        "kind": "framework",
        "status": "draft",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2028, 12, 31),
        "currency": "EUR",
        "tacit_renewal": False,
        "projects": [w.shared],
    }


def _commitment(w: World) -> Values:
    party = w.extra.get("party") or f.OrganisationFactory(name="Ville de Pessac")
    w.extra["party"] = party
    return {
        "party": party,
        "project": w.shared,
        "text": "Accueillir deux stagiaires",
        "due_on": dt.date(2026, 9, 30),
        "status": "planned",
        "remind_days_before": 14,
    }


def _donor(w: World) -> Values:  # F1 funding
    organisation = f.OrganisationFactory(name="Agence de l'eau Adour-Garonne", type="donor")
    return {"organisation": organisation, "kind": "water_agency", "notes": "Fonds 1 %"}


def _instrument(w: World) -> Values:  # F1 funding
    donor = w.extra.get("donor") or f.DonorFactory()
    w.extra["donor"] = donor
    return {
        "donor": donor,
        "name": "Solidarité internationale eau",
        "code": "AEAG-1PC",
        "currency": "EUR",
        "is_active": True,
        "max_share_percent": Decimal("50"),
        "in_kind_basis": "applicant",
        "eligible_applicant_types": ["municipality", "intermunicipal"],
        "min_amount": Decimal("5000"),
        "max_amount": Decimal("150000"),
        "payment_pattern": "advance_balance",
    }


def _financingplan(w: World) -> Values:  # F1 funding
    return {
        "project": f.ProjectFactory(),
        "applicant": f.OrganisationFactory(name="Ville de Pau", type="municipality"),
        "currency": "EUR",
        "total_budget": Decimal("120000.00"),
    }


def _user(w: World) -> Values:
    return {
        "username": "nouvelle",
        "first_name": "Léa",
        "last_name": "Nouvelle",
        "email": "lea@example.org",
        "role": "viewer",
        "language": "fr",
        "is_active": True,
    }


def _call(w: World) -> Values:  # F2 funding
    from tests.funding.factories_plans import InstrumentFactory

    instrument = w.extra.get("instrument") or InstrumentFactory()
    w.extra["instrument"] = instrument
    return {
        "instrument": instrument,
        "title": "Appel à projets 2027",
        "reference": "AAP-NEW",
        "deadline_on": w.today() + dt.timedelta(days=60),
        "deadline_time": dt.time(17, 30),
        "deadline_tz": "Europe/Paris",
    }


def _application(w: World) -> Values:  # F2 funding
    from tests.funding.factories_calls import CallFactory

    call = w.extra.get("call") or CallFactory()
    w.extra["call"] = call
    return {
        "call": call,
        "project": w.shared,
        "status": "watch",
        "requested_amount": Decimal("30000.00"),
        "currency": "EUR",
    }


def _grant(w: World) -> Values:  # F2 funding
    from tests.funding.factories_calls import ApplicationFactory

    return {
        "application": ApplicationFactory(status="granted", project=w.shared),
        "agreement": f.AgreementFactory(projects=[w.shared]),
        "amount": Decimal("20000.00"),
        "currency": "EUR",
        "start_on": dt.date(2026, 1, 1),
        "end_on": dt.date(2027, 12, 31),
    }


def _name_of(path: str) -> Callable[[Any], Any]:
    """The text of a related record's name, for the text filters on organisations."""

    def read(record: Any) -> Any:
        value = record
        for part in path.split("."):
            value = getattr(value, part)
            if hasattr(value, "all"):
                value = value.all()[0]
        return value

    return read


def _during(record: Any) -> str:
    """A day within the record's dates."""
    return (record.start_on + dt.timedelta(days=1)).isoformat()


PLAN_FILTERS: dict[str, Callable[[Any], Any]] = {
    "late": lambda r: "true",
    "assignee": lambda r: r.assignees.all()[0].pk,
}

ENTITIES: list[Entity] = [
    Entity(
        "organisation",
        "actors.Organisation",
        "maillage.actors.views.organisations.OrganisationViews",
        "organisations",
        f.organisation,
        _organisation,
        {"name": "Nom corrigé"},
        enrich=f.enrich_organisation,
        grow_detail=f.grow_organisation,
        filter_values={"no_interaction_since": lambda r: "2020-01-01"},
    ),
    Entity(
        "person",
        "actors.Person",
        "maillage.actors.views.people.PersonViews",
        "people",
        f.person,
        _person,
        {"last_name": "Corrigé"},
        enrich=f.enrich_person,
        grow_detail=f.grow_person,
        filter_values={
            "organisation": _name_of("positions.organisation.name"),
            "language": lambda r: "ar",
            "no_interaction_since": lambda r: "2020-01-01",
        },
    ),
    Entity(
        "interaction",
        "actors.Interaction",
        "maillage.actors.views.interactions.InteractionViews",
        "interactions",
        f.interaction,
        _interaction,
        {"subject": "Sujet corrigé"},
        enrich=f.enrich_interaction,
        grow_detail=f.grow_interaction,
        filter_values={
            "after": lambda r: r.occurred_on.isoformat(),
            "before": lambda r: r.occurred_on.isoformat(),
            "organisation": lambda r: "Pessac",
            "follow_up_pending": lambda r: "true",
        },
    ),
    Entity(
        "group",
        "actors.Group",
        "maillage.actors.views.groups.GroupViews",
        "groups",
        f.group,
        _group,
        {"name": "Nom corrigé"},
        partner_reads=False,
        enrich=f.enrich_group,
        grow_detail=f.grow_group,
    ),
    Entity(
        "strategy",
        "projects.Strategy",
        "maillage.projects.views.projects.StrategyViews",
        "strategies",
        f.strategy,
        _strategy,
        {"title": "Titre corrigé"},
        partner_reads=False,
        enrich=f.enrich_strategy,
        grow_detail=f.grow_strategy,
        filter_values={"owner_organisation": lambda r: "Ambassade", "current_on": _during},
    ),
    Entity(
        "programme",
        "projects.Programme",
        "maillage.projects.views.projects.ProgrammeViews",
        "programmes",
        f.programme,
        _programme,
        {"title": "Titre corrigé"},
        partner_reads=False,
        enrich=f.enrich_programme,
        grow_detail=f.grow_programme,
        filter_values={"current_on": _during},
    ),
    Entity(
        "project",
        "projects.Project",
        "maillage.projects.views.projects.ProjectViews",
        "projects",
        f.project,
        _project,
        {"title": "Titre corrigé"},
        enrich=f.enrich_project,
        grow_detail=f.grow_project,
        filter_values={
            "partner": lambda r: "Dakar",
            "starts_after": lambda r: r.start_on.isoformat(),
            "ends_before": lambda r: r.end_on.isoformat(),
        },
    ),
    Entity(
        "activity",
        "projects.Activity",
        "maillage.projects.views.planning.ActivityViews",
        "activities",
        f.activity,
        _activity,
        {"title": "Titre corrigé"},
        enrich=f.enrich_plan_item,
        grow_detail=f.grow_activity,
        filter_values=PLAN_FILTERS,
    ),
    Entity(
        "task",
        "projects.Task",
        "maillage.projects.views.planning.TaskViews",
        "tasks",
        f.task,
        _task,
        {"title": "Titre corrigé"},
        api_names={"parent": "activity"},
        partner_own=f.partner_task,
        partner_patch={"status": "done"},
        enrich=f.enrich_plan_item,
        grow_detail=f.grow_plan_item,
        filter_values=PLAN_FILTERS,
    ),
    Entity(
        "milestone",
        "projects.Milestone",
        "maillage.projects.views.planning.MilestoneViews",
        "milestones",
        f.milestone,
        _milestone,
        {"title": "Titre corrigé"},
        api_names={"parent": "activity"},
        enrich=f.enrich_plan_item,
        grow_detail=f.grow_plan_item,
        filter_values=PLAN_FILTERS,
    ),
    Entity(
        "risk",
        "projects.Risk",
        "maillage.projects.views.risks.RiskViews",
        "risks",
        f.risk,
        _risk,
        {"title": "Titre corrigé"},
        enrich=f.enrich_risk,
        filter_values={
            "min_score": lambda r: r.likelihood * r.impact,
            "review_overdue": lambda r: "true",
        },
    ),
    Entity(
        "fieldupdate",
        "projects.FieldUpdate",
        "maillage.projects.views.updates.FieldUpdateViews",
        "updates",
        f.fieldupdate,
        _fieldupdate,
        {"title": "Titre corrigé"},
        partner_creates=True,
        partner_own=f.partner_update,
        partner_patch={"title": "Corrigé par le partenaire"},
        partner_page_writes=True,
        enrich=f.enrich_fieldupdate,
        grow_detail=f.grow_fieldupdate,
        filter_values={
            "after": lambda r: r.occurred_on.isoformat(),
            "before": lambda r: r.occurred_on.isoformat(),
        },
    ),
    Entity(
        "partnership",
        "partnerships.Partnership",
        "maillage.partnerships.views.PartnershipViews",
        "partnerships",
        f.partnership,
        _partnership,
        {"name": "Nom corrigé"},
        partner_reads=False,
        enrich=f.enrich_partnership,
        grow_detail=f.grow_partnership,
        filter_values={"partner": lambda r: "Lyon"},
    ),
    Entity(
        "agreement",
        "partnerships.Agreement",
        "maillage.partnerships.views.AgreementViews",
        "agreements",
        f.agreement,
        _agreement,
        {"title": "Titre corrigé"},
        enrich=f.enrich_agreement,
        grow_detail=f.grow_agreement,
        filter_values={"expiring": lambda r: "true", "partner": lambda r: "Sfax"},
    ),
    Entity(
        "commitment",
        "partnerships.Commitment",
        "maillage.partnerships.views.CommitmentViews",
        "commitments",
        f.commitment,
        _commitment,
        {"text": "Engagement corrigé"},
        enrich=f.enrich_commitment,
        filter_values={
            "overdue": lambda r: "true",
            "partner": lambda r: "Kayes",
            "agreement": lambda r: r.agreement_id,
            "project": lambda r: r.project_id,
        },
    ),
    # Funding (F1): internal records; an instrument's rules are written by administrators.
    Entity(
        "donor",
        "funding.Donor",
        "maillage.funding.views.instruments.DonorViews",
        "donors",
        f.donor,
        _donor,
        {"notes": "Notes corrigées"},
        partner_reads=False,
        grow_detail=f.grow_donor,
    ),
    Entity(
        "instrument",
        "funding.Instrument",
        "maillage.funding.views.instruments.InstrumentViews",
        "instruments",
        f.instrument,
        _instrument,
        {"name": "Nom corrigé"},
        partner_reads=False,
        admin_writes=True,
        grow_detail=f.grow_instrument,
        filter_values={"active": lambda r: "true"},
    ),
    Entity(
        "financingplan",
        "funding.FinancingPlan",
        "maillage.funding.views.plans.FinancingPlanViews",
        "financing-plans",
        f.financingplan,
        _financingplan,
        {"note": "Note corrigée"},
        partner_reads=False,
        enrich=f.enrich_financingplan,
        grow_detail=f.grow_financingplan,
        filter_values={"instrument": lambda r: r.lines.first().instrument_id},
    ),
    Entity(
        "user",
        "accounts.User",
        "maillage.accounts.views.UserViews",
        None,
        f.user,
        _user,
        {"first_name": "Prénom corrigé"},
        admin_only=True,
        grow_detail=f.grow_user,
        filter_values={"q": lambda r: r.username},
        no_api_reason="Accounts are managed on the pages by administrators; the API serves "
        "only the signed-in user (/api/me).",
    ),
    # Funding (F2): calls, applications and grants are internal records.
    Entity(
        "call",
        "funding.Call",
        "maillage.funding.views.calls.CallViews",
        "calls",
        f.call,
        _call,
        {"title": "Titre corrigé"},
        partner_reads=False,
        grow_detail=f.grow_call,
        filter_values={"open": lambda r: "true"},
    ),
    Entity(
        "application",
        "funding.Application",
        "maillage.funding.views.calls.ApplicationViews",
        "applications",
        f.application,
        _application,
        {"notes": "Notes corrigées"},
        partner_reads=False,
        enrich=f.enrich_application,
        grow_detail=f.grow_application,
        filter_values={"mine": lambda r: "true"},
    ),
    Entity(
        "grant",
        "funding.Grant",
        "maillage.funding.views.grants.GrantViews",
        "grants",
        f.grant,
        _grant,
        {"conditions": "Conditions corrigées"},
        partner_reads=False,
        grow_detail=f.grow_grant,
        filter_values={"current_on": lambda r: "2026-06-01"},
    ),
]

# The apps added since keep their lines in tests/<app>/entities.py.
for _module in ("finance", "results", "missions", "team"):
    ENTITIES.extend(import_module(f"tests.{_module}.entities").ENTITIES)

BY_KEY = {entity.key: entity for entity in ENTITIES}
WITH_API = [entity for entity in ENTITIES if entity.api]
