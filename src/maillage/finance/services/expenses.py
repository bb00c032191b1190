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

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.formatting import format_money
from maillage.core.services import ModelService, bulk_save
from maillage.core.uploads import UploadRefused
from maillage.finance.models import Expense, ExpenseCharge, ExpenseStatus
from maillage.finance.services.expense_lookups import ExpenseLookups
from maillage.finance.services.expense_rules import (
    CHARGES,
    EDITABLE,
    LOCKED,
    PARTNER_EDITABLE,
    RECEIPT,
    RECEIPT_KINDS,
    REFERENCE_PREFIX,
    RETURN_NEEDS_COMMENT,
    REVIEW_MOVES,
    REVIEW_ROLES,
    SUBMIT,
    SUBMIT_NEEDS_RECEIPT,
    TRANSITIONS,
    WITH_EXPENSE,
    _charge_rows,
    _funder_label,
    _grants,
    amount_problem,
    charges_from_line,
    grant_period_problem,
    is_reviewer,
    max_receipt_bytes,
    may_edit,
)
from maillage.finance.services.followup import refresh_after_commit
from maillage.finance.services.receipts import (
    ReceiptService,
    _uploads,
    attached_elsewhere,
    check_receipt_file,
    checksum_of,
)
from maillage.funding.models import Grant

# The names the other modules (forms, views, API, demo, tests) import from here.
__all__ = [
    "CHARGES",
    "EDITABLE",
    "LOCKED",
    "PARTNER_EDITABLE",
    "RECEIPT",
    "RECEIPT_KINDS",
    "RETURN_NEEDS_COMMENT",
    "REVIEW_MOVES",
    "REVIEW_ROLES",
    "SUBMIT",
    "SUBMIT_NEEDS_RECEIPT",
    "TRANSITIONS",
    "WITH_EXPENSE",
    "ExpenseChargeService",
    "ExpenseService",
    "ReceiptService",
    "allowed_moves",
    "amount_problem",
    "attached_elsewhere",
    "charges_from_line",
    "check_receipt_file",
    "checksum_of",
    "format_reference",
    "grant_period_problem",
    "is_reviewer",
    "max_receipt_bytes",
    "may_edit",
    "next_number",
]


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
    # Set on the copy `reading_once()` makes: the database's answers, asked once.
    lookups: ClassVar[ExpenseLookups | None] = None

    @classmethod
    def reading_once(cls, lookups: ExpenseLookups | None = None) -> type[ExpenseService]:
        """This service for many expenses at once (an import): the same rules, each
        question they ask the database asked once, of `lookups` (`expense_lookups`)."""
        return type(cls.__name__, (cls,), {"lookups": lookups or ExpenseLookups()})

    @classmethod
    def _lookups(cls) -> ExpenseLookups:
        """The memo of this copy, else a new one (one expense: each question asked once)."""
        return cls.lookups or ExpenseLookups()

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
        unchecked = super().unchecked_fields(obj) | {"reference"}
        if cls.lookups is not None:  # foreign keys already checked for an earlier row
            unchecked |= cls.lookups.checked_relations(obj)
        return unchecked

    @classmethod
    def prepare(cls, obj: Expense, *, by: Any, before: Expense | None) -> None:
        if before is None:
            if obj.entered_by_id is None and getattr(by, "pk", None) is not None:
                obj.entered_by = by
            if not obj.reference:
                year = _year(obj)
                number = cls._lookups().next_number(year, next_number)
                obj.reference = format_reference(year, number)

    @classmethod
    def validate(
        cls, obj: Expense, *, by: Any, before: Expense | None, related: dict[str, Any]
    ) -> None:
        if before is not None and before.status == ExpenseStatus.VALIDATED:
            raise ValidationError({NON_FIELD_ERRORS: LOCKED})
        errors: dict[str, list[Any]] = {}

        def refuse(field: str, message: Any) -> None:
            errors.setdefault(field, []).append(message)

        lookups = cls._lookups()
        moving = before is not None and before.status != obj.status
        if by is not None and before is not None and not moving and not may_edit(before, by):
            refuse(NON_FIELD_ERRORS, _("You may not change this expense."))
        # Forms and the API offer only the projects the user sees; checked again here.
        new_project = before is None or before.project_id != obj.project_id
        if (
            by is not None
            and obj.project_id is not None
            and new_project
            and not lookups.project_visible(by, obj.project_id)
        ):
            refuse("project", _("You may not write on this project."))
        if (
            obj.project_id is not None
            and obj.budget_line_id is not None
            and not lookups.line_in_project(obj.budget_line_id, obj.project_id)
        ):
            refuse(
                "budget_line",
                _("This budget line is not in the budget of the expense's project."),
            )
        problem = amount_problem(obj.amount, obj.currency)
        if problem:
            refuse("amount", problem)
        rows = cls._charges(obj, before, related, lookups)
        # A line of another project says it once: its splits are not judged as well.
        checkable = obj.amount is not None and not problem and "budget_line" not in errors
        if rows is not None and checkable:
            cls._check_charges(obj, rows, by, refuse, lookups)
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
        cls,
        obj: Expense,
        before: Expense | None,
        related: dict[str, Any],
        lookups: ExpenseLookups | None = None,
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
        rows = charges_from_line(obj, lookups)
        related[CHARGES] = rows  # written by save_related
        return rows

    @classmethod
    def _check_charges(
        cls,
        obj: Expense,
        rows: list[dict[str, Any]],
        by: Any,
        refuse: Any,
        lookups: ExpenseLookups | None = None,
    ) -> None:
        lookups = lookups or ExpenseLookups()
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
        grants = _grants(rows, lookups)
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
                if match is not None and lookups.grant_donor_id(match) != donor_id:
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
    def after_save(cls, obj: Expense, *, by: Any, before: Expense | None) -> None:
        # Only validated expenses count in a line's actual (the stored over-spent lines).
        if obj.status == ExpenseStatus.VALIDATED or (
            before is not None and before.status == ExpenseStatus.VALIDATED
        ):
            refresh_after_commit({obj.project_id, before.project_id if before else None})

    @classmethod
    def after_trash(cls, obj: Expense, *, by: Any) -> None:
        # A validated expense leaves only with its project (its own delete is refused).
        if obj.status == ExpenseStatus.VALIDATED:
            refresh_after_commit({obj.project_id})

    @classmethod
    def after_restore(cls, obj: Expense, *, by: Any) -> None:
        if obj.status == ExpenseStatus.VALIDATED:
            refresh_after_commit({obj.project_id})

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
        as one create, inserted together with their splits (from their lines); what the
        checks read is read once for the batch (`reading_once`), from the database as it
        is now."""
        if cls.lookups is None:
            return cls.reading_once().create_many(objs, by=by, reason=reason, batch_size=batch_size)
        cls.lookups.clear()
        cls.lookups.read_lines(obj.budget_line_id for obj in objs)
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
                for row in charges_from_line(obj, cls.lookups)
            ]
            bulk_save(ExpenseCharge, charges, by=by, reason=reason)
            refresh_after_commit(
                obj.project_id for obj in created if obj.status == ExpenseStatus.VALIDATED
            )
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
            cls.after_save(obj, by=by, before=before)
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
            cls.after_save(counter, by=by, before=None)
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
