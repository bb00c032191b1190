"""The small world the generic suites run in, and each entity's records in it.

Two projects: `shared`, of which the `partner` user is a member, and `other`, of which
no partner is; the `outsider` is a partner of a third project. A record "on the shared
side" is linked to the shared project (when the entity can be); one "on the hidden side"
is linked to the other project, or to none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from maillage.accounts.models import Role
from maillage.actors.models import (
    OrganisationCountry,
    OrganisationType,
    SdgGoal,
    Tag,
    Theme,
)
from maillage.core.models import Codelist, CodelistItem
from tests.factories import (
    ActivityFactory,
    DependencyFactory,
    FieldUpdateFactory,
    GroupFactory,
    GroupMemberFactory,
    InteractionFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    RiskFactory,
    StrategyFactory,
    TaskFactory,
    UserFactory,
)
from tests.funding.factories_plans import (  # F1 funding
    DonorFactory,
    FinancingLineFactory,
    FinancingPlanFactory,
    InstrumentFactory,
    InstrumentPrerequisiteFactory,
)
from tests.partnerships.factories import (
    AgreementFactory,
    AgreementFileFactory,
    AgreementPartyFactory,
    AmendmentFactory,
    CommitmentFactory,
    CouncilDecisionFactory,
    PartnershipFactory,
)

ROLES = ("anonymous", "outsider", "partner", "viewer", "officer", "admin")
SHARED, HIDDEN = "shared", "hidden"


@dataclass
class World:
    users: dict[str, Any]
    shared: Any  # the partner's project
    other: Any  # a project no partner of the world belongs to
    extra: dict[str, Any] = field(default_factory=dict)
    # Each role's session key, from a sign-in when the world was built (`helpers.login`).
    sessions: dict[str, str] = field(default_factory=dict)

    @property
    def officer(self) -> Any:
        return self.users["officer"]

    def project(self, side: str) -> Any:
        return self.shared if side == SHARED else self.other

    def today(self) -> dt.date:
        return timezone.localdate()


def build_world() -> World:
    users = {
        "outsider": UserFactory(username="outsider", role=Role.PARTNER),
        "partner": UserFactory(username="partner", role=Role.PARTNER),
        "viewer": UserFactory(username="viewer", role=Role.VIEWER),
        "officer": UserFactory(username="officer", role=Role.OFFICER),
        "admin": UserFactory(username="admin", role=Role.ADMIN),
    }
    shared = ProjectFactory(code="SHARED", title="Projet partagé")
    other = ProjectFactory(code="OTHER", title="Projet réservé")
    MembershipFactory(project=shared, user=users["partner"])
    MembershipFactory(project=ProjectFactory(code="ELSEWHERE"), user=users["outsider"])
    sessions = {}
    for role, user in users.items():  # a real sign-in each, its session kept for the module
        signed_in = Client()
        signed_in.force_login(user)
        sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    return World(users=users, shared=shared, other=other, sessions=sessions)


# -- one record of each entity, on a side ----------------------------------------------


def organisation(w: World, side: str) -> Any:
    return ProjectPartnerFactory(project=w.project(side)).organisation


def person(w: World, side: str) -> Any:
    record = PersonFactory()
    ProjectPartnerFactory(project=w.project(side)).contacts.add(record)
    return record


def interaction(w: World, side: str) -> Any:
    return InteractionFactory(project=w.project(side))


def group(w: World, side: str) -> Any:
    return GroupFactory()


def strategy(w: World, side: str) -> Any:
    return StrategyFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2030, 12, 31))


def programme(w: World, side: str) -> Any:
    return ProgrammeFactory(start_on=dt.date(2025, 1, 1), end_on=dt.date(2028, 12, 31))


def project(w: World, side: str) -> Any:
    record = ProjectFactory()
    if side == SHARED:
        MembershipFactory(project=record, user=w.users["partner"])
    return record


def activity(w: World, side: str) -> Any:
    return ActivityFactory(project=w.project(side))


def task(w: World, side: str) -> Any:
    return TaskFactory(parent=ActivityFactory(project=w.project(side)))


def milestone(w: World, side: str) -> Any:
    return MilestoneFactory(project=w.project(side))


def risk(w: World, side: str) -> Any:
    return RiskFactory(project=w.project(side))


def fieldupdate(w: World, side: str) -> Any:
    return FieldUpdateFactory(project=w.project(side), author=w.officer)


def partnership(w: World, side: str) -> Any:
    return PartnershipFactory()


def agreement(w: World, side: str) -> Any:
    return AgreementFactory(projects=[w.project(side)])


def commitment(w: World, side: str) -> Any:
    return CommitmentFactory(project=w.project(side))


def user(w: World, side: str) -> Any:
    return UserFactory(role=Role.VIEWER)


# Funding is internal (F1 funding): no side is a partner's; a plan has its own project.
def donor(w: World, side: str) -> Any:
    return DonorFactory()


def instrument(w: World, side: str) -> Any:
    return InstrumentFactory()


def financingplan(w: World, side: str) -> Any:
    return FinancingPlanFactory()


def enrich_financingplan(w: World, record: Any) -> None:  # F1 funding
    FinancingLineFactory(plan=record)


def grow_donor(w: World, record: Any, n: int) -> None:  # F1 funding
    for _ in range(n):
        InstrumentFactory(donor=record)


def grow_instrument(w: World, record: Any, n: int) -> None:  # F1 funding
    for _ in range(n):
        InstrumentPrerequisiteFactory(instrument=record)


def grow_financingplan(w: World, record: Any, n: int) -> None:  # F1 funding
    """More funders (each its own donor and rules) and more contributions."""
    for _ in range(n):
        FinancingLineFactory(
            plan=record, instrument=InstrumentFactory(max_share_percent=10), amount=1000
        )
        FinancingLineFactory(
            plan=record,
            kind="partner_in_kind",
            instrument=None,
            organisation=OrganisationFactory(),
            amount=500,
        )


# -- what a partner may change --------------------------------------------------------


def partner_update(w: World) -> Any:
    """A field update the partner wrote on its project: it edits and deletes it."""
    return FieldUpdateFactory(project=w.shared, author=w.users["partner"])


def partner_task(w: World) -> Any:
    """A task of the partner's project assigned to it: it moves its status."""
    return TaskFactory(parent=ActivityFactory(project=w.shared), assignees=[w.users["partner"]])


# -- related rows: what the filters need, what the detail pages show --------------------


def codelist_item(name: str, code: str) -> CodelistItem:
    codelist, _ = Codelist.objects.get_or_create(name=name)
    item, _ = CodelistItem.objects.get_or_create(
        codelist=codelist, code=code, defaults={"name_en": f"{name} {code}"}
    )
    return item


def enrich_organisation(w: World, record: Any) -> None:
    record.themes.add(Theme.objects.get_or_create(name="Eau")[0])
    record.tags.add(Tag.objects.get_or_create(name="Réseau")[0])
    record.sdgs.add(SdgGoal.objects.get_or_create(number=6)[0])
    record.sectors.add(codelist_item("SectorCategory", "140"))
    OrganisationCountry.objects.create(organisation=record, country="SN")
    GroupMemberFactory(organisation=record)


def enrich_person(w: World, record: Any) -> None:
    record.tags.add(Tag.objects.get_or_create(name="Élu")[0])
    record.languages = "fr ar"
    record.do_not_contact = True
    record.save()
    PositionFactory(person=record)
    GroupMemberFactory(person=record, organisation=None)


def enrich_interaction(w: World, record: Any) -> None:
    record.follow_up_on = w.today() + dt.timedelta(days=10)
    record.follow_up_done = False
    record.save()
    record.organisations.add(OrganisationFactory(name="Mairie de Pessac"))


def enrich_group(w: World, record: Any) -> None:
    record.theme = Theme.objects.get_or_create(name="Santé")[0]
    record.save()


def enrich_strategy(w: World, record: Any) -> None:
    record.owner_organisation = OrganisationFactory(name="Ambassade de France au Sénégal")
    record.save()


def enrich_programme(w: World, record: Any) -> None:
    record.owner = w.officer
    record.save()


def enrich_project(w: World, record: Any) -> None:
    record.programme = ProgrammeFactory()
    record.start_on, record.end_on = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    record.save()
    ProjectPartnerFactory(project=record, organisation=OrganisationFactory(name="Ville de Dakar"))


def enrich_plan_item(w: World, record: Any) -> None:
    record.end_on = w.today() - dt.timedelta(days=3)
    if record.kind == "milestone":
        record.start_on = record.end_on
    else:
        record.start_on = min(record.start_on, record.end_on)
    record.save()
    record.assignees.add(w.officer)


def enrich_risk(w: World, record: Any) -> None:
    record.review_on = w.today() - dt.timedelta(days=5)
    record.save()


def enrich_fieldupdate(w: World, record: Any) -> None:
    record.is_public = True
    record.save()


def enrich_partnership(w: World, record: Any) -> None:
    record.french_authority.name = "Ville de Lyon"
    record.french_authority.save()


def enrich_agreement(w: World, record: Any) -> None:
    record.end_on = w.today() + dt.timedelta(days=30)
    record.save()
    AgreementPartyFactory(agreement=record, organisation=OrganisationFactory(name="Ville de Sfax"))


def enrich_commitment(w: World, record: Any) -> None:
    record.due_on = w.today() - dt.timedelta(days=10)
    record.agreement = AgreementFactory(projects=[record.project])
    record.save()
    record.party.name = "Commune de Kayes"
    record.party.save()


# -- growing the rows a detail page shows -----------------------------------------------


def _photo(update: Any) -> None:
    from maillage.projects.services import store_attachment

    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    upload.detected_kind = "jpeg"  # type: ignore[attr-defined]  # set by SafeFileField
    store_attachment(update=update, file=upload, by=update.author)


def grow_organisation(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        PositionFactory(organisation=record)
        InteractionFactory(project=w.shared).organisations.add(record)
        ProjectPartnerFactory(organisation=record)
        GroupMemberFactory(organisation=record)
        OrganisationFactory(parent=record)
        record.tags.add(Tag.objects.create(name=f"Étiquette {Tag.objects.count()}"))


def grow_person(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        PositionFactory(person=record)
        InteractionFactory(project=w.shared).people.add(record)
        GroupMemberFactory(person=record, organisation=None)


def grow_interaction(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        record.people.add(PersonFactory())
        record.organisations.add(OrganisationFactory())


def grow_group(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        GroupMemberFactory(group=record)
        GroupMemberFactory(group=record, person=PersonFactory(), organisation=None)


def grow_strategy(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        ProjectFactory(programme=ProgrammeFactory(strategy=record))


def grow_programme(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        ProjectFactory(programme=record)


def grow_project(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        parent = ActivityFactory(project=record)
        TaskFactory(parent=parent, end_on=dt.date(2020, 1, 31), start_on=dt.date(2020, 1, 1))
        MilestoneFactory(project=record, start_on=w.today(), end_on=w.today())
        RiskFactory(project=record)
        _photo(FieldUpdateFactory(project=record, author=w.officer))
        ProjectPartnerFactory(project=record).contacts.add(PersonFactory())
        MembershipFactory(project=record)
        InteractionFactory(project=record)
        CommitmentFactory(project=record)


def grow_activity(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        child = TaskFactory(parent=record)
        child.assignees.add(UserFactory())
        record.assignees.add(UserFactory())
        DependencyFactory(predecessor=ActivityFactory(project=record.project), successor=record)


def grow_plan_item(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        record.assignees.add(UserFactory())
        other = TaskFactory(parent=ActivityFactory(project=record.project))
        DependencyFactory(predecessor=other, successor=record)
        DependencyFactory(predecessor=record, successor=TaskFactory(parent=other.parent))


def grow_fieldupdate(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        _photo(record)


def grow_partnership(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        record.projects.add(ProjectFactory())
        agreement = AgreementFactory(partnership=record)
        CommitmentFactory(agreement=agreement)
        InteractionFactory().organisations.add(record.french_authority)


def grow_agreement(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        AgreementPartyFactory(agreement=record)
        AmendmentFactory(agreement=record)
        CouncilDecisionFactory(agreement=record)
        AgreementFileFactory(agreement=record)
        CommitmentFactory(agreement=record)
        record.projects.add(ProjectFactory())


def grow_user(w: World, record: Any, n: int) -> None:
    for _ in range(n):
        MembershipFactory(user=record)


def foreign_organisation() -> Any:
    return OrganisationFactory(
        name="Commune de Saint-Louis",
        type=OrganisationType.FOREIGN_AUTHORITY,
        country="SN",
        departement="",
    )


# -- funding: calls, applications, grants (F2 funding) -----------------------------------
# Internal records: the application of the shared side names the partner's project, and
# the partner still sees none of them.


def call(w: World, side: str) -> Any:  # F2 funding
    from tests.funding.factories_calls import CallFactory

    return CallFactory()


def application(w: World, side: str) -> Any:  # F2 funding
    from tests.funding.factories_calls import ApplicationFactory

    return ApplicationFactory(project=w.project(side), idea_title="")


def grant(w: World, side: str) -> Any:  # F2 funding
    from tests.funding.factories_calls import GrantFactory

    return GrantFactory(
        agreement=AgreementFactory(projects=[w.project(side)]),
        application__project=w.project(side),
    )


def enrich_application(w: World, record: Any) -> None:  # F2 funding
    record.owner = w.officer
    record.save()


def grow_call(w: World, record: Any, n: int) -> None:  # F2 funding
    from tests.funding.factories_calls import (
        ApplicationFactory,
        CallAttachmentFactory,
        CallDocumentFactory,
    )

    for _ in range(n):
        CallDocumentFactory(call=record)
        CallAttachmentFactory(call=record)
        ApplicationFactory(call=record, project=ProjectFactory(), owner=w.officer)


def grow_application(w: World, record: Any, n: int) -> None:  # F2 funding
    from tests.funding.factories_calls import ChecklistItemFactory

    for _ in range(n):
        ChecklistItemFactory(application=record)


def grow_grant(w: World, record: Any, n: int) -> None:  # F2 funding
    from tests.funding.factories_calls import ReportingObligationFactory, TrancheFactory

    for _ in range(n):
        report = ReportingObligationFactory(grant=record)
        TrancheFactory(grant=record, expected_amount=1, awaits=report)
