"""Reads of budgets: a version's totals (in each line's currency, the budget's currency
and euros, with the rates used), the comparison of two versions, and what the budget,
version and line pages show. Queries: a fixed number per page, whatever the number of
lines (one per currency converted, at most)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from maillage.finance.models import (
    BASE_CURRENCY,
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    BudgetVersionStatus,
)
from maillage.finance.money import Conversion, NoRate, Rate, RateBook
from maillage.funding.models import CostCategory


@dataclass
class LineTotal:
    line: BudgetLine
    in_budget: Decimal | None  # None: no rate to convert it
    in_euro: Decimal | None


def _plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


@dataclass
class Bucket:
    """A sum in the budget's currency and in euros (None when a conversion failed)."""

    label: str
    in_budget: Decimal | None = Decimal(0)
    in_euro: Decimal | None = Decimal(0)

    def add(self, in_budget: Decimal | None, in_euro: Decimal | None) -> None:
        self.in_budget = (
            None if self.in_budget is None or in_budget is None else self.in_budget + in_budget
        )
        self.in_euro = None if self.in_euro is None or in_euro is None else self.in_euro + in_euro


@dataclass
class BudgetTotals:
    """A version's figures: its lines converted, sums by currency, category and funder,
    and the rates used (each said in words: "Bank Al-Maghrib rate of 2026-03-02")."""

    version: BudgetVersion
    currency: str  # the budget's
    on: dt.date  # the date of the rates
    lines: list[LineTotal] = field(default_factory=list)
    by_currency: dict[str, Decimal] = field(default_factory=dict)
    by_category: list[Bucket] = field(default_factory=list)
    by_funder: list[Bucket] = field(default_factory=list)
    total: Bucket = field(default_factory=lambda: Bucket(""))
    rates: list[Rate] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # why some amounts are not converted

    @property
    def complete(self) -> bool:
        return not self.missing


def rates_date(version: BudgetVersion, on: dt.date | None = None) -> dt.date:
    """The date of the rates a version is converted at: its adoption, else today."""
    return on or version.adopted_on or timezone.localdate()


def lines_of(version: BudgetVersion) -> list[BudgetLine]:
    """The version's lines with their splits and the splits' funders (3 queries)."""
    splits = BudgetLineFunding.objects.select_related(
        "donor__organisation", "grant__application__project", "grant__application__call"
    ).order_by("pk")
    return list(
        BudgetLine.objects.filter(budget_version=version)
        .prefetch_related(Prefetch("splits", queryset=splits))
        .order_by("category", "code", "pk")
    )


def budget_totals(
    version: BudgetVersion,
    *,
    on: dt.date | None = None,
    lines: list[BudgetLine] | None = None,
    book: RateBook | None = None,
) -> BudgetTotals:
    """The figures of `version`, converted at the rates of `on` (see `rates_date`)."""
    currency = version.budget.currency
    day = rates_date(version, on)
    book = book or RateBook()
    totals = BudgetTotals(version=version, currency=currency, on=day)
    lines = lines if lines is not None else lines_of(version)
    used: dict[tuple[str, str], Rate] = {}
    categories: dict[str, Bucket] = {}
    funders: dict[Any, Bucket] = {}
    labels = dict(CostCategory.choices)

    def conv(amount: Decimal, from_currency: str, to: str) -> Decimal | None:
        try:
            result: Conversion = book.convert(amount, from_currency, to, day)
        except NoRate as error:
            message = str(error.messages[0])
            if message not in totals.missing:
                totals.missing.append(message)
            return None
        for rate in result.rates:
            if rate.kind != "identity":
                used[(rate.currency, rate.kind)] = rate
        return result.amount

    for line in lines:
        in_budget = conv(line.amount, line.currency, currency)
        in_euro = conv(line.amount, line.currency, BASE_CURRENCY)
        totals.lines.append(LineTotal(line, in_budget, in_euro))
        totals.by_currency[line.currency] = (
            totals.by_currency.get(line.currency, Decimal(0)) + line.amount
        )
        bucket = categories.setdefault(
            line.category, Bucket(str(labels.get(line.category, line.category)))
        )
        bucket.add(in_budget, in_euro)
        totals.total.add(in_budget, in_euro)
        funded = Decimal(0)
        for split in line.splits.all():
            key = (split.donor_id, split.grant_id)
            name = str(split)
            part = funders.setdefault(key, Bucket(name))
            part.add(
                conv(split.amount, line.currency, currency),
                conv(split.amount, line.currency, BASE_CURRENCY),
            )
            funded += split.amount
        if funded < line.amount:
            rest = line.amount - funded
            own = funders.setdefault(("unfunded",), Bucket(_unfunded_label()))
            own.add(conv(rest, line.currency, currency), conv(rest, line.currency, BASE_CURRENCY))
    order = {value: index for index, value in enumerate(labels)}
    totals.by_category = [categories[k] for k in sorted(categories, key=lambda c: order.get(c, 99))]
    totals.by_funder = list(funders.values())
    totals.rates = sorted(used.values(), key=lambda r: (r.currency, r.kind))
    return totals


def _unfunded_label() -> str:
    from django.utils.translation import gettext as _

    return _("Not yet assigned to a funder")


# -- comparison -------------------------------------------------------------------------


@dataclass
class ComparedLine:
    code: str
    label: str
    old: LineTotal | None
    new: LineTotal | None

    @property
    def state(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        a, b = self.old.line, self.new.line
        same = (a.amount, a.currency, a.label, a.category, a.quantity, a.unit_cost) == (
            b.amount,
            b.currency,
            b.label,
            b.category,
            b.quantity,
            b.unit_cost,
        )
        return "same" if same else "changed"

    @property
    def difference(self) -> Decimal | None:
        """new − old in the budget's currency (None when a side has no rate)."""
        old = self.old.in_budget if self.old else Decimal(0)
        new = self.new.in_budget if self.new else Decimal(0)
        if old is None or new is None:
            return None
        return new - old


@dataclass
class Comparison:
    old: BudgetTotals
    new: BudgetTotals
    rows: list[ComparedLine]

    @property
    def difference(self) -> Decimal | None:
        a, b = self.old.total.in_budget, self.new.total.in_budget
        return None if a is None or b is None else b - a


def compare_versions(
    old: BudgetVersion, new: BudgetVersion, *, on: dt.date | None = None
) -> Comparison:
    """Line by line (matched by code), old against new, converted at the same rates (of
    the newer version's date) so that a difference is a change of the budget, not of
    the rates."""
    day = rates_date(new, on)
    book = RateBook()
    old_totals = budget_totals(old, on=day, book=book)
    new_totals = budget_totals(new, on=day, book=book)
    olds = {t.line.code: t for t in old_totals.lines}
    news = {t.line.code: t for t in new_totals.lines}
    rows = []
    for t in new_totals.lines:
        rows.append(ComparedLine(t.line.code, t.line.label, olds.get(t.line.code), t))
    for t in old_totals.lines:
        if t.line.code not in news:
            rows.append(ComparedLine(t.line.code, t.line.label, t, None))
    rows.sort(key=lambda r: r.code)
    return Comparison(old_totals, new_totals, rows)


# -- pages ------------------------------------------------------------------------------


def current_version(budget: Budget) -> BudgetVersion | None:
    """The version in force: the latest adopted, else the latest."""
    versions = list(budget.versions.order_by("-number"))
    for version in versions:
        if version.status == BudgetVersionStatus.ADOPTED:
            return version
    return versions[0] if versions else None


def for_reader(totals: BudgetTotals, user: Any) -> BudgetTotals:
    """What a reader sees of the totals: funding is internal, so a partner reads no
    funder's name (the split by funder is left out)."""
    if not getattr(user, "is_internal", False):
        totals.by_funder = []
    return totals


def budget_detail(budget: Budget, user: Any = None) -> dict[str, Any]:
    """The budget page: its versions, and the figures of the version in force."""
    versions = list(budget.versions.select_related("amendment__agreement").order_by("-number"))
    current = next((v for v in versions if v.is_adopted), versions[0] if versions else None)
    context: dict[str, Any] = {"versions": versions, "current": current}
    if current is not None:
        current.budget = budget
        context["totals"] = for_reader(budget_totals(current), user)
    return context


def version_detail(version: BudgetVersion, user: Any = None) -> dict[str, Any]:
    """The version page: its lines by category, totals and rates, and the versions to
    compare it with."""
    totals = for_reader(budget_totals(version), user)
    groups: dict[str, list[LineTotal]] = defaultdict(list)
    for line_total in totals.lines:
        groups[line_total.line.get_category_display()].append(line_total)
    others = list(
        BudgetVersion.objects.filter(budget_id=version.budget_id)
        .exclude(pk=version.pk)
        .order_by("-number")
        .values("pk", "number")
    )
    previous = next((o for o in others if o["number"] < version.number), None)
    return {"totals": totals, "groups": dict(groups), "others": others, "previous": previous}
