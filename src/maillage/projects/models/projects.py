"""Strategies, programmes, projects, their consortium and the users who are members of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.collation import SortKeyField
from maillage.core.dates import END_BEFORE_START, dates_in_order, end_before_start
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import country_choices, currency_choices
from maillage.core.text import LONG_TEXT

if TYPE_CHECKING:
    from maillage.accounts.models import User


SHARE_RANGE = _("A share is a percentage between 0 and 100.")


def check_date_range(start: Any, end: Any, *, field: str = "end_on") -> None:
    """The end date, when both are known, is not before the start: said on the end date
    (the database constraint `dates_in_order` keeps it true whatever writes)."""
    if end_before_start(start, end):
        raise ValidationError({field: END_BEFORE_START})


class ProjectStatus(models.TextChoices):
    """Life cycle of a project; `IATI_ACTIVITY_STATUS` maps it to IATI ActivityStatus."""

    IDEA = "idea", _("Idea")
    IDENTIFICATION = "identification", _("Identification")
    FORMULATION = "formulation", _("Formulation")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    EVALUATED = "evaluated", _("Evaluated")


IATI_ACTIVITY_STATUS = {
    ProjectStatus.IDEA: "1",
    ProjectStatus.IDENTIFICATION: "1",
    ProjectStatus.FORMULATION: "1",
    ProjectStatus.IN_PROGRESS: "2",
    ProjectStatus.SUSPENDED: "6",
    ProjectStatus.CLOSED: "4",
    ProjectStatus.EVALUATED: "4",
}


class StrategyQuerySet(SearchQuerySet):
    """Strategies and programmes are the service's own: partners see none (the default)."""


class Strategy(SoftDeleteModel, SearchableModel, VersionedModel, TimestampedModel):
    """A strategy or action plan: an embassy's plan, a city's international policy."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New strategy")

    SEARCH_FIELDS = ("title", "owner_organisation__name")

    title = models.CharField(_("title"), max_length=250)
    title_key = SortKeyField("title")  # the lists' order, stored (core.collation)
    owner_organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        help_text=_("The authority or embassy whose plan this is."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["title_key"])

    objects = LiveManager.from_queryset(StrategyQuerySet)()
    all_objects = models.Manager.from_queryset(StrategyQuerySet)()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-start_on", "title"]
        constraints = [dates_in_order("strategy_dates_in_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:strategy_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_date_range(self.start_on, self.end_on)

    def compute_search_text(self) -> str:
        from maillage.core.text import normalize

        owner = self.owner_organisation.name if self.owner_organisation_id else ""
        return normalize(f"{self.title} {owner}")


class Programme(SoftDeleteModel, SearchableModel, VersionedModel, TimestampedModel):
    """A programme of a strategy: a set of projects pursuing the same objective."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New programme")

    SEARCH_FIELDS = ("code", "title")

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    code_key = SortKeyField("code")  # the lists' order, stored (core.collation)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_programmes",
    )
    history = HistoricalRecords(excluded_fields=["code_key"])

    objects = LiveManager.from_queryset(StrategyQuerySet)()
    all_objects = models.Manager.from_queryset(StrategyQuerySet)()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]
        constraints = [dates_in_order("programme_dates_in_order")]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:programme_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_date_range(self.start_on, self.end_on)


class ProjectQuerySet(SearchQuerySet):
    def visible_to_partner(self, user: User) -> ProjectQuerySet:
        return self.filter(memberships__user=user)


class ProjectScopedQuerySet(SearchQuerySet):
    """Records that belong to one project: a partner sees those of its projects."""

    def visible_to_partner(self, user: User) -> ProjectScopedQuerySet:
        """The records of the partner's live projects (a project in the trash takes its
        records with it), through the ids of those few projects (`member_project_ids`).
        Written as a join from each record to the memberships, SQLite could start from
        the list's sort index instead and test every row: a partner's count of tasks read
        all 174,000 of them (1.2 s at national scale against 3 ms)."""
        return self.filter(project_id__in=member_project_ids(user))


def member_project_ids(user: Any) -> list[int]:
    """The ids of the live projects `user` is a member of, read once per request
    (`hooks.shared`, the span `RequestScopeMiddleware` opens; each call outside one reads
    them again). A list, not a subquery: the database then knows which projects and how
    many rows each holds. Given a subquery, PostgreSQL took a partner's 21 projects for
    570 expenses each (the average), where they hold 5,582, and probed all 117,218 of
    them one by one for a filter on a grant (380 ms at national scale)."""
    from maillage.core import hooks

    def read() -> list[int]:
        mine = Project.objects.filter(memberships__user=user, deleted_at__isnull=True)
        return list(mine.order_by("pk").values_list("pk", flat=True))

    return hooks.shared(("member_project_ids", user.pk), read)


class Project(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A cooperation project: what is done, where, when, with whom and for how much."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New project")

    SEARCH_FIELDS = ("code", "title", "title_en")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    # The lists' order of the texts, stored (core.collation): an index serves a page.
    code_key = SortKeyField("code")
    title_key = SortKeyField("title")
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    summary_en = models.TextField(
        _("summary in English"),
        blank=True,
        max_length=LONG_TEXT,
        validators=[MaxLengthValidator(LONG_TEXT)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    start_on = models.DateField(_("planned start"), null=True, blank=True)
    end_on = models.DateField(_("planned end"), null=True, blank=True)
    actual_start_on = models.DateField(_("actual start"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_projects",
    )
    sdg_targets = models.ManyToManyField(
        "core.CodelistItem",
        verbose_name=_("SDG targets"),
        blank=True,
        limit_choices_to={"codelist__name": "UNSDG-Targets"},
        related_name="+",
    )
    tags = models.ManyToManyField("actors.Tag", verbose_name=_("tags"), blank=True)
    history = HistoricalRecords(
        m2m_fields=[sdg_targets, tags], excluded_fields=["code_key", "title_key"]
    )

    objects = LiveManager.from_queryset(ProjectQuerySet)()
    all_objects = models.Manager.from_queryset(ProjectQuerySet)()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        indexes = [
            # The lists' sorts (the default first): a page reads the index, no sort.
            models.Index(
                fields=["code_key", "id"],
                name="project_code_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # Lists of other records sorted by project (tasks, expenses…, core.ordering)
            # walk the projects in this order, the trash included (the lists join to any
            # project), then each project's rows from an index of their own.
            models.Index(fields=["code_key", "id"], name="project_code_order"),
            models.Index(
                fields=["title_key", "id"],
                name="project_title_key",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The last change the observatory's cache key reads.
            models.Index(fields=["updated_at"], name="project_updated_idx"),
            # The home page: the count by status (read from the index alone) and the
            # projects in progress, the soonest ending first.
            models.Index(
                fields=["status", "end_on", "id"],
                name="project_status_end",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]
        constraints = [
            dates_in_order("project_dates_in_order"),
            dates_in_order("project_actual_dates_in_order", "actual_start_on", "actual_end_on"),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        for start, end in (("start_on", "end_on"), ("actual_start_on", "actual_end_on")):
            if end_before_start(getattr(self, start), getattr(self, end)):
                errors[end] = END_BEFORE_START
        if errors:
            raise ValidationError(errors)

    @property
    def iati_activity_status(self) -> str:
        return IATI_ACTIVITY_STATUS[ProjectStatus(self.status)]


class ProjectSector(models.Model):
    """A DAC/CRS purpose code of a project and its share; a project's shares sum to 100."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="sectors"
    )
    sector = models.ForeignKey(
        "core.CodelistItem",
        verbose_name=_("DAC sector"),
        on_delete=models.PROTECT,
        limit_choices_to={"codelist__name": "Sector"},
        related_name="+",
    )
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project sector")
        verbose_name_plural = _("project sectors")
        ordering = ["-percentage", "sector__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "sector"],
                name="project_sector_unique",
                violation_error_message=_("This sector is already listed for the project."),
            ),
            models.CheckConstraint(
                condition=models.Q(percentage__gt=0, percentage__lte=100),
                name="project_sector_percentage_range",
                violation_error_message=_("A sector's percentage is above 0 and at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector} ({self.percentage} %)"


class ProjectLocation(models.Model):
    """A place where a project acts: a town, a district, a site, with its coordinates."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New location")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["country", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="project_location_latitude_range",
                violation_error_message=_("A latitude is between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="project_location_longitude_range",
                violation_error_message=_("A longitude is between -180 and 180."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})


class ProjectPolicyMarker(models.Model):
    """A policy marker (gender, environment…) and how significant it is to the project."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New policy marker")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="policy_markers"
    )
    marker = models.ForeignKey(
        "core.CodelistItem",
        verbose_name=_("policy marker"),
        on_delete=models.PROTECT,
        limit_choices_to={"codelist__name": "PolicyMarker"},
        related_name="+",
    )
    significance = models.ForeignKey(
        "core.CodelistItem",
        verbose_name=_("significance"),
        on_delete=models.PROTECT,
        limit_choices_to={"codelist__name": "PolicySignificance"},
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy marker")
        verbose_name_plural = _("policy markers")
        ordering = ["marker__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "marker"],
                name="project_marker_unique",
                violation_error_message=_("This policy marker is already given for the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.marker.name} — {self.significance.name}"


class PartnerRole(models.TextChoices):
    """An organisation's role in a project; mapped to IATI OrganisationRole."""

    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    BENEFICIARY = "beneficiary", _("Beneficiary")


# IATI OrganisationRole: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. IATI has
# no role for a beneficiary: it is not a participating organisation there (None).
IATI_ORGANISATION_ROLE: dict[str, str | None] = {
    PartnerRole.LEAD: "2",
    PartnerRole.PARTNER: "4",
    PartnerRole.FUNDER: "1",
    PartnerRole.IMPLEMENTER: "4",
    PartnerRole.BENEFICIARY: None,
}


class ProjectPartner(TimestampedModel):
    """An organisation's place in a project's consortium."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New project partner")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole.choices)
    share = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=SHARE_RANGE),
            MaxValueValidator(100, message=SHARE_RANGE),
        ],
    )
    contacts = models.ManyToManyField(
        "actors.Person", verbose_name=_("contact people"), blank=True, related_name="partner_roles"
    )
    history = HistoricalRecords(m2m_fields=[contacts])

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project", "role", "organisation__name"]
        # The last change the observatory's cache key reads.
        indexes = [models.Index(fields=["updated_at"], name="project_partner_updated_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"],
                name="project_partner_unique",
                violation_error_message=_(
                    "This organisation already has this role in the project."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(share__isnull=True) | models.Q(share__gte=0, share__lte=100),
                name="project_partner_share_range",
                violation_error_message=SHARE_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


class MembershipRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Team member")
    PARTNER = "partner", _("Partner")


class ProjectMembership(TimestampedModel):
    """A user's membership of a project: what feeds a partner's access to records."""

    # The whole phrase: French agrees "new" with the noun.
    create_title = _("New project member")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                name="project_membership_unique",
                violation_error_message=_("This user is already a member of the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.project}"
