"""Import of indicator values from CSV, XLSX or ODS through the import engine (preview,
then all or nothing), one tidy row per figure:

    project | indicator | period start | period end | period | dimension | value | narrative

The period is named by its dates or by a label ("2025", "2025-S1", "2025-T2" or
"2025-Q2", "2025-03"); it must be one of the indicator's periods. A row without a
disaggregation is one update of the indicator (created as a draft, through
IndicatorValueService's rules); a row naming a disaggregation value ("Femmes") is a part
of the update of the same indicator and period given on an earlier row, and is shown as
such on the preview (skipped as a record of its own). Parts are checked against their
total when the indicator says they must add up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.imports import Field, Importer, RowContext, parsers, register
from maillage.core.imports.engine import Match, RowResult
from maillage.core.services import bulk_save
from maillage.core.text import normalize
from maillage.projects.models import Project
from maillage.results.models import (
    DimensionValue,
    Indicator,
    IndicatorPeriod,
    IndicatorValue,
    ValuePart,
    ValueStatus,
)
from maillage.results.services.actuals import refresh_actuals
from maillage.results.services.periods import check_parts

_LABEL = re.compile(r"^(\d{4})(?:[-/ ]?(?:([STQ])(\d)|(\d{2})))?$", re.IGNORECASE)


def label_dates(label: str) -> tuple[dt.date, dt.date] | None:
    """The dates a period label names: a year, a semester (S1), a quarter (T1 or Q1),
    a month (2025-03); None if it names none."""
    found = _LABEL.match(label.strip().replace("–", "-"))
    if not found:
        return None
    year = int(found.group(1))
    letter, number, month = found.group(2), found.group(3), found.group(4)
    if letter:
        length = 6 if letter.upper() == "S" else 3
        index = int(number)
        if not 1 <= index <= 12 // length:
            return None
        first = (index - 1) * length + 1
        last = first + length - 1
    elif month:
        first = last = int(month)
        if not 1 <= first <= 12:
            return None
    else:
        first, last = 1, 12
    start = dt.date(year, first, 1)
    following = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return start, following - dt.timedelta(days=1)


@register
class IndicatorValueImporter(Importer):
    name = "indicator-values"
    model = IndicatorValue
    fields = (
        Field(
            "project", gettext_lazy("project"), required=True, aliases=("projet", "project code")
        ),
        Field(
            "indicator",
            gettext_lazy("indicator code"),
            required=True,
            aliases=("indicateur", "code indicateur", "code de l'indicateur", "indicator"),
        ),
        Field(
            "period_start",
            gettext_lazy("period start"),
            parsers.date,
            aliases=("début", "debut", "début de période", "start"),
        ),
        Field(
            "period_end",
            gettext_lazy("period end"),
            parsers.date,
            aliases=("fin", "fin de période", "end"),
        ),
        Field(
            "period_label",
            gettext_lazy("period"),
            aliases=("période", "periode"),
            help_text=gettext_lazy("2025, 2025-S1, 2025-T2 or 2025-Q2, 2025-03"),
        ),
        Field(
            "dimension",
            gettext_lazy("disaggregation value"),
            aliases=("désagrégation", "desagregation", "ventilation", "dimension"),
        ),
        Field("value", gettext_lazy("value"), parsers.decimal, aliases=("valeur",)),
        Field(
            "text",
            gettext_lazy("qualitative value"),
            parsers.multiline_text,
            aliases=("valeur qualitative",),
        ),
        Field(
            "narrative",
            gettext_lazy("narrative"),
            parsers.multiline_text,
            aliases=("commentaire", "récit", "narratif"),
        ),
    )
    change_reason = gettext_lazy("Import from a file")

    def prepare(self) -> None:
        """The projects, indicators, periods and disaggregation values the user sees:
        four queries for the whole file."""
        projects = Project.objects.visible_to(self.user)
        self.projects = {normalize(p.code): p for p in projects}
        self.indicators: dict[tuple[int, str], Indicator] = {
            (i.project_id, normalize(i.code)): i
            for i in Indicator.objects.visible_to(self.user).filter(project__in=projects)
        }
        self.periods: dict[tuple[int, dt.date, dt.date], IndicatorPeriod] = {
            (p.indicator_id, p.starts_on, p.ends_on): p
            for p in IndicatorPeriod.objects.visible_to(self.user).filter(
                indicator__in=list(self.indicators.values())
            )
        }
        self.dimension_values: dict[tuple[int, str], DimensionValue] = {}
        for value in (
            DimensionValue.objects.visible_to(self.user)
            .filter(dimension__indicators__in=list(self.indicators.values()))
            .select_related("dimension")
            .prefetch_related("dimension__indicators")
        ):
            for indicator in value.dimension.indicators.all():
                self.dimension_values[(indicator.pk, normalize(value.label))] = value
        # The update each (period) row makes, and the parts later rows give it.
        self.totals: dict[int, RowResult] = {}
        self.parts: dict[int, dict[int, Decimal]] = defaultdict(dict)
        self.part_rows: dict[int, list[RowResult]] = defaultdict(list)

    def clean_row(self, row: RowContext) -> None:
        values = row.values
        # Until the period is found, the refusal is on the columns that name it.
        row.refused.add("period")
        project = self.projects.get(normalize(str(values.get("project", ""))))
        if project is None:
            if not row.failed("project"):
                row.error(_("No project of yours has this code."), field="project")
            return
        indicator = self.indicators.get((project.pk, normalize(str(values.get("indicator", "")))))
        if indicator is None:
            if not row.failed("indicator"):
                row.error(
                    _("Project %(project)s has no indicator of this code.")
                    % {"project": project.code},
                    field="indicator",
                )
            return
        period = self._period(row, indicator)
        if period is None:
            return
        values["period"] = period
        row.refused.discard("period")
        label = str(values.get("dimension", "") or "").strip()
        if not label:
            self.totals[period.pk] = row.result
            return
        part = self.dimension_values.get((indicator.pk, normalize(label)))
        if part is None:
            row.error(
                _("“%(label)s” is not a value of this indicator's disaggregations.")
                % {"label": label},
                field="dimension",
            )
            return
        total = self.totals.get(period.pk)
        if total is None:
            row.error(
                _(
                    "A part comes after the row of its total: give first a row without "
                    "disaggregation for this indicator and period."
                ),
                field="dimension",
            )
            return
        if values.get("value") is None:
            row.error(_("Enter the figure of this part."), field="value")
            return
        if part.pk in self.parts[total.number]:
            row.error(_("This disaggregation value is given twice."), field="dimension")
            return
        self.parts[total.number][part.pk] = values["value"]
        self.part_rows[total.number].append(row.result)
        # A part is not an update of its own: the preview shows it with its total row,
        # and the import skips it as a record (it is written with the total's update).
        row.result.match = Match(
            _("a part (%(label)s) of the value of row %(row)s")
            % {"label": label, "row": total.number},
            row=total.number,
        )
        # Its record, were it created anyway, is its total's update, not the part alone.
        values["value"] = total.values.get("value")

    def _period(self, row: RowContext, indicator: Indicator) -> IndicatorPeriod | None:
        values = row.values
        start, end = values.get("period_start"), values.get("period_end")
        label = str(values.get("period_label", "") or "").strip()
        if (start is None or end is None) and label:
            dates = label_dates(label)
            if dates is None:
                row.error(
                    _("Write the period as 2025, 2025-S1, 2025-T2 or 2025-Q2, or 2025-03."),
                    field="period_label",
                )
                return None
            start, end = dates
        if start is None or end is None:
            if not (row.failed("period_start") or row.failed("period_end")):
                row.error(
                    _("Give the period: its start and end dates, or its label."),
                    field="period_label" if row.has_column("period_label") else "period_start",
                )
            return None
        period = self.periods.get((indicator.pk, start, end))
        if period is None:
            row.error(
                _(
                    "Indicator %(indicator)s has no period from %(start)s to %(end)s "
                    "(the project's periods only)."
                )
                % {"indicator": indicator.code or indicator, "start": start, "end": end},
                field="period_label" if label else "period_start",
            )
        return period

    def existing(self) -> Iterable[Mapping[str, Any]]:
        """Called once every row is read: the parts are checked against their totals
        here (each refusal on its total's row); values are never duplicates of one
        another (several updates per period), so nothing is compared."""
        totals = {row.number: row for row in self.totals.values()}
        for number, parts in self.parts.items():
            total = totals[number]
            period = total.values.get("period")
            if period is None:
                continue
            known = {v.pk: v for v in self.dimension_values.values() if v.pk in parts}
            values = {known[pk]: amount for pk, amount in parts.items()}
            problem = check_parts(period.indicator, total.values.get("value"), values)
            if problem:
                ctx = RowContext(total, {})
                ctx.error(problem, field="")
        return []

    def build(self, values: Mapping[str, Any]) -> IndicatorValue:
        return IndicatorValue(
            period=values.get("period"),
            value=values.get("value"),
            text=values.get("text", ""),
            narrative=values.get("narrative", ""),
        )

    def after_create(self, pairs: list[tuple[Any, RowResult]]) -> None:
        """The parts of each new update, given on the rows after its own; the stored
        actual of the periods given approved values (none while an import writes drafts:
        the officers approve them afterwards, through the service)."""
        rows = [
            ValuePart(value=value, dimension_value_id=pk, amount=amount)
            for value, row in pairs
            for pk, amount in self.parts.get(row.number, {}).items()
        ]
        if rows:
            bulk_save(ValuePart, rows, by=self.user, reason=str(self.change_reason))
        refresh_actuals(
            periods=[
                value.period_id for value, _row in pairs if value.status == ValueStatus.APPROVED
            ]
        )
