"""A mission's budget and the per-diem rates by country it draws on."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import LiveManager, SearchQuerySet, SoftDeleteModel, TimestampedModel
from maillage.core.reference import country_choices, currency_choices
from maillage.missions.models.missions import Mission

MAX_AMOUNT = Decimal("10000000")
AMOUNT_RANGE = _("Enter an amount between 0 and 10,000,000.")


def _amount_in_range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": 0, f"{field}__lte": MAX_AMOUNT}),
        name=name,
        violation_error_message=AMOUNT_RANGE,
    )


class PerDiemRateQuerySet(SearchQuerySet):
    """The rate table is internal: partners see none."""


class PerDiemRate(SoftDeleteModel, TimestampedModel):
    """The daily allowance for a country from a date on (an administrator keeps the
    table); a mission's per-diem line takes the rate valid on its departure."""

    create_title = _("New per-diem rate")

    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    amount = models.DecimalField(_("daily amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(PerDiemRateQuerySet)()
    all_objects = models.Manager.from_queryset(PerDiemRateQuerySet)()

    class Meta:
        verbose_name = _("per-diem rate")
        verbose_name_plural = _("per-diem rates")
        ordering = ["country", "-valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "valid_from"], name="perdiem_one_rate_per_day"
            ),
            _amount_in_range("amount", "perdiem_amount_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_country_display()} ({self.valid_from:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("missions:perdiemrate_detail", args=[self.pk])


class CostKind(models.TextChoices):
    TRANSPORT = "transport", _("Transport")
    LODGING = "lodging", _("Lodging")
    PER_DIEM = "per_diem", _("Per-diem")
    OTHER = "other", _("Other")


class MissionCost(TimestampedModel):
    """A line of a mission's budget: quantity × unit amount in a currency. A per-diem
    line takes its unit amount from the rate table (MissionCostService)."""

    create_title = _("New budget line")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="costs"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CostKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Days × people for a per-diem; left empty, the mission's days."),
    )
    unit_amount = models.DecimalField(
        _("unit amount"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Left empty on a per-diem line, the country's rate."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, editable=False
    )
    rate = models.ForeignKey(
        PerDiemRate,
        verbose_name=_("per-diem rate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="costs",
    )
    # Once spent, the line becomes an expense of a project's budget (finance), written
    # by ExpenseService through `record_as_expense`; recorded once only.
    expense = models.ForeignKey(
        "finance.Expense",
        verbose_name=_("expense"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="mission_costs",
    )
    history = HistoricalRecords()

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["kind", "pk"]
        constraints = [
            _amount_in_range("quantity", "mission_cost_quantity_range"),
            _amount_in_range("unit_amount", "mission_cost_unit_range"),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse("missions:mission_detail", args=[self.mission_id])
