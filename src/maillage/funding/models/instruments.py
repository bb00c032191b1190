"""Donors (organisations of the CRM that fund) and their funding instruments, whose rules
are data an administrator edits: shares, caps, eligible costs, countries and applicants,
amounts, duration, how the money is paid, and the prerequisites of an application."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.actors.models import OrganisationType
from maillage.core.collation import SortKeyField
from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import country_choices, currency_choices
from maillage.core.text import SHORT_TEXT, TEXT, normalize

PERCENT_RANGE = _("Enter a percentage between 0 and 100.")
AMOUNT_NOT_NEGATIVE = _("The amount cannot be negative.")
MIN_ABOVE_MAX_AMOUNT = _("The minimum amount cannot be above the maximum amount.")
MIN_ABOVE_MAX_DURATION = _("The minimum duration cannot be above the maximum duration.")
BOTH_ELIGIBLE_AND_NOT = _("A cost category cannot be both eligible and ineligible: %(names)s.")
UNKNOWN_CODE = _("Unknown value: %(value)s.")
MAX_DURATION_MONTHS = 600  # fifty years: more is a typing slip


class CostCategory(models.TextChoices):
    """The kinds of cost a donor's rules name; the budgets of the finance app map their
    lines to these."""

    STAFF = "staff", _("Staff")
    TRAVEL = "travel", _("Travel and missions")
    EQUIPMENT = "equipment", _("Equipment and supplies")
    WORKS = "works", _("Works and infrastructure")
    SERVICES = "services", _("External services and studies")
    TRAINING = "training", _("Training and events")
    COMMUNICATION = "communication", _("Communication and visibility")
    OVERHEADS = "overheads", _("Overheads")
    IN_KIND = "in_kind", _("In-kind contributions")
    CONTINGENCY = "contingency", _("Contingencies")
    OTHER = "other", _("Other costs")


class DonorKind(models.TextChoices):
    STATE = "state", _("State (ministry)")
    AGENCY = "agency", _("Development agency")
    EUROPEAN_UNION = "european_union", _("European Union")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    WATER_AGENCY = "water_agency", _("Water agency")
    MULTILATERAL = "multilateral", _("Multilateral body")
    FOUNDATION = "foundation", _("Foundation")
    PRIVATE = "private", _("Company")
    OTHER = "other", _("Other donor")


class InKindBasis(models.TextChoices):
    """What the cap on in-kind contributions (valorisation) is a share of."""

    APPLICANT = "applicant", _("of the applicant's contribution")
    TOTAL = "total", _("of the total budget")


class PaymentPattern(models.TextChoices):
    SINGLE = "single", _("One payment")
    ADVANCE_BALANCE = "advance_balance", _("Advance, then the balance on the final report")
    YEARLY = "yearly", _("Yearly tranches against interim reports")
    MILESTONES = "milestones", _("Tranches on milestones")
    REIMBURSEMENT = "reimbursement", _("Reimbursement of costs incurred")


def cost_category_choices() -> list[tuple[str, str]]:
    return list(CostCategory.choices)


def applicant_type_choices() -> list[tuple[str, str]]:
    return list(OrganisationType.choices)


class DonorQuerySet(SearchQuerySet):
    """Funding is the service's own business: partners see no donor (the default)."""


class Donor(FastChecks, SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """An organisation of the CRM that funds cooperation: a ministry, an agency, the
    European Union, a water agency, a région…"""

    create_title = _("New donor")

    organisation = models.OneToOneField(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="donor",
    )
    kind = models.CharField(
        _("kind of donor"), max_length=20, choices=DonorKind.choices, default=DonorKind.STATE
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(DonorQuerySet)()
    all_objects = models.Manager.from_queryset(DonorQuerySet)()

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation_id else ""

    def get_absolute_url(self) -> str:
        return reverse("funding:donor_detail", args=[self.pk])

    def compute_search_text(self) -> str:
        if not self.organisation_id:
            return ""
        org = self.organisation
        return normalize(f"{org.name} {org.acronym}")


class InstrumentQuerySet(SearchQuerySet):
    """Partners see no instrument (the default): funding is internal."""


def _percent_field(label: Any, help_text: Any) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, message=PERCENT_RANGE),
            MaxValueValidator(100, message=PERCENT_RANGE),
        ],
        help_text=help_text,
    )


def _percent_range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": 0, f"{field}__lte": 100}),
        name=name,
        violation_error_message=PERCENT_RANGE,
    )


PERCENT_FIELDS = (
    "max_share_percent",
    "min_applicant_share_percent",
    "min_applicant_cash_percent",
    "in_kind_cap_percent",
    "overheads_cap_percent",
    "held_back_percent",
)


class Instrument(FastChecks, SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A donor's way of funding (a yearly call, a facility, a fund) and its rules, kept as
    data an administrator edits; `funding.selectors.check_financing_plan` reads them."""

    create_title = _("New funding instrument")

    SEARCH_FIELDS = ("name", "code")

    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="instruments"
    )
    name = models.CharField(_("name"), max_length=200)
    name_key = SortKeyField("name")  # the lists' order, stored (core.collation)
    code = models.CharField(
        _("short code"), max_length=30, blank=True, help_text=_("e.g. AAP DAECT, FICOL")
    )
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    url = models.URLField(_("link"), blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    # The rules. A blank rule does not apply.
    max_share_percent = _percent_field(
        _("maximum share of the total budget (%)"),
        _("The donor's funding may not exceed this share of the project's total budget."),
    )
    min_applicant_share_percent = _percent_field(
        _("minimum applicant contribution (%)"),
        _("The applicant's own contribution, cash and in-kind, as a share of the total budget."),
    )
    min_applicant_cash_percent = _percent_field(
        _("minimum applicant cash (%)"),
        _("The applicant's own cash, as a share of the total budget."),
    )
    in_kind_cap_percent = _percent_field(
        _("cap on in-kind contributions (%)"),
        _("In-kind contributions (valorisation) may count for at most this share."),
    )
    in_kind_basis = models.CharField(
        _("in-kind cap applies to"),
        max_length=12,
        choices=InKindBasis.choices,
        default=InKindBasis.APPLICANT,
    )
    overheads_cap_percent = _percent_field(
        _("cap on overheads (%)"), _("Overheads as a share of the total budget.")
    )
    eligible_cost_categories = models.JSONField(
        _("eligible cost categories"),
        default=list,
        blank=True,
        help_text=_("None chosen: every category not declared ineligible."),
    )
    ineligible_cost_categories = models.JSONField(
        _("ineligible cost categories"), default=list, blank=True
    )
    eligible_countries = models.JSONField(
        _("eligible countries"),
        default=list,
        blank=True,
        help_text=_("Countries where the project may take place; none chosen: every country."),
    )
    eligible_applicant_types = models.JSONField(
        _("eligible applicant types"),
        default=list,
        blank=True,
        help_text=_("None chosen: any kind of applicant."),
    )
    min_amount = models.DecimalField(
        _("minimum amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("maximum amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    min_duration_months = models.PositiveSmallIntegerField(
        _("minimum duration (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DURATION_MONTHS)],
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DURATION_MONTHS)],
    )
    payment_pattern = models.CharField(
        _("payment schedule"),
        max_length=20,
        choices=PaymentPattern.choices,
        default=PaymentPattern.SINGLE,
    )
    held_back_percent = _percent_field(
        _("share held back until the final report (%)"),
        _("Paid only once the final report is accepted."),
    )
    payment_notes = models.TextField(
        _("payment terms"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(excluded_fields=["name_key"])

    objects = LiveManager.from_queryset(InstrumentQuerySet)()
    all_objects = models.Manager.from_queryset(InstrumentQuerySet)()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["name", "pk"]
        # The default sort: a page reads the index, no sort.
        indexes = [
            models.Index(
                fields=["name_key", "id"],
                name="instrument_name_key",
                condition=models.Q(deleted_at__isnull=True),
            )
        ]
        constraints = [
            *(_percent_range(f, f"instrument_{f}_range") for f in PERCENT_FIELDS),
            models.CheckConstraint(
                condition=models.Q(min_amount__isnull=True) | models.Q(min_amount__gte=0),
                name="instrument_min_amount_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=models.Q(max_amount__isnull=True) | models.Q(max_amount__gte=0),
                name="instrument_max_amount_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=models.Q(min_amount__isnull=True)
                | models.Q(max_amount__isnull=True)
                | models.Q(max_amount__gte=models.F("min_amount")),
                name="instrument_amount_range",
                violation_error_message=MIN_ABOVE_MAX_AMOUNT,
            ),
            models.CheckConstraint(
                condition=models.Q(min_duration_months__isnull=True)
                | models.Q(max_duration_months__isnull=True)
                | models.Q(max_duration_months__gte=models.F("min_duration_months")),
                name="instrument_duration_range",
                violation_error_message=MIN_ABOVE_MAX_DURATION,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}" if self.code else self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:instrument_detail", args=[self.pk])

    def clean(self) -> None:
        """A rule that contradicts itself is refused, on the field it is about."""
        errors: dict[str, Any] = {}
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount > self.max_amount
        ):
            errors["min_amount"] = MIN_ABOVE_MAX_AMOUNT
        if (
            self.min_duration_months is not None
            and self.max_duration_months is not None
            and self.min_duration_months > self.max_duration_months
        ):
            errors["min_duration_months"] = MIN_ABOVE_MAX_DURATION
        lists = (
            ("eligible_cost_categories", CostCategory.values),
            ("ineligible_cost_categories", CostCategory.values),
            ("eligible_countries", [c for c, _label in country_choices()]),
            ("eligible_applicant_types", OrganisationType.values),
        )
        for name, allowed in lists:
            value = getattr(self, name)
            if value in (None, ""):
                setattr(self, name, [])
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[name] = _("Enter a list of codes.")
                continue
            unknown = [v for v in value if v not in allowed]
            if unknown:
                errors[name] = UNKNOWN_CODE % {"value": ", ".join(unknown)}
            else:
                setattr(self, name, sorted(set(value), key=list(allowed).index))
        both = set(self.eligible_cost_categories or []) & set(self.ineligible_cost_categories or [])
        if both and "ineligible_cost_categories" not in errors:
            names = ", ".join(str(CostCategory(c).label) for c in sorted(both))
            errors["ineligible_cost_categories"] = BOTH_ELIGIBLE_AND_NOT % {"names": names}
        if errors:
            raise ValidationError(errors)


class PrerequisiteQuerySet(SearchQuerySet):
    """Rows of an instrument: internal like it."""


class InstrumentPrerequisite(TimestampedModel):
    """What must be true before applying: "the yearly aid declaration of the previous
    year is filed", "the authority is entered in the Atlas"."""

    create_title = _("New prerequisite")

    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="prerequisites",
    )
    text = models.CharField(_("prerequisite"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = PrerequisiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["instrument", "position", "pk"]

    def __str__(self) -> str:
        return self.text
