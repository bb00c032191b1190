"""Writes of expenses (E2) and of their receipts, through every door (pages, API, imports).

An expense is entered as a draft (or submitted at once), by the service's staff or by a
partner on its own project; its status moves only along `TRANSITIONS`, through
`ExpenseService.move`: an officer validates a submitted expense or returns it with a
comment (the history's reason). A validated expense is locked: nothing of it changes, and
a correction is a counter-entry (`ExpenseService.reverse`), its negative copy, after which
a new expense may be entered.

The reference (DEP-2026-0042) is numbered per year of the expense; two writers taking the
same number meanwhile is caught by the unique column and the number taken again.

The funder splits (`ExpenseCharge`) add up to the amount; left out, they follow the budget
line's splits (`charges_from_line`), the rest on the project's own funds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.formatting import format_money
from maillage.core.services import ModelService, bulk_save
from maillage.core.uploads import (
    KINDS,
    UploadRefused,
    check_upload,
    clean_filename,
    download_name,
)
from maillage.finance.models import BudgetLine, Expense, ExpenseCharge, ExpenseStatus, Receipt
from maillage.funding.models import Grant
from maillage.funding.money import round_money
from maillage.projects.models import Project

# Input names beside the model's columns (page forms and API bodies use the same).
CHARGES = "charges"  # the funder splits: [{"donor", "grant", "amount"}]
SUBMIT = "submit"  # true: submit the expense with this write
RECEIPT = "receipt"  # uploaded receipts stored with the expense (one file or a list)
WITH_EXPENSE = "_with_expense"  # a receipt written by its expense's service (no door sends it)

REFERENCE_PREFIX = "DEP"
REVIEW_ROLES = frozenset({"admin", "officer"})
RECEIPT_KINDS = frozenset({"pdf", "png", "jpeg", "webp", "gif"})

TRANSITIONS: dict[str, tuple[str, ...]] = {
    ExpenseStatus.DRAFT: (ExpenseStatus.SUBMITTED,),
    ExpenseStatus.RETURNED: (ExpenseStatus.SUBMITTED,),
    ExpenseStatus.SUBMITTED: (ExpenseStatus.VALIDATED, ExpenseStatus.RETURNED),
    ExpenseStatus.VALIDATED: (),
}
# Who moves an expense where: partners submit, officers decide.
REVIEW_MOVES = frozenset({ExpenseStatus.VALIDATED, ExpenseStatus.RETURNED})
EDITABLE = frozenset({ExpenseStatus.DRAFT, ExpenseStatus.RETURNED, ExpenseStatus.SUBMITTED})
PARTNER_EDITABLE = frozenset({ExpenseStatus.DRAFT, ExpenseStatus.RETURNED})

LOCKED = gettext_lazy(
    "A validated expense is locked: it cannot be changed. To correct it, make its "
    "counter-entry (“Reverse”), then enter the right expense."
)
RETURN_NEEDS_COMMENT = gettext_lazy("Say why the expense is returned: the comment is required.")
SUBMIT_NEEDS_RECEIPT = gettext_lazy("Attach at least one receipt before submitting the expense.")


def max_receipt_bytes() -> int:
    return int(getattr(settings, "RECEIPT_MAX_BYTES", 20 * 1024 * 1024))


def is_reviewer(user: Any) -> bool:
    """Officers and administrators validate and return expenses; partners never."""
    return bool(getattr(user, "is_active", False)) and getattr(user, "role", None) in REVIEW_ROLES


def may_edit(expense: Expense, user: Any) -> bool:
    """Staff who write edit any expense not validated; a partner only the drafts and
    returned expenses it entered."""
    if expense.status not in EDITABLE:
        return False
    if getattr(user, "can_write", False):
        return True
    return (
        getattr(user, "role", None) == "partner"
        and expense.entered_by_id == getattr(user, "pk", None)
        and expense.status in PARTNER_EDITABLE
    )


# -- references ------------------------------------------------------------------------


def _year(expense: Expense) -> int:
    return expense.spent_on.year if expense.spent_on else timezone.localdate().year


def next_number(year: int) -> int:
    """The number after the highest of `year` (trashed expenses keep theirs)."""
    prefix = f"{REFERENCE_PREFIX}-{year}-"
    last = (
        Expense._base_manager.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    if last is None:
        return 1
    try:
        return int(last.removeprefix(prefix)) + 1
    except ValueError:
        return Expense._base_manager.filter(reference__startswith=prefix).count() + 1


def format_reference(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year}-{number:04d}"


# -- money -------------------------------------------------------------------------------


def amount_problem(amount: Decimal | None, currency: str) -> str | None:
    """Why `amount` cannot be an amount in `currency` (more decimals than its minor unit)."""
    if amount is None or not currency:
        return None
    if -int(amount.as_tuple().exponent) > 2:
        return None  # the column's own rule (two decimals at most) already says so
    if round_money(amount, currency) == amount:
        return None
    digits = -int(round_money(Decimal(1), currency).as_tuple().exponent)  # type: ignore[union-attr]  # round_money of a number is a number
    if digits == 0:
        return _("Amounts in %(currency)s are whole numbers (no decimals).") % {
            "currency": currency
        }
    return _("Amounts in %(currency)s have at most %(digits)s decimals.") % {
        "currency": currency,
        "digits": digits,
    }


def charges_from_line(expense: Expense) -> list[dict[str, Any]]:
    """The expense's splits in the proportions of its budget line's splits (what a
    partner, who sees no funder, gets); what the line's splits leave is own funds; the
    rounding remainder goes to the largest share."""
    amount = expense.amount
    line = BudgetLine.objects.filter(pk=expense.budget_line_id).first()
    splits = list(line.splits.order_by("pk")) if line is not None else []
    total = line.amount if line is not None else Decimal(0)
    rows: list[dict[str, Any]] = []
    if splits and total:
        for split in splits:
            share = round_money(amount * split.amount / total, expense.currency)
            if share:
                rows.append({"donor": split.donor, "grant": split.grant, "amount": share})
    covered = sum((row["amount"] for row in rows), Decimal(0))
    rest = amount - covered
    funded = sum((s.amount for s in splits), Decimal(0))
    if rest and (not rows or funded < total):
        rows.append({"donor": None, "grant": None, "amount": rest})
    elif rest:
        max(rows, key=lambda row: abs(row["amount"]))["amount"] += rest
    return rows


def _charge_rows(value: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in value or ()]


def _grants(rows: Iterable[Mapping[str, Any]]) -> list[Grant]:
    grants = [row["grant"] for row in rows if row.get("grant") is not None]
    ids = {g.pk if isinstance(g, Grant) else g for g in grants}
    return list(Grant.all_objects.filter(pk__in=ids).select_related("application"))


def _funder_label(grant: Grant, by: Any) -> str:
    """How a refusal names a grant: by name for the service's staff; partners, who see
    no funding record, read "a funder's grant"."""
    if getattr(by, "is_internal", by is None):
        return _("the grant “%(grant)s”") % {"grant": grant}
    return _("a funder's grant")


def grant_period_problem(grant: Grant, spent_on: Any, by: Any) -> str | None:
    if spent_on is None:
        return None
    start, end = grant.start_on, grant.end_on
    if (start is None or spent_on >= start) and (end is None or spent_on <= end):
        return None
    from maillage.core.formatting import display_value

    return _(
        "The date of the expense is outside the period of %(grant)s (%(start)s – %(end)s): "
        "it cannot be charged to it."
    ) % {
        "grant": _funder_label(grant, by),
        "start": display_value(grant, "start_on") if start else "…",
        "end": display_value(grant, "end_on") if end else "…",
    }


# -- receipts ----------------------------------------------------------------------------


def checksum_of(file: Any) -> str:
    """SHA-256 of a file's bytes, read in pieces; the file is left at its start."""
    digest = hashlib.sha256()
    file.seek(0)
    for piece in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(piece)
    file.seek(0)
    return digest.hexdigest()


def check_receipt_file(file: Any) -> str:
    """The receipt's kind (PDF or image), by content and size, else UploadRefused."""
    return check_upload(file, allowed=RECEIPT_KINDS, max_bytes=max_receipt_bytes())


def attached_elsewhere(checksum: str, *, expense: Expense | None, by: Any) -> str | None:
    """Why a file with this checksum may not be attached to `expense`: it already is,
    to it or to another expense (named when the user may open it)."""
    others = Receipt.objects.filter(checksum=checksum).select_related("expense")
    if expense is not None and expense.pk is not None:
        if others.filter(expense_id=expense.pk).exists():
            return _("This receipt is already attached to this expense.")
        others = others.exclude(expense_id=expense.pk)
    other = others.order_by("pk").first()
    if other is None:
        return None
    seen = by is None or Expense.objects.visible_to(by).filter(pk=other.expense_id).exists()
    if seen:
        return _("This receipt is already attached to expense %(reference)s.") % {
            "reference": other.expense.reference
        }
    return _("This receipt is already attached to another expense.")


def _uploads(value: Any) -> list[Any]:
    if not value:
        return []
    return [f for f in (value if isinstance(value, list | tuple) else [value]) if f]


class ReceiptService(ModelService[Receipt]):
    """A receipt: a PDF or an image, checked by its content and size whatever the door;
    its SHA-256 kept; the same file attached twice refused. Nothing changes on a
    validated expense."""

    model = Receipt
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "checksum",
        "size",
    }

    @classmethod
    def unchecked_fields(cls, obj: Receipt) -> set[str]:
        # Derived from the file here, never typed: a refused file leaves them blank.
        return super().unchecked_fields(obj) | {"checksum", "size", "original_name"}

    @classmethod
    def prepare(cls, obj: Receipt, *, by: Any, before: Receipt | None) -> None:
        file = obj.file
        if not file or (before is not None and before.file.name == file.name):
            return
        if not obj.original_name:
            obj.original_name = clean_filename(getattr(file, "name", "") or "receipt")[:255]
        upload = getattr(file, "file", file)
        size = getattr(upload, "size", None)
        if isinstance(size, int) and 0 < size <= max_receipt_bytes():
            obj.size = size
            obj.checksum = checksum_of(upload)

    @classmethod
    def validate(
        cls, obj: Receipt, *, by: Any, before: Receipt | None, related: dict[str, Any]
    ) -> None:
        expense = Expense.all_objects.filter(pk=obj.expense_id).first()
        if expense is not None and expense.is_locked:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        # Receipts sent with their expense's own write (a partner submitting at once) are
        # checked by that write; on their own, they follow who may edit the expense.
        own = related.get(WITH_EXPENSE)
        if expense is not None and by is not None and not own and not may_edit(expense, by):
            raise ValidationError({NON_FIELD_ERRORS: _("You may not change this expense.")})
        file = obj.file
        if not file or (before is not None and before.file.name == file.name):
            return
        upload = getattr(file, "file", file)
        try:
            kind = check_receipt_file(upload)
        except UploadRefused as refused:
            raise ValidationError({"file": refused.messages}) from None
        upload.detected_kind = kind
        obj.checksum = obj.checksum or checksum_of(upload)
        obj.size = obj.size or getattr(upload, "size", None) or file.size
        obj.original_name = download_name(obj.original_name or "receipt", f"f{KINDS[kind][1][0]}")
        problem = attached_elsewhere(obj.checksum, expense=expense, by=by)
        if problem:
            raise ValidationError({"file": problem})

    @classmethod
    def delete(cls, *, obj: Receipt, by: Any, reason: str | None = None) -> str | None:
        expense = obj.expense
        if expense.is_locked:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        storage, name = obj.file.storage, obj.file.name
        said = super().delete(obj=obj, by=by, reason=reason)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return said


class ExpenseChargeService(ModelService[ExpenseCharge]):
    """A funder split: written with its expense (`ExpenseService`, input `charges`),
    which checks they add up to its amount."""

    model = ExpenseCharge


class ExpenseService(ModelService[Expense]):
    """Expenses: numbering, splits, the line of the project's budget, amounts by currency,
    the grant's period, the moves of the status and the lock once validated."""

    model = Expense
    protected_fields: ClassVar[frozenset[str]] = ModelService.protected_fields | {
        "reference",
        "status",
        "return_comment",
        "entered_by",
        "validated_by",
        "validated_at",
        "reverses",
    }

    # -- the write -------------------------------------------------------------------

    @classmethod
    def apply(cls, obj: Expense, data: Mapping[str, Any]) -> dict[str, Any]:
        related = super().apply(obj, data)
        if related.get(SUBMIT) and obj.status in (ExpenseStatus.DRAFT, ExpenseStatus.RETURNED):
            obj.status = ExpenseStatus.SUBMITTED
        return related

    @classmethod
    def unchecked_fields(cls, obj: Expense) -> set[str]:
        # The reference is numbered here, never typed; a number taken meanwhile is caught
        # by the unique column when saving (`save`), not by a check before it.
        return super().unchecked_fields(obj) | {"reference"}

    @classmethod
    def prepare(cls, obj: Expense, *, by: Any, before: Expense | None) -> None:
        if before is None:
            if obj.entered_by_id is None and getattr(by, "pk", None) is not None:
                obj.entered_by = by
            if not obj.reference:
                obj.reference = format_reference(_year(obj), next_number(_year(obj)))

    @classmethod
    def validate(
        cls, obj: Expense, *, by: Any, before: Expense | None, related: dict[str, Any]
    ) -> None:
        if before is not None and before.status == ExpenseStatus.VALIDATED:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        errors: dict[str, list[Any]] = {}

        def refuse(field: str, message: Any) -> None:
            errors.setdefault(field, []).append(message)

        moving = before is not None and before.status != obj.status
        if by is not None and before is not None and not moving and not may_edit(before, by):
            refuse(NON_FIELD_ERRORS, _("You may not change this expense."))
        # Forms and the API offer only the projects the user sees; checked again here.
        new_project = before is None or before.project_id != obj.project_id
        if by is not None and obj.project_id is not None and new_project:
            visible = Project.objects.visible_to(by).filter(pk=obj.project_id).exists()
            if not visible:
                refuse("project", _("You may not write on this project."))
        if obj.project_id is not None and obj.budget_line_id is not None:
            belongs = BudgetLine.all_objects.filter(
                pk=obj.budget_line_id, budget_version__budget__project_id=obj.project_id
            ).exists()
            if not belongs:
                refuse(
                    "budget_line",
                    _("This budget line is not in the budget of the expense's project."),
                )
        problem = amount_problem(obj.amount, obj.currency)
        if problem:
            refuse("amount", problem)
        rows = cls._charges(obj, before, related)
        # A line of another project says it once: its splits are not judged as well.
        checkable = obj.amount is not None and not problem and "budget_line" not in errors
        if rows is not None and checkable:
            cls._check_charges(obj, rows, by, refuse)
        cls._check_receipts(obj, by, related, refuse)
        has_upload = bool(_uploads(related.get(RECEIPT)))
        if before is not None and before.status != obj.status:
            cls._check_move(obj, before=before, by=by, related=related, refuse=refuse)
        elif before is None and obj.status == ExpenseStatus.SUBMITTED and not has_upload:
            refuse(RECEIPT, SUBMIT_NEEDS_RECEIPT)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def _charges(
        cls, obj: Expense, before: Expense | None, related: dict[str, Any]
    ) -> list[dict[str, Any]] | None:
        """The splits this write gives the expense (None: they stay as they are)."""
        if CHARGES in related and related[CHARGES] is not None:
            return _charge_rows(related[CHARGES])
        if obj.amount is None or obj.budget_line_id is None or not obj.currency:
            return None
        if amount_problem(obj.amount, obj.currency):
            return None
        moved = before is None or any(
            getattr(before, name) != getattr(obj, name)
            for name in ("amount", "currency", "budget_line_id")
        )
        if not moved:
            return None
        rows = charges_from_line(obj)
        related[CHARGES] = rows  # written by save_related
        return rows

    @classmethod
    def _check_charges(cls, obj: Expense, rows: list[dict[str, Any]], by: Any, refuse: Any) -> None:
        total = Decimal(0)
        for row in rows:
            amount = row.get("amount")
            if amount is None:
                refuse(CHARGES, _("Each funder's share needs an amount."))
                return
            problem = amount_problem(amount, obj.currency)
            if problem:
                refuse(CHARGES, problem)
                return
            if amount == 0 or (amount > 0) != (obj.amount > 0):
                refuse(CHARGES, _("Each funder's share has the sign of the expense, never 0."))
                return
            total += amount
        if total != obj.amount:
            refuse(
                CHARGES,
                _("The funders' shares add up to %(total)s; the expense is %(amount)s.")
                % {
                    "total": format_money(total, obj.currency),
                    "amount": format_money(obj.amount, obj.currency),
                },
            )
        grants = _grants(rows)
        for grant in grants:
            if grant.application.project_id != obj.project_id:
                refuse(
                    CHARGES,
                    _("%(grant)s does not fund this project.")
                    % {"grant": _funder_label(grant, by)},
                )
            elif obj.reverses_id is None:
                problem = grant_period_problem(grant, obj.spent_on, by)
                if problem:
                    refuse("spent_on", problem)
        for row in rows:
            given, donor = row.get("grant"), row.get("donor")
            if given is not None and donor is not None:
                donor_id = getattr(donor, "pk", donor)
                match = next((g for g in grants if g.pk == getattr(given, "pk", given)), None)
                if match is not None and _grant_donor_id(match) != donor_id:
                    refuse(CHARGES, _("The grant of a share is not the donor's."))

    @classmethod
    def _check_receipts(cls, obj: Expense, by: Any, related: dict[str, Any], refuse: Any) -> None:
        seen: set[str] = set()
        for upload in _uploads(related.get(RECEIPT)):
            try:
                upload.detected_kind = check_receipt_file(upload)
            except UploadRefused as refused:
                for message in refused.messages:
                    refuse(RECEIPT, message)
                continue
            checksum = checksum_of(upload)
            problem = attached_elsewhere(checksum, expense=obj, by=by)
            if checksum in seen:
                problem = _("The same file is sent twice.")
            if problem:
                refuse(RECEIPT, problem)
            seen.add(checksum)

    @classmethod
    def _check_move(
        cls,
        obj: Expense,
        *,
        before: Expense,
        by: Any,
        related: dict[str, Any],
        refuse: Any,
    ) -> None:
        if obj.status not in TRANSITIONS.get(before.status, ()):
            refuse(
                "status",
                _("An expense cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": ExpenseStatus(before.status).label,
                    "to": ExpenseStatus(obj.status).label,
                },
            )
            return
        if obj.status in REVIEW_MOVES and by is not None and not is_reviewer(by):
            refuse("status", _("Only the service's officers validate or return expenses."))
            return
        if obj.status == ExpenseStatus.SUBMITTED:
            if by is not None and not may_edit(before, by):
                refuse("status", _("You may not submit this expense."))
            has_receipt = _uploads(related.get(RECEIPT)) or obj.receipts.exists()
            if not has_receipt:
                refuse(RECEIPT, SUBMIT_NEEDS_RECEIPT)
        if obj.status == ExpenseStatus.RETURNED and not obj.return_comment.strip():
            refuse("return_comment", RETURN_NEEDS_COMMENT)

    @classmethod
    def save(cls, obj: Expense, *, by: Any, reason: str | None) -> None:
        if obj.pk is not None:
            super().save(obj, by=by, reason=reason)
            return
        # Someone may take the same number between our count and our insert: the unique
        # column refuses the second, which takes the next number.
        for _attempt in range(20):
            try:
                with transaction.atomic():
                    super().save(obj, by=by, reason=reason)
                return
            except IntegrityError:
                if not Expense._base_manager.filter(reference=obj.reference).exists():
                    raise
                obj.pk = None
                obj._state.adding = True
                obj.reference = format_reference(_year(obj), next_number(_year(obj)))
        raise IntegrityError("no free expense reference")

    @classmethod
    def save_related(cls, obj: Expense, related: dict[str, Any], *, by: Any) -> None:
        if related.get(CHARGES) is not None:
            ExpenseCharge.objects.filter(expense=obj).delete()
            charges = [
                ExpenseCharge(
                    expense=obj,
                    donor=_donor_of(row),
                    grant=row.get("grant"),
                    amount=row["amount"],
                )
                for row in _charge_rows(related[CHARGES])
            ]
            bulk_save(ExpenseCharge, charges, by=by, reason=None)
        for upload in _uploads(related.get(RECEIPT)):
            ReceiptService.create(data={"expense": obj, "file": upload, WITH_EXPENSE: True}, by=by)

    @classmethod
    def before_delete(cls, obj: Expense, *, by: Any) -> None:
        if obj.status == ExpenseStatus.VALIDATED:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        if by is not None and not may_edit(obj, by):
            raise ValidationError({NON_FIELD_ERRORS: _("You may not delete this expense.")})

    @classmethod
    def create_many(
        cls, objs: list[Expense], *, by: Any, reason: str | None = None, batch_size: int = 500
    ) -> list[Expense]:
        """An import's rows: numbered one after the other per year, then the same checks
        as one create, inserted together with their splits (from their lines)."""
        numbers: dict[int, int] = {}
        for obj in objs:
            if not obj.reference:
                year = _year(obj)
                numbers[year] = numbers.get(year) or next_number(year)
                obj.reference = format_reference(year, numbers[year])
                numbers[year] += 1
        with transaction.atomic():
            created = super().create_many(objs, by=by, reason=reason, batch_size=batch_size)
            charges = [
                ExpenseCharge(
                    expense=obj, donor=_donor_of(row), grant=row["grant"], amount=row["amount"]
                )
                for obj in created
                for row in charges_from_line(obj)
            ]
            bulk_save(ExpenseCharge, charges, by=by, reason=reason)
        return created

    # -- the moves ---------------------------------------------------------------------

    @classmethod
    def move(
        cls,
        *,
        obj: Expense,
        status: str,
        by: Any,
        comment: str = "",
        version: int | None = None,
    ) -> Expense:
        """Submit, validate or return an expense (a comment is required to return it;
        it is the history's reason): the same rules whatever the door."""
        if status not in ExpenseStatus.values:
            raise ValidationError({"status": _("This status is not one of an expense's.")})
        comment = (comment or "").strip()
        with transaction.atomic():
            before = cls.lock(obj, version)
            obj.refresh_from_db()
            obj.status = status
            if status == ExpenseStatus.RETURNED:
                obj.return_comment = comment
            if status == ExpenseStatus.VALIDATED:
                obj.validated_by = by if getattr(by, "pk", None) else None
                obj.validated_at = timezone.now()
            cls.clean(obj, by=by, before=before, related={})
            reason = comment or str(ExpenseStatus(status).label)
            cls.save(obj, by=by, reason=reason)
        return obj

    @classmethod
    def reverse(cls, *, obj: Expense, by: Any, reason: str = "") -> Expense:
        """The counter-entry of a validated expense: its negative copy (same date, line,
        project and splits, so the pair cancels in every total and period), validated at
        once. The expense itself stays as it was."""
        if by is not None and not is_reviewer(by):
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Only the service's officers reverse expenses.")}
            )
        with transaction.atomic():
            cls.lock(obj, None)
            obj.refresh_from_db()
            if obj.status != ExpenseStatus.VALIDATED or obj.reverses_id is not None:
                raise ValidationError(
                    {NON_FIELD_ERRORS: _("Only a validated expense can be reversed.")}
                )
            if Expense.all_objects.filter(reverses=obj).exists():
                raise ValidationError(
                    {NON_FIELD_ERRORS: _("This expense has already been reversed.")}
                )
            counter = Expense(
                project_id=obj.project_id,
                spent_on=obj.spent_on,
                payee_id=obj.payee_id,
                payee_name=obj.payee_name,
                description=(
                    _("Counter-entry of %(reference)s: %(text)s")
                    % {"reference": obj.reference, "text": obj.description}
                )[: Expense._meta.get_field("description").max_length],
                amount=-obj.amount,
                currency=obj.currency,
                payment_method=obj.payment_method,
                budget_line_id=obj.budget_line_id,
                status=ExpenseStatus.VALIDATED,
                validated_by=by if getattr(by, "pk", None) else None,
                validated_at=timezone.now(),
                reverses=obj,
            )
            rows = [
                {"donor": c.donor, "grant": c.grant, "amount": -c.amount}
                for c in obj.charges.select_related("donor", "grant").order_by("pk")
            ]
            related: dict[str, Any] = {CHARGES: rows}
            cls.prepare(counter, by=by, before=None)
            cls.clean(counter, by=by, before=None, related=related)
            text = reason.strip() or _("Counter-entry of %(reference)s") % {
                "reference": obj.reference
            }
            cls.save(counter, by=by, reason=text)
            cls.save_related(counter, related, by=by)
        return counter


def _donor_of(row: Mapping[str, Any]) -> Any:
    """The donor of a split: given, else the grant's."""
    if row.get("donor") is not None:
        return row["donor"]
    grant = row.get("grant")
    if grant is None:
        return None
    if not isinstance(grant, Grant):
        grant = Grant.all_objects.select_related("application__call__instrument").get(pk=grant)
    return grant.application.call.instrument.donor


def _grant_donor_id(grant: Grant) -> Any:
    return (
        Grant.all_objects.filter(pk=grant.pk)
        .values_list("application__call__instrument__donor", flat=True)
        .first()
    )


def allowed_moves(expense: Expense, user: Any) -> list[tuple[str, str]]:
    """Where the user may move the expense next: (status, label)."""
    moves = []
    for status in TRANSITIONS.get(expense.status, ()):
        if status in REVIEW_MOVES and not is_reviewer(user):
            continue
        if status == ExpenseStatus.SUBMITTED and not may_edit(expense, user):
            continue
        moves.append((status, str(ExpenseStatus(status).label)))
    return moves


def receipt_too_big_message() -> str:
    return _("The file is too large; the limit for a receipt is %(limit)s.") % {
        "limit": filesizeformat(max_receipt_bytes())
    }
