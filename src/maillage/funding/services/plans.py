"""Writes of financing plans. A plan and its lines are written together: the page's
editor and the API send the plan with its full list of lines (`lines`: dicts of
`kind`, `instrument`, `organisation`, `amount`, `label`, and `id` for a line kept),
checked line by line before anything is saved; lines left out are removed.

Breaking a funder's rule is not refused: a plan being drafted breaks some on its way to
being right. `funding.selectors.check_financing_plan` states what it breaks, on read."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from maillage.core.services import ModelService, error_dict, field_label
from maillage.funding.models import FinancingLine, FinancingPlan, LineKind
from maillage.funding.money import round_money

LINE_FIELDS = ("kind", "instrument", "organisation", "amount", "label")
MAX_LINES = 100


class FinancingPlanService(ModelService[FinancingPlan]):
    """Plans with their lines; amounts kept to the plan currency's minor unit."""

    model = FinancingPlan

    @classmethod
    def prepare(cls, obj: FinancingPlan, *, by: Any, before: FinancingPlan | None) -> None:
        obj.total_budget = round_money(obj.total_budget, obj.currency)  # type: ignore[assignment]  # None stays None: full_clean names the missing field
        obj.overheads_amount = round_money(obj.overheads_amount, obj.currency)

    @classmethod
    def validate(
        cls,
        obj: FinancingPlan,
        *,
        by: Any,
        before: FinancingPlan | None,
        related: dict[str, Any],
    ) -> None:
        if "lines" not in related:
            return
        related["lines"] = cls.build_lines(obj, related["lines"])

    @classmethod
    def build_lines(cls, plan: FinancingPlan, rows: Any) -> list[FinancingLine]:
        """The lines as typed, checked, unsaved; ValidationError on `lines` naming the
        line and the field of each refusal."""
        if not isinstance(rows, list | tuple):
            raise ValidationError({"lines": _("Enter a list of lines.")})
        if len(rows) > MAX_LINES:
            raise ValidationError(
                {"lines": _("A plan has at most %(count)s lines.") % {"count": MAX_LINES}}
            )
        existing = {line.pk: line for line in plan.lines.all()} if plan.pk else {}
        lines: list[FinancingLine] = []
        messages: list[str] = []
        for number, row in enumerate(rows, start=1):
            line = cls._line(plan, row, existing, number, messages)
            if line is not None:
                line.position = number
                lines.append(line)
        if messages:
            raise ValidationError({"lines": messages})
        return lines

    @classmethod
    def _line(
        cls,
        plan: FinancingPlan,
        row: Any,
        existing: dict[int, FinancingLine],
        number: int,
        messages: list[str],
    ) -> FinancingLine | None:
        if not isinstance(row, Mapping):
            messages.append(_("Line %(number)s: enter its values.") % {"number": number})
            return None
        pk = row.get("id")
        line = existing.get(pk) if pk else None
        if pk and line is None:
            messages.append(
                _("Line %(number)s: unknown line %(id)s of this plan.")
                % {"number": number, "id": pk}
            )
            return None
        line = line or FinancingLine(plan=plan)
        for name in LINE_FIELDS:
            if name in row:
                setattr(line, name, row[name])
        if line.kind != LineKind.DONOR:
            line.instrument = None
        if isinstance(line.amount, int | float | str | Decimal):
            # A value that is no number is left as is: full_clean names the amount.
            with contextlib.suppress(ArithmeticError):
                line.amount = round_money(Decimal(str(line.amount)), plan.currency)  # type: ignore[assignment]  # a number in, a number out
        try:
            line.full_clean(exclude={"plan", "position"})
        except ValidationError as error:
            for field, texts in error_dict(error).items():
                label = "" if field == NON_FIELD_ERRORS else field_label(FinancingLine, field)
                for text in texts:
                    messages.append(
                        _("Line %(number)s — %(field)s: %(message)s")
                        % {"number": number, "field": label, "message": text}
                        if label
                        else _("Line %(number)s: %(message)s") % {"number": number, "message": text}
                    )
        return line

    @classmethod
    def save_related(cls, obj: FinancingPlan, related: dict[str, Any], *, by: Any) -> None:
        lines = related.pop("lines", None)
        super().save_related(obj, related, by=by)
        if lines is None:
            return
        kept = {line.pk for line in lines if line.pk}
        for gone in obj.lines.exclude(pk__in=kept):
            cls.set_history(gone, by=by, reason=None)
            gone.delete()
        for line in lines:
            line.plan = obj
            cls.set_history(line, by=by, reason=None)
            line.save()


class FinancingLineService(ModelService[FinancingLine]):
    """A line written alone (the plan's service writes them together); amounts to the
    plan currency's minor unit."""

    model = FinancingLine

    @classmethod
    def prepare(cls, obj: FinancingLine, *, by: Any, before: FinancingLine | None) -> None:
        if obj.plan_id and obj.amount is not None:
            obj.amount = round_money(obj.amount, obj.plan.currency)  # type: ignore[assignment]  # not None here
