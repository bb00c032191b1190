"""Grants obtained (D3): what a granted application became, tied to its financing
agreement, with its tranches and reporting obligations."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import END_BEFORE_START, dates_in_order, end_before_start
from maillage.core.models import (
    LiveManager,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import currency_choices
from maillage.core.text import TEXT
from maillage.funding.models.calls import Application, amount_in_range


class GrantQuerySet(SearchQuerySet):
    """Funding is internal: partners see no grant (the default)."""


class Grant(SoftDeleteModel, VersionedModel, TimestampedModel):
    """The funding a granted application obtained, under its financing agreement (the
    partnerships app's `Agreement`: a grant is tied to it, never a copy of it)."""

    create_title = _("New grant")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="grant",
    )
    agreement = models.ForeignKey(
        "partnerships.Agreement",
        verbose_name=_("financing agreement"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    amount = models.DecimalField(_("amount granted"), max_digits=14, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    conditions = models.TextField(
        _("conditions"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(GrantQuerySet)()
    all_objects = models.Manager.from_queryset(GrantQuerySet)()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-start_on", "pk"]
        constraints = [
            dates_in_order("grant_dates_in_order"),
            amount_in_range("amount", "grant_amount_range", nullable=False),
        ]

    def __str__(self) -> str:
        return str(self.application) if self.application_id else ""

    def get_absolute_url(self) -> str:
        return reverse("funding:grant_detail", args=[self.pk])

    def clean(self) -> None:
        if end_before_start(self.start_on, self.end_on):
            raise ValidationError({"end_on": END_BEFORE_START})


class GrantChildQuerySet(SearchQuerySet):
    """Rows of a grant: internal, like the grant."""


class ObligationKind(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative report")
    FINANCIAL = "financial", _("Financial report")


class ReportingObligation(TimestampedModel):
    """A report the donor requires: narrative or financial, interim or final, due on a
    date; submitted, then accepted (a tranche may wait on its acceptance). Its owner is
    alerted 30, 7 and 1 days before it is due (funding.services.alerts)."""

    create_title = _("New reporting obligation")

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ObligationKind.choices, default=ObligationKind.NARRATIVE
    )
    title = models.CharField(_("title"), max_length=200)
    is_final = models.BooleanField(_("final report"), default=False)
    due_on = models.DateField(_("due date"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = GrantChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_accepted(self) -> bool:
        return self.accepted_on is not None

    def clean(self) -> None:
        if self.accepted_on and not self.submitted_on:
            raise ValidationError(
                {"accepted_on": _("A report is accepted only after it was submitted.")}
            )
        if self.accepted_on and self.submitted_on and self.accepted_on < self.submitted_on:
            raise ValidationError(
                {"accepted_on": _("The acceptance cannot come before the submission.")}
            )


class Tranche(TimestampedModel):
    """A payment of a grant: expected (when, how much), received (when, how much); it may
    wait on an accepted report, and the share held back is paid on the final report."""

    create_title = _("New tranche")

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="tranches"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    expected_amount = models.DecimalField(_("expected amount"), max_digits=14, decimal_places=2)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_amount = models.DecimalField(
        _("received amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    awaits = models.ForeignKey(
        ReportingObligation,
        verbose_name=_("paid once accepted"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tranches",
        help_text=_("The report whose acceptance releases this tranche."),
    )
    held_back = models.BooleanField(
        _("held back until the final report"),
        default=False,
        help_text=_("The final share, paid once the final report is accepted."),
    )
    history = HistoricalRecords()

    objects = GrantChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["position", "pk"]
        constraints = [
            amount_in_range("expected_amount", "tranche_expected_range", nullable=False),
            amount_in_range("received_amount", "tranche_received_range"),
        ]

    def __str__(self) -> str:
        return _("Tranche %(number)s") % {"number": self.position}

    def clean(self) -> None:
        if self.received_amount is not None and not self.received_on:
            raise ValidationError({"received_on": _("Say when the amount was received.")})
        if self.awaits_id and self.grant_id and self.awaits.grant_id != self.grant_id:
            raise ValidationError({"awaits": _("Choose a report of this grant.")})


class AlertKind(models.TextChoices):
    """What a deadline alert is about (funding.services.alerts)."""

    CALL = "call", _("Call deadline")
    OBLIGATION = "obligation", _("Report due")
