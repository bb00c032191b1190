"""Financial reports to funders (E4): one per grant and period. The figures are never
stored: `finance.selectors.reports.collect` reads them from the validated expenses each
time, so the report, its XLSX and its ODS always agree with the books."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.dates import END_BEFORE_START
from maillage.core.models import (
    LiveManager,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.text import TEXT


class FinancialReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready to send")
    SENT = "sent", _("Sent to the funder")


class FinancialReportQuerySet(SearchQuerySet):
    """A report to a funder is about a grant: internal like the grant (partners see none,
    the default)."""


class FinancialReport(SoftDeleteModel, VersionedModel, TimestampedModel):
    """The financial report of a grant for a period, laid out as funders expect: lines ×
    forecast, actual, variance; the expenses with their receipts; the rates used."""

    create_title = _("New financial report")

    grant = models.ForeignKey(
        "funding.Grant",
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        related_name="financial_reports",
    )
    period_start_on = models.DateField(_("period start"))
    period_end_on = models.DateField(_("period end"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FinancialReportStatus.choices,
        default=FinancialReportStatus.DRAFT,
    )
    note = models.TextField(
        _("note"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(FinancialReportQuerySet)()
    all_objects = models.Manager.from_queryset(FinancialReportQuerySet)()

    class Meta:
        verbose_name = _("financial report")
        verbose_name_plural = _("financial reports")
        ordering = ["-period_end_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end_on__gte=models.F("period_start_on")),
                name="financial_report_period_in_order",
                violation_error_message=END_BEFORE_START,
            ),
            models.UniqueConstraint(
                fields=["grant", "period_start_on", "period_end_on"],
                condition=models.Q(deleted_at__isnull=True),
                name="financial_report_unique_period",
                violation_error_message=_("This grant already has a report for this period."),
            ),
        ]

    def __str__(self) -> str:
        grant = str(self.grant) if self.grant_id else ""
        if not self.period_start_on or not self.period_end_on:
            return grant
        return _("%(grant)s — %(start)s to %(end)s") % {
            "grant": grant,
            "start": self.period_start_on.strftime("%d/%m/%Y"),
            "end": self.period_end_on.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self) -> str:
        return reverse("finance:financialreport_detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.period_start_on
            and self.period_end_on
            and self.period_end_on < self.period_start_on
        ):
            raise ValidationError({"period_end_on": END_BEFORE_START})
