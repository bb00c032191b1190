"""Each project's co-financing plan: who pays what — each donor's instrument, the
applicant's own cash and in-kind, the partners' contributions. Shares are computed from
the amounts, never stored; `funding.selectors.check_financing_plan` checks the plan
against every involved instrument's rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import currency_choices
from maillage.core.text import TEXT, normalize
from maillage.funding.models.instruments import AMOUNT_NOT_NEGATIVE, Instrument

INSTRUMENT_FOR_DONOR_LINES = _("Choose the donor's instrument for a donor funding line.")
INSTRUMENT_ONLY_FOR_DONOR_LINES = _("Only a donor funding line has an instrument.")
ORGANISATION_FOR_PARTNER_LINES = _("Choose the partner that contributes.")


class LineKind(models.TextChoices):
    DONOR = "donor", _("Donor funding")
    APPLICANT_CASH = "applicant_cash", _("Applicant's own cash")
    APPLICANT_IN_KIND = "applicant_in_kind", _("Applicant's in-kind contribution")
    PARTNER_CASH = "partner_cash", _("Partner's cash")
    PARTNER_IN_KIND = "partner_in_kind", _("Partner's in-kind contribution")
    OTHER = "other", _("Other resources")


APPLICANT_KINDS = (LineKind.APPLICANT_CASH, LineKind.APPLICANT_IN_KIND)
PARTNER_KINDS = (LineKind.PARTNER_CASH, LineKind.PARTNER_IN_KIND)
IN_KIND_KINDS = (LineKind.APPLICANT_IN_KIND, LineKind.PARTNER_IN_KIND)


class FinancingPlanQuerySet(SearchQuerySet):
    """Funding is internal: partners see no financing plan, even of their own projects
    (the default `visible_to_partner`, nothing)."""


class FinancingPlan(FastChecks, SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A project's co-financing plan: its total budget and the lines that pay for it."""

    create_title = _("New financing plan")

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="financing_plan",
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    total_budget = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2)
    # Typed here until the finance app's budgets exist; they will then give this figure
    # (the budget lines of the "overheads" cost category) and this field will go.
    overheads_amount = models.DecimalField(
        _("overheads"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Indirect costs included in the total budget."),
    )
    applicant = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="financing_plans",
        help_text=_("The authority that applies and whose own contribution the rules count."),
    )
    note = models.TextField(
        _("note"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(FinancingPlanQuerySet)()
    all_objects = models.Manager.from_queryset(FinancingPlanQuerySet)()

    class Meta:
        verbose_name = _("financing plan")
        verbose_name_plural = _("financing plans")
        ordering = ["project__code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_budget__gte=0),
                name="financing_plan_total_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
            models.CheckConstraint(
                condition=models.Q(overheads_amount__isnull=True)
                | models.Q(overheads_amount__gte=0),
                name="financing_plan_overheads_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            ),
        ]

    def __str__(self) -> str:
        return str(self.project) if self.project_id else ""

    def get_absolute_url(self) -> str:
        return reverse("funding:financingplan_detail", args=[self.pk])

    def compute_search_text(self) -> str:
        if not self.project_id:
            return ""
        return normalize(f"{self.project.code} {self.project.title}")

    def clean(self) -> None:
        if (
            self.overheads_amount is not None
            and self.total_budget is not None
            and self.overheads_amount > self.total_budget
        ):
            raise ValidationError(
                {"overheads_amount": _("The overheads cannot exceed the total budget.")}
            )


class FinancingLineQuerySet(SearchQuerySet):
    """Rows of a plan: internal like it."""


class FinancingLine(FastChecks, TimestampedModel):
    """Who pays how much of a plan: a donor's instrument, the applicant or a partner."""

    create_title = _("New financing line")

    plan = models.ForeignKey(
        FinancingPlan,
        verbose_name=_("financing plan"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices)
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financing_lines",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financing_lines",
        help_text=_("The partner that contributes; for the applicant's lines, the applicant."),
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    label = models.CharField(_("label"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = FinancingLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="financing_line_amount_not_negative",
                violation_error_message=AMOUNT_NOT_NEGATIVE,
            )
        ]

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.instrument_id:
            return str(self.instrument)
        if self.organisation_id:
            return f"{self.get_kind_display()} — {self.organisation}"
        return str(self.get_kind_display())

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == LineKind.DONOR and not self.instrument_id:
            errors["instrument"] = INSTRUMENT_FOR_DONOR_LINES
        if self.kind != LineKind.DONOR and self.instrument_id:
            errors["instrument"] = INSTRUMENT_ONLY_FOR_DONOR_LINES
        if self.kind in PARTNER_KINDS and not self.organisation_id:
            errors["organisation"] = ORGANISATION_FOR_PARTNER_LINES
        if errors:
            raise ValidationError(errors)

    def share_of(self, total: Decimal | None) -> Decimal | None:
        """This line's share of `total`, in percent (None when the total is zero)."""
        if not total:
            return None
        return self.amount * 100 / total
