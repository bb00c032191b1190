"""Reads of donors and instruments: a donor's page, an instrument's rules in words."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from maillage.actors.models import OrganisationType
from maillage.core.formatting import format_money
from maillage.core.reference import country_name
from maillage.funding.models import CostCategory, Donor, Instrument
from maillage.funding.money import format_share


def donor_detail(*, donor: Donor, user: Any) -> dict[str, Any]:
    """A donor's instruments (one query)."""
    instruments = Instrument.objects.visible_to(user).filter(donor=donor).order_by("name")
    return {"instruments": list(instruments)}


def instrument_rules(instrument: Instrument) -> list[tuple[str, str]]:
    """The instrument's rules, each as (what, value) in the active language; the rules
    left blank do not apply and are left out."""
    i = instrument
    rows: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        if value:
            rows.append((label, value))

    add(_("Maximum share of the total budget"), format_share(i.max_share_percent))
    add(_("Minimum applicant contribution"), format_share(i.min_applicant_share_percent))
    add(_("Minimum applicant cash"), format_share(i.min_applicant_cash_percent))
    if i.in_kind_cap_percent is not None:
        add(
            _("Cap on in-kind contributions"),
            f"{format_share(i.in_kind_cap_percent)} {i.get_in_kind_basis_display()}",
        )
    add(_("Cap on overheads"), format_share(i.overheads_cap_percent))
    labels = dict(CostCategory.choices)
    add(
        _("Eligible cost categories"),
        ", ".join(str(labels[c]) for c in i.eligible_cost_categories if c in labels),
    )
    add(
        _("Ineligible cost categories"),
        ", ".join(str(labels[c]) for c in i.ineligible_cost_categories if c in labels),
    )
    add(_("Eligible countries"), ", ".join(country_name(c) for c in i.eligible_countries))
    types = dict(OrganisationType.choices)
    add(
        _("Eligible applicants"),
        ", ".join(str(types[t]) for t in i.eligible_applicant_types if t in types),
    )
    if i.min_amount is not None:
        add(_("Minimum amount"), format_money(i.min_amount, i.currency))
    if i.max_amount is not None:
        add(_("Maximum amount"), format_money(i.max_amount, i.currency))
    if i.min_duration_months is not None:
        add(_("Minimum duration"), _("%(months)s months") % {"months": i.min_duration_months})
    if i.max_duration_months is not None:
        add(_("Maximum duration"), _("%(months)s months") % {"months": i.max_duration_months})
    add(_("Payment schedule"), str(i.get_payment_pattern_display()))
    add(_("Held back until the final report"), format_share(i.held_back_percent))
    add(_("Payment terms"), i.payment_notes)
    return rows
