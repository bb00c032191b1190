"""Budget follow-up (E3): budget vs actual by line, cost category, funder or period; the
over-spent lines of a user's projects. The tranche cash-flow per funder, which shares
this module's `Converter`, is in `selectors.cashflow`.

The actual is the validated expenses, summed by the database per group, currency and day
(`Sum` over `values()`): the number of queries and of rows read depends on the lines,
currencies and days, never on the number of expenses. Each day's sum is converted with
that day's rate (`finance.money.RateBook`, loaded once per currency for the whole span),
to the line's currency, the budget's and the euro, and rounded to the target's minor
unit; the financial report (`finance.selectors.reports`) converts expense by expense.

Lines are matched by code across versions: an expense booked on a line of an earlier
version counts against the line of the same code in the version shown; a code the
version lacks shows as its own row, without forecast.

Forecasts in another currency than the budget's are converted at the rate of the date
the version was adopted (today for a draft: `selectors.budgets.rates_date`), as the
budget's own page does.

Flags: over-spent when the actual passes 100 % of the forecast; under-spent when it is
below 50 % once the period's midpoint (from the project's dates) is past, on `today`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from maillage.core.filters import among_ids
from maillage.finance.models import (
    BASE_CURRENCY,
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    Expense,
    ExpenseCharge,
    ExpenseStatus,
    OverspentLine,
)
from maillage.finance.money import NoRate, Rate, RateBook
from maillage.finance.selectors.budgets import current_version, rates_date
from maillage.funding.models import CostCategory, Donor, Grant
from maillage.funding.money import round_money

GROUPINGS = ("line", "category", "funder", "period")
OVER = "over"
UNDER = "under"
OVER_LIMIT = Decimal(100)
UNDER_LIMIT = Decimal(50)
ZERO = Decimal(0)
DAYS_PER_MONTH = Decimal("30.4375")
# Expense fields read through a charge, named as in the expenses' own sums.
F_EXPENSE_CURRENCY = F("expense__currency")
F_EXPENSE_DAY = F("expense__spent_on")


def grouping_labels() -> dict[str, str]:
    return {
        "line": _("By line"),
        "category": _("By cost category"),
        "funder": _("By funder"),
        "period": _("By year"),
    }


@dataclass
class FollowupRow:
    """Forecast and actual of one group, in `currency`, and the actual in euros."""

    key: str
    label: str
    currency: str
    forecast: Decimal = ZERO
    actual: Decimal = ZERO
    actual_eur: Decimal = ZERO
    expenses: int = 0
    midpoint_on: dt.date | None = None
    today: dt.date | None = None
    months: Decimal = ZERO  # months elapsed, for the burn rate
    detail: str = ""  # e.g. the line's cost category
    # The same forecast and actual in the budget's currency (a line may be in another),
    # which the total adds up.
    forecast_budget: Decimal = ZERO
    actual_budget: Decimal = ZERO

    @property
    def variance(self) -> Decimal:
        """Actual minus forecast: positive when more was spent than planned."""
        return self.actual - self.forecast

    @property
    def remaining(self) -> Decimal:
        return self.forecast - self.actual

    @property
    def percent(self) -> Decimal | None:
        if not self.forecast:
            return None
        return (self.actual * 100 / self.forecast).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def burn_rate(self) -> Decimal | None:
        """What is spent per month, since the start of the period."""
        if self.months <= 0:
            return None
        return round_money(self.actual / self.months, self.currency)

    @property
    def flag(self) -> str:
        percent = self.percent
        if percent is None:
            return OVER if self.actual > 0 else ""
        if percent > OVER_LIMIT:
            return OVER
        past_midpoint = (
            self.midpoint_on is not None and self.today and self.today >= self.midpoint_on
        )
        if past_midpoint and percent < UNDER_LIMIT:
            return UNDER
        return ""

    @property
    def flag_label(self) -> str:
        return {OVER: _("Over-spent"), UNDER: _("Under-spent")}.get(self.flag, "")


@dataclass
class Followup:
    """Budget vs actual of a budget version, grouped one way."""

    version: BudgetVersion
    by: str
    currency: str
    today: dt.date
    rows: list[FollowupRow]
    total: FollowupRow
    starts_on: dt.date | None
    ends_on: dt.date | None
    midpoint_on: dt.date | None
    rates: list[Rate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def project(self) -> Any:
        return self.version.budget.project

    @property
    def elapsed_percent(self) -> Decimal | None:
        if not self.starts_on or not self.ends_on or self.ends_on <= self.starts_on:
            return None
        days = (min(max(self.today, self.starts_on), self.ends_on) - self.starts_on).days
        span = (self.ends_on - self.starts_on).days
        return (Decimal(days) * 100 / span).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def over_spent(self) -> list[FollowupRow]:
        return [row for row in self.rows if row.flag == OVER]


# --- Versions ----------------------------------------------------------------------------


def current_versions(projects: Iterable[int]) -> dict[int, BudgetVersion]:
    """The version in force of each project's budget, in one query."""
    versions = (
        BudgetVersion.objects.filter(
            budget__project__in=list(projects), budget__deleted_at__isnull=True
        )
        .select_related("budget__project")
        .order_by("budget_id", "number")
    )
    chosen: dict[int, BudgetVersion] = {}
    for version in versions:
        project_id = version.budget.project_id
        held = chosen.get(project_id)
        if held is None or version.is_adopted or not held.is_adopted:
            chosen[project_id] = version
    return chosen


def project_period(project: Any) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """Start, end and midpoint of the project (actual dates before planned ones)."""
    start = project.actual_start_on or project.start_on
    end = project.actual_end_on or project.end_on
    if not start or not end or end < start:
        return start, end, None
    return start, end, start + (end - start) / 2


def months_between(start: dt.date | None, today: dt.date, end: dt.date | None) -> Decimal:
    if start is None or today < start:
        return ZERO
    last = min(today, end) if end else today
    return (Decimal((last - start).days + 1) / DAYS_PER_MONTH).quantize(Decimal("0.01"))


# --- Converting sums ---------------------------------------------------------------------


class Converter:
    """A RateBook loaded for the currencies and days of the sums to convert, that records
    the rates it used and turns a missing rate into a stated problem. The factor of each
    (currency, target, day) is worked out once: many groups share a day's rate."""

    def __init__(self, *, grant: Any = None) -> None:
        self.book = RateBook(grant=grant)
        self.used: dict[tuple[str, str, dt.date | None], Rate] = {}
        self.problems: dict[str, str] = {}
        self._factors: dict[tuple[str, str, dt.date], Decimal | None] = {}

    def load(self, currencies: Iterable[str], start_on: dt.date, end_on: dt.date) -> None:
        for currency in sorted(set(currencies)):
            self.book.load(currency, start_on, end_on)

    def factor(self, currency: str, to: str, on: dt.date) -> Decimal | None:
        """Units of `to` for one of `currency` on `on` (RateBook's rule); None: no rate."""
        key = (currency, to, on)
        if key not in self._factors:
            try:
                conversion = self.book.convert(Decimal(1), currency, to, on)
            except NoRate as missing:
                self.problems.setdefault(f"{missing.currency}{missing.on}", missing.messages[0])
                self._factors[key] = None
            else:
                for rate in conversion.rates:
                    if rate.kind != "identity":
                        self.used[(rate.currency, rate.kind, rate.on)] = rate
                self._factors[key] = conversion.rate
        return self._factors[key]

    def __call__(self, amount: Decimal, currency: str, to: str, on: dt.date) -> Decimal | None:
        """`amount` in `to`, rounded to its minor unit, as `RateBook.convert` gives it."""
        if currency == to:  # most groups: no rate to look up (the identity's factor is 1)
            return round_money(amount, to) or ZERO
        factor = self.factor(currency, to, on)
        if factor is None:
            return None
        return round_money(amount * factor, to) or ZERO

    @property
    def rates(self) -> list[Rate]:
        return sorted(self.used.values(), key=lambda r: (r.currency, r.on or dt.date.min))


def _load_for(
    converter: Converter, sums: list[dict[str, Any]], extra: Iterable[str], day: dt.date
) -> None:
    currencies = {row["currency"] for row in sums} | set(extra)
    days = [row["spent_on"] for row in sums] + [day]
    converter.load(currencies, min(days), max(days))


# --- Budget vs actual --------------------------------------------------------------------


def validated_expenses(project_ids: Iterable[int]) -> QuerySet[Expense]:
    return Expense.objects.filter(project__in=list(project_ids), status=ExpenseStatus.VALIDATED)


def budget_vs_actual(
    *,
    version: BudgetVersion | None = None,
    project: Any = None,
    by: str = "line",
    today: dt.date,
) -> Followup | None:
    """Budget vs actual of `version` (or of the version in force of `project`'s budget),
    grouped `by` line, category, funder or period (year). None without a budget."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    if version is None:
        budget = (
            Budget.objects.filter(project=project).select_related("project").first()
            if project is not None
            else None
        )
        version = current_version(budget) if budget is not None else None
        if version is None:
            return None
    budget = version.budget
    project = budget.project
    currency = budget.currency
    start, end, midpoint = project_period(project)
    lines = list(
        BudgetLine.objects.filter(budget_version=version.pk).order_by("category", "code", "pk")
    )
    rate_day = rates_date(version)
    builder = {
        "line": _by_line,
        "category": _by_category,
        "funder": _by_funder,
        "period": _by_period,
    }[by]
    converter = Converter()
    rows = builder(version, lines, converter, currency, rate_day)
    months = months_between(start, today, end)
    for row in rows:
        row.today = today
        row.months = months
        if row.midpoint_on is None:
            row.midpoint_on = midpoint
    total = FollowupRow(
        key="total",
        label=_("Total"),
        currency=currency,
        forecast=sum((r.forecast_budget for r in rows), ZERO),
        actual=sum((r.actual_budget for r in rows), ZERO),
        actual_eur=sum((r.actual_eur for r in rows), ZERO),
        expenses=sum(r.expenses for r in rows),
        midpoint_on=midpoint,
        today=today,
        months=months,
    )
    return Followup(
        version=version,
        by=by,
        currency=currency,
        today=today,
        rows=rows,
        total=total,
        starts_on=start,
        ends_on=end,
        midpoint_on=midpoint,
        rates=converter.rates,
        problems=list(converter.problems.values()),
    )


def _row(key: str, label: str, currency: str, **kw: Any) -> FollowupRow:
    return FollowupRow(key=key, label=label, currency=currency, **kw)


def _expense_sums(version: BudgetVersion, *keys: str) -> list[dict[str, Any]]:
    """The validated expenses of the version's project summed per `keys`, currency and
    day: one query."""
    return list(
        validated_expenses([version.budget.project_id])
        .values(*keys, "currency", "spent_on")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )


def _add_actuals(
    rows: dict[Any, FollowupRow],
    sums: list[dict[str, Any]],
    key: str,
    converter: Converter,
    budget_currency: str,
    make: Any,
) -> None:
    for item in sums:
        row = rows.get(item[key])
        if row is None:
            row = rows[item[key]] = make(item[key])
        day = item["spent_on"]
        amount = item["total"] or ZERO
        in_row = converter(amount, item["currency"], row.currency, day)
        in_budget = converter(amount, item["currency"], budget_currency, day)
        in_eur = converter(amount, item["currency"], BASE_CURRENCY, day)
        row.actual += in_row or ZERO
        row.actual_budget += in_budget or ZERO
        row.actual_eur += in_eur or ZERO
        row.expenses += item["n"]


def _forecast(
    row: FollowupRow,
    amount: Decimal,
    currency: str,
    converter: Converter,
    budget_currency: str,
    day: dt.date,
) -> None:
    row.forecast += converter(amount, currency, row.currency, day) or ZERO
    row.forecast_budget += converter(amount, currency, budget_currency, day) or ZERO


def _by_line(
    version: BudgetVersion,
    lines: list[BudgetLine],
    converter: Converter,
    currency: str,
    day: dt.date,
) -> list[FollowupRow]:
    sums = _expense_sums(version, "budget_line__code")
    _load_for(converter, sums, {line.currency for line in lines} | {currency}, day)
    rows: dict[Any, FollowupRow] = {}
    categories = dict(CostCategory.choices)
    for line in lines:
        row = rows[line.code] = _row(
            line.code,
            str(line),
            line.currency,
            detail=str(categories.get(line.category, line.category)),
        )
        _forecast(row, line.amount, line.currency, converter, currency, day)

    def unbudgeted(code: str) -> FollowupRow:
        return _row(code, _("%(code)s (not in this version)") % {"code": code}, currency)

    _add_actuals(rows, sums, "budget_line__code", converter, currency, unbudgeted)
    return list(rows.values())


def _by_category(
    version: BudgetVersion,
    lines: list[BudgetLine],
    converter: Converter,
    currency: str,
    day: dt.date,
) -> list[FollowupRow]:
    sums = _expense_sums(version, "budget_line__category")
    _load_for(converter, sums, {line.currency for line in lines} | {currency}, day)
    labels = dict(CostCategory.choices)
    rows: dict[Any, FollowupRow] = {}

    def make(category: str) -> FollowupRow:
        return _row(category, str(labels.get(category, category)), currency)

    for line in lines:
        row = rows.get(line.category) or rows.setdefault(line.category, make(line.category))
        _forecast(row, line.amount, line.currency, converter, currency, day)
    _add_actuals(rows, sums, "budget_line__category", converter, currency, make)
    order = list(labels)
    return sorted(rows.values(), key=lambda r: order.index(r.key) if r.key in order else len(order))


def _funder_key(grant_id: int | None, donor_id: int | None) -> str:
    if grant_id:
        return f"grant-{grant_id}"
    if donor_id:
        return f"donor-{donor_id}"
    return "own"


def _by_funder(
    version: BudgetVersion,
    lines: list[BudgetLine],
    converter: Converter,
    currency: str,
    day: dt.date,
) -> list[FollowupRow]:
    splits = list(
        BudgetLineFunding.objects.filter(
            line__budget_version=version.pk, line__deleted_at__isnull=True
        )
        .values("grant_id", "donor_id", "line__currency")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    charges = list(
        ExpenseCharge.objects.filter(
            expense__project=version.budget.project_id,
            expense__status=ExpenseStatus.VALIDATED,
            expense__deleted_at__isnull=True,
        )
        .values("grant_id", "donor_id", currency=F_EXPENSE_CURRENCY, spent_on=F_EXPENSE_DAY)
        .annotate(total=Sum("amount"), n=Count("expense_id", distinct=True))
        .order_by()
    )
    _load_for(converter, charges, {s["line__currency"] for s in splits} | {currency}, day)
    names = _funder_names(
        {s["grant_id"] for s in splits} | {c["grant_id"] for c in charges},
        {s["donor_id"] for s in splits} | {c["donor_id"] for c in charges},
    )
    rows: dict[Any, FollowupRow] = {}

    def make(key: str) -> FollowupRow:
        return _row(key, names.get(key, _("Own funds")), currency)

    for split in splits:
        key = _funder_key(split["grant_id"], split["donor_id"])
        row = rows.get(key) or rows.setdefault(key, make(key))
        _forecast(row, split["total"] or ZERO, split["line__currency"], converter, currency, day)
    for charge in charges:
        charge["key"] = _funder_key(charge["grant_id"], charge["donor_id"])
    _add_actuals(rows, charges, "key", converter, currency, make)
    return sorted(rows.values(), key=lambda r: (r.key == "own", r.label))


def grant_label(grant: Grant) -> str:
    """A grant as a funder: its donor and the call ("AFD — FICOL 2026")."""
    call = grant.application.call if grant.application_id else None
    if call is None:
        return str(grant)
    return f"{call.instrument.donor} — {call.title}"


def _funder_names(grant_ids: set[Any], donor_ids: set[Any]) -> dict[str, str]:
    """The names of the grants and donors, one query each."""
    names = {}
    grants = Grant.all_objects.filter(pk__in=grant_ids - {None}).select_related(
        "application__call__instrument__donor__organisation"
    )
    for grant in grants:
        names[f"grant-{grant.pk}"] = grant_label(grant)
    donors = Donor.all_objects.filter(pk__in=donor_ids - {None}).select_related("organisation")
    for donor in donors:
        names[f"donor-{donor.pk}"] = str(donor)
    return names


def _by_period(
    version: BudgetVersion,
    lines: list[BudgetLine],
    converter: Converter,
    currency: str,
    day: dt.date,
) -> list[FollowupRow]:
    sums = list(
        validated_expenses([version.budget.project_id])
        .annotate(year=ExtractYear("spent_on"))
        .values("year", "currency", "spent_on")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )
    _load_for(converter, sums, {line.currency for line in lines} | {currency}, day)
    project = version.budget.project
    start, end, _midpoint = project_period(project)
    rows: dict[Any, FollowupRow] = {}

    def make(year: int) -> FollowupRow:
        first = max(dt.date(year, 1, 1), start) if start else dt.date(year, 1, 1)
        last = min(dt.date(year, 12, 31), end) if end else dt.date(year, 12, 31)
        middle = first + (last - first) / 2 if last >= first else None
        return _row(str(year), str(year), currency, midpoint_on=middle)

    for line in lines:
        row = rows.get(line.year) or rows.setdefault(line.year, make(line.year))
        _forecast(row, line.amount, line.currency, converter, currency, day)
    _add_actuals(rows, sums, "year", converter, currency, make)
    return [rows[year] for year in sorted(rows)]


# --- Home alerts -------------------------------------------------------------------------


@dataclass(frozen=True)
class OverSpent:
    project: Any
    row: FollowupRow
    version: BudgetVersion | None = None


def overspent_lines(*, projects: QuerySet, today: dt.date, limit: int = 10) -> list[OverSpent]:
    """The lines over 100 % of their forecast in the version in force of each of
    `projects`, the most over-spent first: a fixed number of queries (one per currency for
    the rates), whatever the number of projects and expenses, but work that grows with
    their days of expenses. The home page reads what `services.followup` stored from
    `overspent_rows` instead (`stored_overspent`)."""
    found = overspent_rows(projects.values_list("pk", flat=True), today=today)
    found.sort(key=lambda o: -(o.row.percent or ZERO))
    return found[:limit]


def overspent_rows(project_ids: Iterable[int], *, today: dt.date) -> list[OverSpent]:
    """Every over-spent line of the version in force of each project of `project_ids`
    (in no order): what `overspent_lines` shows and `services.followup` stores."""
    versions = current_versions(project_ids)
    if not versions:
        return []
    lines = list(
        BudgetLine.objects.filter(budget_version__in=[v.pk for v in versions.values()]).order_by(
            "code", "pk"
        )
    )
    sums = list(
        validated_expenses(versions)
        .values("project_id", "budget_line__code", "currency", "spent_on")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )
    converter = Converter()
    _load_for(converter, sums, {line.currency for line in lines}, today)
    by_version: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_version[line.budget_version_id].append(line)
    # Each project's sums, grouped once: picking them out of all the sums for each
    # project was 20 million comparisons on an officer's home page at national scale.
    sums_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for entry in sums:
        sums_of[entry["project_id"]].append(entry)
    found = []
    for project_id, version in versions.items():
        day = rates_date(version)
        rows: dict[Any, FollowupRow] = {}
        for line in by_version[version.pk]:
            row = rows[line.code] = _row(line.code, str(line), line.currency)
            _forecast(row, line.amount, line.currency, converter, version.budget.currency, day)
        mine = [s for s in sums_of[project_id] if s["budget_line__code"] in rows]
        _add_actuals(
            rows, mine, "budget_line__code", converter, version.budget.currency, lambda c: None
        )
        for row in rows.values():
            row.today = today
            if row.forecast and row.flag == OVER:
                found.append(OverSpent(version.budget.project, row, version))
    return found


def stored_overspent(*, project_ids: Iterable[int], limit: int) -> list[OverspentLine]:
    """The stored over-spent lines of the projects `project_ids`, the most over-spent
    first: one query, whatever the number of projects and expenses. A budget or version
    in the trash hides its lines (they come back with it)."""
    return list(
        among_ids(OverspentLine.objects.all(), "project_id", list(project_ids))
        .filter(
            version__deleted_at__isnull=True,
            version__budget__deleted_at__isnull=True,
        )
        .select_related("project")
        .order_by("-percent", "project_id", "code")[:limit]
    )
