"""Writes of budgets (E1): a budget, its versions, their lines and the lines' funder
splits, through every door (pages, API, the demo).

- A new budget starts with its initial version (number 1, a draft).
- `BudgetVersionService.revise` opens the next version, a copy of the latest one's lines
  and splits; the earlier versions are kept as they were, to compare.
- `BudgetVersionService.adopt` adopts a version: its lines are then locked (a change is a
  new revision).
- A line's `amount` is quantity × unit cost rounded to the line currency's minor unit; a
  unit cost with more decimals than the currency has (12.345 EUR, 10.5 XOF) is refused on
  the field, never rounded behind the user's back.
- The splits of a line add up to at most its amount, refused on the split's `amount`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.services import ModelService, error_dict, field_label
from maillage.finance.models import (
    Budget,
    BudgetLine,
    BudgetLineFunding,
    BudgetVersion,
    BudgetVersionKind,
    BudgetVersionStatus,
)
from maillage.finance.money import precision_message, too_precise
from maillage.finance.services.followup import refresh_after_commit
from maillage.funding.money import round_money

SPLITS = "splits"  # a line's funder splits, sent with it (the API); replaces them all
SPLIT_FIELDS = ("donor", "grant", "amount")
MAX_SPLITS = 20


def adopted_locked() -> str:
    return _("This version is adopted: its lines are locked. Open a revision to change them.")


def splits_exceed(total: Decimal, amount: Decimal, currency: str) -> str:
    from maillage.core.formatting import format_money

    return _("The funder splits (%(total)s) exceed the line's amount (%(amount)s).") % {
        "total": format_money(total, currency),
        "amount": format_money(amount, currency),
    }


def _project_of_version(version_id: int | None) -> int | None:
    if version_id is None:
        return None
    return (
        Budget.all_objects.filter(versions=version_id).values_list("project_id", flat=True).first()
    )


def _refresh_version(version: BudgetVersion) -> None:
    """The stored over-spent lines of the version's project, refreshed at the commit."""
    refresh_after_commit({_project_of_version(version.pk)})


def _refresh_line(line: BudgetLine) -> None:
    refresh_after_commit({_project_of_version(line.budget_version_id)})


class BudgetService(ModelService[Budget]):
    """A project's budget; created with its initial version."""

    model = Budget

    @classmethod
    def after_save(cls, obj: Budget, *, by: Any, before: Budget | None) -> None:
        if before is None and not obj.versions.exists():
            BudgetVersionService.create(
                data={"budget": obj, "number": 1, "kind": BudgetVersionKind.INITIAL},
                by=by,
            )
        refresh_after_commit({obj.project_id, before.project_id if before else None})

    @classmethod
    def before_delete(cls, obj: Budget, *, by: Any) -> None:
        refresh_after_commit({obj.project_id})

    @classmethod
    def after_trash(cls, obj: Budget, *, by: Any) -> None:
        refresh_after_commit({obj.project_id})

    @classmethod
    def after_restore(cls, obj: Budget, *, by: Any) -> None:
        refresh_after_commit({obj.project_id})


class BudgetVersionService(ModelService[BudgetVersion]):
    """Versions of a budget: numbered in turn; the amendment must be one of an agreement
    of the budget's project."""

    model = BudgetVersion

    @classmethod
    def prepare(cls, obj: BudgetVersion, *, by: Any, before: BudgetVersion | None) -> None:
        if before is None and obj.budget_id:
            last = BudgetVersion.all_objects.filter(budget_id=obj.budget_id).aggregate(
                n=Max("number")
            )["n"]
            if last:
                obj.number = last + 1
                obj.kind = BudgetVersionKind.REVISED
            else:
                obj.number = 1
                obj.kind = BudgetVersionKind.INITIAL
        if obj.status == BudgetVersionStatus.DRAFT:
            obj.adopted_on = None

    @classmethod
    def unchecked_fields(cls, obj: BudgetVersion) -> set[str]:
        return super().unchecked_fields(obj) | {"number"}

    @classmethod
    def validate(
        cls,
        obj: BudgetVersion,
        *,
        by: Any,
        before: BudgetVersion | None,
        related: dict[str, Any],
    ) -> None:
        if before is not None and before.budget_id != obj.budget_id:
            raise ValidationError({"budget": _("A version stays in its budget.")})
        amendment: Any = obj.amendment
        if amendment is not None and obj.budget_id:
            project_id = obj.budget.project_id
            if not amendment.agreement.projects.filter(pk=project_id).exists():
                raise ValidationError(
                    {"amendment": _("Choose an amendment of an agreement of this project.")}
                )

    @classmethod
    def after_save(cls, obj: BudgetVersion, *, by: Any, before: BudgetVersion | None) -> None:
        # A new version after the first, through any door, starts from the lines of the
        # one before it.
        if before is None and obj.number > 1:
            previous = (
                BudgetVersion.objects.filter(budget_id=obj.budget_id, number__lt=obj.number)
                .order_by("-number")
                .first()
            )
            if previous is not None:
                copy_lines(previous, obj, by=by)
        # Adopting a version (or revising one) may change the version in force.
        _refresh_version(obj)

    @classmethod
    def before_delete(cls, obj: BudgetVersion, *, by: Any) -> None:
        _refresh_version(obj)

    @classmethod
    def after_trash(cls, obj: BudgetVersion, *, by: Any) -> None:
        _refresh_version(obj)

    @classmethod
    def after_restore(cls, obj: BudgetVersion, *, by: Any) -> None:
        _refresh_version(obj)

    @classmethod
    def revise(
        cls, budget: Budget, *, by: Any, amendment: Any = None, note: str = ""
    ) -> BudgetVersion:
        """The next version, starting from a copy of the latest version's lines and their
        splits; the earlier versions stay as they were."""
        with transaction.atomic():
            # Two revisions opened at once would take the same number: one waits.
            Budget.objects.select_for_update().filter(pk=budget.pk).first()
            return cls.create(data={"budget": budget, "amendment": amendment, "note": note}, by=by)

    @classmethod
    def adopt(cls, version: BudgetVersion, *, by: Any, on: Any = None) -> BudgetVersion:
        """Adopt `version` (on `on`, today by default): its lines are then locked."""
        return cls.update(
            obj=version,
            data={
                "status": BudgetVersionStatus.ADOPTED,
                "adopted_on": on or timezone.localdate(),
            },
            by=by,
        )


def copy_lines(source: BudgetVersion, target: BudgetVersion, *, by: Any) -> None:
    """The lines (and their splits) of `source` copied into `target`, in bulk."""
    from maillage.core.services import bulk_save

    lines = list(source.lines.prefetch_related("splits").order_by("pk"))
    copies = [
        BudgetLine(
            budget_version=target,
            code=line.code,
            label=line.label,
            category=line.category,
            quantity=line.quantity,
            unit=line.unit,
            unit_cost=line.unit_cost,
            currency=line.currency,
            amount=line.amount,
            year=line.year,
            quarter=line.quarter,
            note=line.note,
        )
        for line in lines
    ]
    reason = _("Copied from version %(number)s") % {"number": source.number}
    created = bulk_save(BudgetLine, copies, by=by, reason=reason)
    splits = [
        BudgetLineFunding(line=copy, donor_id=s.donor_id, grant_id=s.grant_id, amount=s.amount)
        for line, copy in zip(lines, created, strict=True)
        for s in line.splits.all()
    ]
    if splits:
        bulk_save(BudgetLineFunding, splits, by=by, reason=reason)


class BudgetLineService(ModelService[BudgetLine]):
    """Lines: amount = quantity × unit cost; locked once their version is adopted; sent
    with `splits` (the API), the splits are replaced as a whole."""

    model = BudgetLine

    @classmethod
    def prepare(cls, obj: BudgetLine, *, by: Any, before: BudgetLine | None) -> None:
        if isinstance(obj.currency, str):
            obj.currency = obj.currency.strip().upper()
        try:
            product = Decimal(obj.quantity) * Decimal(obj.unit_cost)
        except (TypeError, ValueError, InvalidOperation):
            return  # full_clean names the field that is no number
        obj.amount = round_money(product, obj.currency) or Decimal(0)

    @classmethod
    def validate(
        cls, obj: BudgetLine, *, by: Any, before: BudgetLine | None, related: dict[str, Any]
    ) -> None:
        errors: dict[str, Any] = {}
        if too_precise(obj.unit_cost, obj.currency, column_places=2):
            errors["unit_cost"] = precision_message(obj.currency)
        if obj.budget_version_id:
            if obj.budget_version.is_adopted:
                errors[NON_FIELD_ERRORS] = adopted_locked()
            if before is not None and before.budget_version_id != obj.budget_version_id:
                errors["budget_version"] = _("A line stays in its version.")
        if SPLITS in related:
            try:
                related[SPLITS] = build_splits(obj, related[SPLITS])
            except ValidationError as error:
                errors.update(error_dict(error))
        elif obj.pk and obj.amount is not None:
            total = obj.splits.aggregate(t=Sum("amount"))["t"] or Decimal(0)
            if total > obj.amount:
                errors["quantity"] = splits_exceed(total, obj.amount, obj.currency)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def after_save(cls, obj: BudgetLine, *, by: Any, before: BudgetLine | None) -> None:
        _refresh_line(obj)

    @classmethod
    def before_delete(cls, obj: BudgetLine, *, by: Any) -> None:
        if obj.budget_version.is_adopted:
            raise ValidationError(adopted_locked())
        _refresh_line(obj)

    @classmethod
    def after_trash(cls, obj: BudgetLine, *, by: Any) -> None:
        _refresh_line(obj)

    @classmethod
    def after_restore(cls, obj: BudgetLine, *, by: Any) -> None:
        _refresh_line(obj)

    @classmethod
    def save_related(cls, obj: BudgetLine, related: dict[str, Any], *, by: Any) -> None:
        splits = related.pop(SPLITS, None)
        super().save_related(obj, related, by=by)
        if splits is None:
            return
        for gone in obj.splits.all():
            cls.set_history(gone, by=by, reason=None)
            gone.delete()
        for split in splits:
            split.line = obj
            cls.set_history(split, by=by, reason=None)
            split.save()


def build_splits(line: BudgetLine, rows: Any) -> list[BudgetLineFunding]:
    """The splits as sent, checked, unsaved; ValidationError on `splits`."""
    if not isinstance(rows, list | tuple):
        raise ValidationError({SPLITS: _("Enter a list of splits.")})
    if len(rows) > MAX_SPLITS:
        raise ValidationError(
            {SPLITS: _("A line has at most %(count)s splits.") % {"count": MAX_SPLITS}}
        )
    splits: list[BudgetLineFunding] = []
    messages: list[str] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            messages.append(_("Split %(number)s: enter its values.") % {"number": number})
            continue
        split = BudgetLineFunding(line=line, **{k: row[k] for k in SPLIT_FIELDS if k in row})
        try:
            split.full_clean(exclude={"line"})
            split_rules(split, line)
        except ValidationError as error:
            for name, texts in error_dict(error).items():
                label = "" if name == NON_FIELD_ERRORS else field_label(BudgetLineFunding, name)
                for text in texts:
                    messages.append(
                        _("Split %(number)s — %(field)s: %(message)s")
                        % {"number": number, "field": label, "message": text}
                    )
        splits.append(split)
    total = sum((s.amount for s in splits if isinstance(s.amount, Decimal)), Decimal(0))
    if line.amount is not None and total > line.amount:
        messages.append(splits_exceed(total, line.amount, line.currency))
    if messages:
        raise ValidationError({SPLITS: messages})
    return splits


def grant_donor_id(grant: Any) -> int:
    """The donor of a grant: its application's call's instrument's."""
    return int(grant.application.call.instrument.donor_id)


def split_rules(split: BudgetLineFunding, line: BudgetLine) -> None:
    """A split's own rules: the line currency's decimals; the grant of the donor."""
    errors: dict[str, str] = {}
    if too_precise(split.amount, line.currency, column_places=2):
        errors["amount"] = precision_message(line.currency)
    grant: Any = split.grant
    if grant is not None and split.donor_id and grant_donor_id(grant) != split.donor_id:
        errors["grant"] = _("Choose a grant of this donor.")
    if errors:
        raise ValidationError(errors)


class BudgetLineFundingService(ModelService[BudgetLineFunding]):
    """A split written alone (a row of the line's page): with the line's other splits, at
    most the line's amount."""

    model = BudgetLineFunding

    @classmethod
    def prepare(cls, obj: BudgetLineFunding, *, by: Any, before: BudgetLineFunding | None) -> None:
        grant: Any = obj.grant
        if grant is not None and not obj.donor_id:
            obj.donor_id = grant_donor_id(grant)

    @classmethod
    def validate(
        cls,
        obj: BudgetLineFunding,
        *,
        by: Any,
        before: BudgetLineFunding | None,
        related: dict[str, Any],
    ) -> None:
        if not obj.line_id:
            return
        line = obj.line
        if line.budget_version.is_adopted:
            raise ValidationError(adopted_locked())
        split_rules(obj, line)
        others = line.splits.exclude(pk=obj.pk).aggregate(t=Sum("amount"))["t"] or Decimal(0)
        if isinstance(obj.amount, Decimal) and others + obj.amount > line.amount:
            raise ValidationError(
                {"amount": splits_exceed(others + obj.amount, line.amount, line.currency)}
            )

    @classmethod
    def before_delete(cls, obj: BudgetLineFunding, *, by: Any) -> None:
        if obj.line.budget_version.is_adopted:
            raise ValidationError(adopted_locked())
