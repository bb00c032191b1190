"""Pages of exchange rates (the table: ECB, Bank Al-Maghrib, typed or imported) and of
grants' contractual rates. The staff's reference data: a partner's list is empty and
every record a 404 (`visible_to`); the officers write them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maillage.core.crud import Column, CrudViews
from maillage.core.imports.views import ImportViews
from maillage.finance.filters.rates import ContractualRateFilterSet, ExchangeRateFilterSet
from maillage.finance.forms.rates import ContractualRateForm, ExchangeRateForm
from maillage.finance.imports_rates import ExchangeRateImporter
from maillage.finance.models import ContractualRate, ExchangeRate
from maillage.finance.models.rates import plain


class ExchangeRateViews(CrudViews):
    model = ExchangeRate
    form_class = ExchangeRateForm
    filterset_class = ExchangeRateFilterSet
    searchable = False
    paginate_by = 50
    columns = (
        Column("on", link=True),
        Column("currency"),
        Column("rate", display=lambda r: plain(r.rate), value=lambda r: r.rate),
        Column("source"),
    )
    detail_fields = ("on", "base", "currency", "rate", "source", "note")
    default_ordering = ("-on", "currency")


class ContractualRateViews(CrudViews):
    model = ContractualRate
    form_class = ContractualRateForm
    filterset_class = ContractualRateFilterSet
    searchable = False
    select_related = ("grant__application__project", "grant__application__call")
    columns = (
        Column("grant", link=True, sort=False),
        Column("currency"),
        Column("rate", display=lambda r: plain(r.rate), value=lambda r: r.rate),
    )
    detail_fields = ("grant", "currency", "rate", "note")
    initial_from_query = ("grant",)

    @classmethod
    def form_kwargs(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"user": request.user}


class ExchangeRateImportViews(ImportViews):
    importer = ExchangeRateImporter
    crud = ExchangeRateViews
