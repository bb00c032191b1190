"""Import of exchange rates from a CSV, XLSX or ODS file (`core.imports`): one row per
date and currency, `date;currency;rate` (French headers too: `date;devise;taux`), the rate
in units of the currency for one euro, written 10,8523 or 10.8523. Bank Al-Maghrib's
dirham series comes this way (source "bam"); without a source column the rows are
"imported file". A currency and date already in the table is a duplicate, shown at the
preview (skip it or update its rate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from maillage.core.imports import Field, Importer, RowContext, parsers, register
from maillage.core.imports.engine import RowResult
from maillage.core.reference import currency_choices
from maillage.finance.models import BASE_CURRENCY, ExchangeRate, ExchangeRateSource


@register
class ExchangeRateImporter(Importer):
    name = "exchange-rates"
    model = ExchangeRate
    match_reasons = {"day": gettext_lazy("same currency and date")}
    fields = (
        Field(
            "on",
            gettext_lazy("date"),
            parsers.date,
            required=True,
            aliases=("date", "jour", "day", "date du cours", "value date"),
        ),
        Field(
            "currency",
            gettext_lazy("currency"),
            parsers.choice(currency_choices),
            required=True,
            aliases=("devise", "monnaie", "code devise", "currency code"),
        ),
        Field(
            "rate",
            gettext_lazy("rate"),
            parsers.decimal,
            required=True,
            aliases=("taux", "cours", "cours moyen", "taux de change", "exchange rate"),
        ),
        Field(
            "source",
            gettext_lazy("source"),
            parsers.choice(ExchangeRateSource),
            aliases=("origine",),
        ),
        Field("note", gettext_lazy("note"), aliases=("remarque", "commentaire", "comment")),
    )

    def clean_row(self, row: RowContext) -> None:
        if not row.values.get("source"):
            row.values["source"] = ExchangeRateSource.IMPORT

    def match_keys(self, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        if not values.get("on") or not values.get("currency"):
            return []
        return [("day", values["on"], values["currency"])]

    def after_update(self, pairs: list[tuple[models.Model, RowResult]]) -> None:
        # New rows went through the service's `create_many`; updated ones are written in
        # bulk: the over-spent lines they change are refreshed here.
        from maillage.finance.services.rates import rates_written

        rates_written([obj for obj, _row in pairs if isinstance(obj, ExchangeRate)])

    def build(self, values: Mapping[str, Any]) -> models.Model:
        obj = super().build(values)
        obj.base = BASE_CURRENCY  # type: ignore[attr-defined]  # an ExchangeRate
        return obj
