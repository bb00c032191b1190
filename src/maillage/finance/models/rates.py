"""Exchange rates: the table of dated rates (ECB reference rates, Bank Al-Maghrib's
dirham series, entered or imported) and each grant's contractual rates. The CFA francs
are pegged to the euro and never stored: `PEGGED` gives their fixed parity."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.models import (
    LiveManager,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import currency_choices
from maillage.core.text import SHORT_TEXT

# The euro is the base of every stored rate (the ECB's convention): `rate` units of the
# currency buy one euro.
BASE_CURRENCY = "EUR"
# The CFA francs of West (XOF) and Central (XAF) Africa are pegged to the euro by treaty:
# 655.957 francs for one euro, exactly, since 1999. No table, no source, no date.
CFA_PARITY = Decimal("655.957")
PEGGED: dict[str, Decimal] = {"XOF": CFA_PARITY, "XAF": CFA_PARITY}

RATE_POSITIVE = _("A rate is a positive number.")
PEGGED_NOT_STORED = _(
    "The CFA franc is pegged to the euro at 655.957 francs: it needs no rate in the table."
)
SAME_CURRENCY = _("A rate converts between two different currencies.")


def plain(rate: Decimal | None) -> str:
    """A rate without its trailing zeros and never in exponent form: 10.8 not 10.80000."""
    if rate is None:
        return ""
    return format(Decimal(rate).normalize(), "f")


def rate_field(verbose_name: str | None = None) -> models.DecimalField:
    return models.DecimalField(
        verbose_name or _("rate"),
        max_digits=20,
        decimal_places=10,
        help_text=_("Units of the currency for one euro."),
    )


class ExchangeRateSource(models.TextChoices):
    ECB = "ecb", _("ECB reference rate")
    BAM = "bam", _("Bank Al-Maghrib")
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported file")


class ExchangeRateQuerySet(SearchQuerySet):
    """Reference data kept by the service's staff: partners see none (the default); their
    pages show the rate a conversion used, never the table."""

    def of_currency(self, currency: str, base: str = BASE_CURRENCY) -> ExchangeRateQuerySet:
        return self.filter(base=base, currency=currency)


class ExchangeRate(SoftDeleteModel, VersionedModel, TimestampedModel):
    """The rate of a currency on a day: `rate` units of `currency` for one `base` (the
    euro), from the ECB, Bank Al-Maghrib, a file or typed by hand."""

    create_title = _("New exchange rate")

    on = models.DateField(_("date"))
    base = models.CharField(
        _("base currency"), max_length=3, choices=currency_choices, default=BASE_CURRENCY
    )
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    rate = rate_field()
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=ExchangeRateSource.choices,
        default=ExchangeRateSource.MANUAL,
    )
    note = models.TextField(
        _("note"), blank=True, max_length=SHORT_TEXT, validators=[MaxLengthValidator(SHORT_TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ExchangeRateQuerySet)()
    all_objects = models.Manager.from_queryset(ExchangeRateQuerySet)()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-on", "currency", "pk"]
        indexes = [models.Index(fields=["currency", "base", "-on"], name="exchange_rate_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["on", "base", "currency"],
                name="exchange_rate_unique_per_day",
                violation_error_message=_("This currency already has a rate on this date."),
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0),
                name="exchange_rate_positive",
                violation_error_message=RATE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=~models.Q(currency=models.F("base")),
                name="exchange_rate_two_currencies",
                violation_error_message=SAME_CURRENCY,
            ),
            models.CheckConstraint(
                condition=~models.Q(currency__in=sorted(PEGGED)),
                name="exchange_rate_not_pegged",
                violation_error_message=PEGGED_NOT_STORED,
            ),
        ]

    def __str__(self) -> str:
        day = self.on.isoformat() if self.on else ""
        return f"{day} 1 {self.base} = {plain(self.rate)} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("finance:exchangerate_detail", args=[self.pk])

    def clean(self) -> None:
        if self.currency in PEGGED:
            raise ValidationError({"currency": PEGGED_NOT_STORED})
        if self.currency and self.currency == self.base:
            raise ValidationError({"currency": SAME_CURRENCY})


class ContractualRateQuerySet(SearchQuerySet):
    """A grant's terms: internal like the grant (partners see none)."""


class ContractualRate(SoftDeleteModel, VersionedModel, TimestampedModel):
    """The rate a grant's agreement fixes for a currency (units of the currency for one
    euro): conversions of the expenses charged to the grant use it instead of the day's."""

    create_title = _("New contractual rate")

    grant = models.ForeignKey(
        "funding.Grant",
        verbose_name=_("grant"),
        on_delete=models.CASCADE,
        related_name="contractual_rates",
    )
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    rate = rate_field()
    note = models.TextField(
        _("note"), blank=True, max_length=SHORT_TEXT, validators=[MaxLengthValidator(SHORT_TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ContractualRateQuerySet)()
    all_objects = models.Manager.from_queryset(ContractualRateQuerySet)()

    class Meta:
        verbose_name = _("contractual rate")
        verbose_name_plural = _("contractual rates")
        ordering = ["grant", "currency", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "currency"],
                name="contractual_rate_unique_per_grant",
                violation_error_message=_("This grant already has a rate for this currency."),
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0),
                name="contractual_rate_positive",
                violation_error_message=RATE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=~models.Q(currency=BASE_CURRENCY),
                name="contractual_rate_not_euro",
                violation_error_message=SAME_CURRENCY,
            ),
        ]

    def __str__(self) -> str:
        grant = str(self.grant) if self.grant_id else ""
        return f"{grant} — 1 {BASE_CURRENCY} = {plain(self.rate)} {self.currency}"

    def get_absolute_url(self) -> str:
        return reverse("finance:contractualrate_detail", args=[self.pk])

    def clean(self) -> None:
        if self.currency == BASE_CURRENCY:
            raise ValidationError({"currency": SAME_CURRENCY})
