"""Reads of financing plans: their lines with computed shares, and THE check of a plan
against the rules of every instrument it draws on (`check_financing_plan`), used by the
plan's page (live, as the user types), the API's `check` field and later reports.

A rule is read when the plan is read: a rule changed by an administrator, a new budget,
an amount typed and not yet saved are all checked the same way, by the same function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from maillage.actors.models import OrganisationType
from maillage.core.formatting import format_money
from maillage.core.reference import country_name
from maillage.funding.models import (
    APPLICANT_KINDS,
    IN_KIND_KINDS,
    CostCategory,
    FinancingLine,
    FinancingPlan,
    InKindBasis,
    Instrument,
    LineKind,
)
from maillage.funding.money import format_share

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Violation:
    """One rule the plan breaks, stated in words in the active language."""

    code: str  # which rule: "max_share", "in_kind_cap", …
    message: str
    instrument_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "instrument": self.instrument_id}


@dataclass
class PlanFigures:
    """What a plan adds up to, by who pays; shares in percent of the total budget."""

    total: Decimal
    lines_total: Decimal
    by_instrument: dict[int, Decimal]
    applicant_cash: Decimal
    applicant_in_kind: Decimal
    in_kind: Decimal

    @property
    def applicant(self) -> Decimal:
        return self.applicant_cash + self.applicant_in_kind

    def share(self, amount: Decimal) -> Decimal | None:
        return amount * HUNDRED / self.total if self.total else None


def plan_lines(plan: FinancingPlan) -> list[FinancingLine]:
    """A plan's lines with what their display needs, in one query."""
    return list(
        FinancingLine.objects.filter(plan=plan)
        .select_related("instrument__donor__organisation", "organisation")
        .order_by("position", "pk")
    )


def plan_figures(plan: FinancingPlan, lines: Sequence[FinancingLine]) -> PlanFigures:
    total = plan.total_budget or Decimal(0)
    by_instrument: dict[int, Decimal] = {}
    applicant_cash = applicant_in_kind = in_kind = lines_total = Decimal(0)
    for line in lines:
        amount = line.amount or Decimal(0)
        lines_total += amount
        if line.kind == LineKind.DONOR and line.instrument_id:
            by_instrument[line.instrument_id] = by_instrument.get(line.instrument_id, 0) + amount
        if line.kind == LineKind.APPLICANT_CASH:
            applicant_cash += amount
        if line.kind == LineKind.APPLICANT_IN_KIND:
            applicant_in_kind += amount
        if line.kind in IN_KIND_KINDS:
            in_kind += amount
    return PlanFigures(
        total, lines_total, by_instrument, applicant_cash, applicant_in_kind, in_kind
    )


def _months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (a project from 1 Jan to 31 Dec lasts 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(months + (1 if end.day >= start.day else 0), 0)


def _instruments(ids: Iterable[int], lines: Sequence[FinancingLine]) -> dict[int, Instrument]:
    """The instruments of the plan with their donor's organisation: those the lines hold
    already loaded (a list prefetches them), the others in one query."""
    found: dict[int, Instrument] = {}
    for line in lines:
        if line.instrument_id and FinancingLine.instrument.is_cached(line):
            instrument = line.instrument
            if instrument is not None and Instrument.donor.is_cached(instrument):
                found[instrument.pk] = instrument
    missing = set(ids) - set(found)
    if missing:
        rows = Instrument.all_objects.filter(pk__in=missing).select_related("donor__organisation")
        found.update((i.pk, i) for i in rows)
    return found


def _project_countries(plan: FinancingPlan) -> list[str]:
    """The project's country, then those of its places (prefetched by a list)."""
    project = plan.project
    countries = [project.country] if project.country else []
    for code in sorted(location.country for location in project.locations.all()):
        if code and code not in countries:
            countries.append(code)
    return countries


def _who(instrument: Instrument) -> str:
    organisation = instrument.donor.organisation
    return organisation.acronym or organisation.name


def _rule(instrument: Instrument) -> str:
    return instrument.code or instrument.name


def check_financing_plan(
    *, plan: FinancingPlan, lines: Sequence[FinancingLine] | None = None
) -> list[Violation]:
    """Every rule of every instrument the plan draws on that the plan breaks, in words.

    `lines` are the plan's lines as typed (unsaved, from the page's live check or an API
    write); without them, the saved ones. A constant number of queries whatever the
    number of lines or funders: the instruments in one, the project's places in one.
    """
    if lines is None:
        lines = plan_lines(plan) if plan.pk else []
    figures = plan_figures(plan, lines)
    violations: list[Violation] = []
    currency = plan.currency

    def money(amount: Decimal) -> str:
        return format_money(amount, currency)

    # The plan as a whole: the lines pay for the budget, no more and no less.
    if figures.lines_total > figures.total:
        violations.append(
            Violation(
                "lines_exceed_total",
                _("The lines add up to %(sum)s, more than the total budget of %(total)s.")
                % {"sum": money(figures.lines_total), "total": money(figures.total)},
            )
        )
    elif lines and figures.lines_total < figures.total:
        violations.append(
            Violation(
                "lines_below_total",
                _(
                    "The lines add up to %(sum)s of a total budget of %(total)s: "
                    "%(gap)s remain to be financed."
                )
                % {
                    "sum": money(figures.lines_total),
                    "total": money(figures.total),
                    "gap": money(figures.total - figures.lines_total),
                },
            )
        )
    if not figures.by_instrument:
        return violations

    instruments = _instruments(figures.by_instrument, lines)
    countries: list[str] = []
    if plan.project_id and any(i.eligible_countries for i in instruments.values()):
        countries = _project_countries(plan)
    applicant = plan.applicant if plan.applicant_id else None
    for instrument_id, amount in figures.by_instrument.items():
        instrument = instruments.get(instrument_id)
        if instrument is None:
            continue
        found = _check_instrument(plan, instrument, amount, figures, money, applicant)
        found.extend(_countries(instrument, countries))
        violations.extend(Violation(code, message, instrument.pk) for code, message in found)
    return violations


def _countries(instrument: Instrument, countries: list[str]) -> list[tuple[str, str]]:
    eligible = instrument.eligible_countries
    if not eligible:
        return []
    return [
        (
            "eligible_countries",
            _(
                "%(instrument)s does not fund projects in %(country)s; its eligible "
                "countries are %(eligible)s."
            )
            % {
                "instrument": _rule(instrument),
                "country": country_name(code),
                "eligible": ", ".join(country_name(c) for c in eligible),
            },
        )
        for code in countries
        if code not in eligible
    ]


def _check_instrument(
    plan: FinancingPlan,
    instrument: Instrument,
    amount: Decimal,
    figures: PlanFigures,
    money: Callable[[Decimal], str],
    applicant: Any,
) -> list[tuple[str, str]]:
    """The violations of one instrument's rules, as (code, message)."""
    found: list[tuple[str, str]] = []
    names = {"who": _who(instrument), "instrument": _rule(instrument)}
    applicant_name = (applicant.acronym or applicant.name) if applicant else _("the applicant")
    if not instrument.is_active:
        found.append(
            ("inactive", _("%(instrument)s is closed: it takes no new application.") % names)
        )
    if instrument.currency != plan.currency:
        found.append(
            (
                "currency",
                _("%(instrument)s funds in %(currency)s; the plan is in %(plan_currency)s.")
                % {**names, "currency": instrument.currency, "plan_currency": plan.currency},
            )
        )
    share = figures.share(amount)
    cap = instrument.max_share_percent
    if cap is not None and share is not None and share > cap:
        found.append(
            (
                "max_share",
                _("The share of %(who)s is %(share)s; %(instrument)s caps it at %(cap)s.")
                % {**names, "share": format_share(share), "cap": format_share(cap)},
            )
        )
    minimum = instrument.min_applicant_share_percent
    applicant_share = figures.share(figures.applicant)
    if minimum is not None and applicant_share is not None and applicant_share < minimum:
        found.append(
            (
                "applicant_share",
                _(
                    "%(applicant)s contributes %(share)s of the budget; %(instrument)s "
                    "requires at least %(minimum)s."
                )
                % {
                    **names,
                    "applicant": applicant_name,
                    "share": format_share(applicant_share),
                    "minimum": format_share(minimum),
                },
            )
        )
    minimum = instrument.min_applicant_cash_percent
    cash_share = figures.share(figures.applicant_cash)
    if minimum is not None and cash_share is not None and cash_share < minimum:
        found.append(
            (
                "applicant_cash",
                _(
                    "The own cash of %(applicant)s is %(share)s of the budget; "
                    "%(instrument)s requires at least %(minimum)s."
                )
                % {
                    **names,
                    "applicant": applicant_name,
                    "share": format_share(cash_share),
                    "minimum": format_share(minimum),
                },
            )
        )
    found.extend(_in_kind(instrument, figures, names, applicant_name))
    found.extend(_overheads(plan, instrument, figures, names, money))
    if instrument.min_amount is not None and amount < instrument.min_amount:
        found.append(
            (
                "min_amount",
                _("The plan asks %(instrument)s for %(amount)s; it grants at least %(minimum)s.")
                % {**names, "amount": money(amount), "minimum": money(instrument.min_amount)},
            )
        )
    if instrument.max_amount is not None and amount > instrument.max_amount:
        found.append(
            (
                "max_amount",
                _("The plan asks %(instrument)s for %(amount)s; it grants at most %(maximum)s.")
                % {**names, "amount": money(amount), "maximum": money(instrument.max_amount)},
            )
        )
    found.extend(_duration(plan, instrument, names))
    types = instrument.eligible_applicant_types
    if types and applicant is not None and applicant.type not in types:
        found.append(
            (
                "applicant_type",
                _("%(instrument)s is open to %(eligible)s; %(applicant)s is of the type %(type)s.")
                % {
                    **names,
                    "applicant": applicant_name,
                    "type": applicant.get_type_display(),
                    "eligible": ", ".join(str(OrganisationType(t).label) for t in types),
                },
            )
        )
    return found


def _in_kind(
    instrument: Instrument, figures: PlanFigures, names: dict[str, str], applicant_name: str
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if CostCategory.IN_KIND in instrument.ineligible_cost_categories and figures.in_kind:
        found.append(
            (
                "in_kind_ineligible",
                _("%(instrument)s does not count in-kind contributions; the plan has some.")
                % names,
            )
        )
    cap = instrument.in_kind_cap_percent
    if cap is None:
        return found
    if instrument.in_kind_basis == InKindBasis.APPLICANT:
        if figures.applicant and figures.applicant_in_kind:
            share = figures.applicant_in_kind * HUNDRED / figures.applicant
            if share > cap:
                found.append(
                    (
                        "in_kind_cap",
                        _(
                            "In-kind is %(share)s of the contribution of %(applicant)s; "
                            "%(instrument)s caps it at %(cap)s."
                        )
                        % {
                            **names,
                            "applicant": applicant_name,
                            "share": format_share(share),
                            "cap": format_share(cap),
                        },
                    )
                )
    elif figures.total and figures.in_kind:
        share = figures.in_kind * HUNDRED / figures.total
        if share > cap:
            found.append(
                (
                    "in_kind_cap",
                    _(
                        "In-kind is %(share)s of the total budget; %(instrument)s caps it "
                        "at %(cap)s."
                    )
                    % {**names, "share": format_share(share), "cap": format_share(cap)},
                )
            )
    return found


def _overheads(
    plan: FinancingPlan,
    instrument: Instrument,
    figures: PlanFigures,
    names: dict[str, str],
    money: Callable[[Decimal], str],
) -> list[tuple[str, str]]:
    overheads = plan.overheads_amount
    if not overheads:
        return []
    if CostCategory.OVERHEADS in instrument.ineligible_cost_categories:
        return [
            (
                "overheads_ineligible",
                _("%(instrument)s does not fund overheads; the plan has %(amount)s of them.")
                % {**names, "amount": money(overheads)},
            )
        ]
    cap = instrument.overheads_cap_percent
    share = figures.share(overheads)
    if cap is not None and share is not None and share > cap:
        return [
            (
                "overheads_cap",
                _(
                    "Overheads are %(share)s of the total budget; %(instrument)s caps them "
                    "at %(cap)s."
                )
                % {**names, "share": format_share(share), "cap": format_share(cap)},
            )
        ]
    return []


def _duration(
    plan: FinancingPlan, instrument: Instrument, names: dict[str, str]
) -> list[tuple[str, str]]:
    if instrument.min_duration_months is None and instrument.max_duration_months is None:
        return []
    project = plan.project if plan.project_id else None
    if project is None or not project.start_on or not project.end_on:
        return []
    months = _months(project.start_on, project.end_on)
    if instrument.min_duration_months is not None and months < instrument.min_duration_months:
        return [
            (
                "min_duration",
                _(
                    "The project lasts %(months)s months; %(instrument)s funds projects of "
                    "at least %(minimum)s months."
                )
                % {**names, "months": months, "minimum": instrument.min_duration_months},
            )
        ]
    if instrument.max_duration_months is not None and months > instrument.max_duration_months:
        return [
            (
                "max_duration",
                _(
                    "The project lasts %(months)s months; %(instrument)s funds projects of "
                    "at most %(maximum)s months."
                )
                % {**names, "months": months, "maximum": instrument.max_duration_months},
            )
        ]
    return []


@dataclass(frozen=True)
class LineRow:
    """A line as the plan's page shows it: who, how much, what share."""

    line: FinancingLine
    share: Decimal | None


def plan_overview(
    *, plan: FinancingPlan, lines: Sequence[FinancingLine] | None = None
) -> dict[str, Any]:
    """What the plan's page shows: lines with their shares, the totals by who pays, and
    the check. A constant number of queries whatever the number of lines."""
    if lines is None:
        lines = plan_lines(plan)
    figures = plan_figures(plan, lines)
    donors = sum(figures.by_instrument.values(), Decimal(0))
    partners = figures.lines_total - donors - figures.applicant
    return {
        "lines": [LineRow(line, figures.share(line.amount or Decimal(0))) for line in lines],
        "figures": figures,
        "groups": [
            (_("Donors"), donors, figures.share(donors)),
            (_("Applicant"), figures.applicant, figures.share(figures.applicant)),
            (_("Partners and others"), partners, figures.share(partners)),
        ],
        "violations": check_financing_plan(plan=plan, lines=lines),
        "applicant_kinds": APPLICANT_KINDS,
    }


def plans_with_counts(queryset: models.QuerySet) -> models.QuerySet:
    """The plans of a list, with their lines' count and sum (one query)."""
    return queryset.annotate(
        line_count=models.Count("lines"), lines_total=models.Sum("lines__amount")
    )
