"""Expenses (E2): what was spent on a project, charged to a budget line and to funders
(splits), with its receipts; entered (by partners too), submitted, validated by an
officer or returned. A validated expense is locked: a correction is a counter-entry
(`reverses`), with the opposite sign."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.model_checks import FastChecks
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
    trash_index,
)
from maillage.core.reference import currency_choices
from maillage.core.text import SHORT_TEXT, TEXT
from maillage.core.uploads import StoredFileField
from maillage.funding.models.calls import MAX_AMOUNT
from maillage.projects.models.projects import ProjectScopedQuerySet

if TYPE_CHECKING:
    from maillage.accounts.models import User

AMOUNT_SIGN = _(
    "An expense is a positive amount up to 1,000,000,000; only a counter-entry is negative."
)


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Bank transfer")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    CHEQUE = "cheque", _("Cheque")
    DIRECT_DEBIT = "direct_debit", _("Direct debit")
    MOBILE = "mobile", _("Mobile money")
    OTHER = "other", _("Other")


class ExpenseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")


class ExpenseQuerySet(ProjectScopedQuerySet):
    """A partner sees the expenses of its projects."""

    def validated(self) -> ExpenseQuerySet:
        return self.filter(status=ExpenseStatus.VALIDATED)


class Expense(FastChecks, SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """An expense of a project: when, to whom, what for, how much in which currency, how
    paid, on which budget line; its funder splits are `ExpenseCharge` rows."""

    create_title = _("New expense")

    SEARCH_FIELDS = ("reference", "payee_name", "description")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    reference = models.CharField(
        _("reference"), max_length=30, unique=True, help_text=_("For example DEP-2026-0042.")
    )
    spent_on = models.DateField(_("date of expense"))
    payee = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("payee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses_received",
    )
    payee_name = models.CharField(
        _("payee name"),
        max_length=200,
        blank=True,
        help_text=_("When the payee is not an organisation of the directory."),
    )
    description = models.TextField(
        _("description"), max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    payment_method = models.CharField(
        _("payment method"),
        max_length=16,
        choices=PaymentMethod.choices,
        default=PaymentMethod.TRANSFER,
    )
    budget_line = models.ForeignKey(
        "finance.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ExpenseStatus.choices, default=ExpenseStatus.DRAFT
    )
    return_comment = models.TextField(
        _("return comment"),
        blank=True,
        max_length=SHORT_TEXT,
        validators=[MaxLengthValidator(SHORT_TEXT)],
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses_entered",
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses_validated",
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    reverses = models.ForeignKey(
        "self",
        verbose_name=_("counter-entry of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(ExpenseQuerySet)()
    all_objects = models.Manager.from_queryset(ExpenseQuerySet)()

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-pk"]
        indexes = [
            trash_index("expense_trashed"),
            # A project's live expenses of a status, in the list's order; a partner's
            # (those of its projects) too: their count reads the index alone, and a page
            # reads each project's newest only (SQLite stops each project's range at the
            # page). Without the date nor the condition, the count of a partner's
            # validated expenses read 111,000 rows for their `deleted_at`, and its page
            # sorted them all (national scale: 180 -> 25 ms for the page).
            models.Index(
                fields=["project", "status", "spent_on", "id"],
                name="expense_project_status",
                condition=models.Q(deleted_at__isnull=True),
            ),
            models.Index(fields=["budget_line", "status"], name="expense_line_status"),
            # The live expenses of budget lines, counted from the index alone (the list
            # filtered by a line's code or category, finance.filters; a count asks the
            # lines' ids of this index: core.pagination.counted), a partner's too (their
            # projects': the count of a category, SQLite, national scale: the officer's
            # read 1,000,000 rows, now 10 ms; the partner's 106 -> 10 ms).
            models.Index(fields=["budget_line", "deleted_at", "project"], name="expense_line_live"),
            # A line's live expenses in the list's order: the list sorted by line reads
            # each line's from here (core.ordering).
            models.Index(
                fields=["budget_line", "spent_on", "id"],
                name="expense_line_spent",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The default sort: a page of the list reads the index instead of sorting
            # (a million expenses at national scale). Live rows only: the list's count
            # and a deep page's ids (core.pagination) read this index alone, not the
            # table, for `deleted_at IS NULL` (count 124 -> 52 ms, page 20,000's ids
            # 418 -> 46 ms on SQLite).
            models.Index(
                fields=["-spent_on", "-id"],
                name="expense_spent_idx",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The list filtered by status (`?status=validated`: 950,000 of a million at
            # national scale), and the validation queue, oldest first, with its count on
            # every officer's home page (26,000 submitted: 548 -> 46 ms): their count and
            # their page's ids read this index alone. The other indexes of live rows hold
            # no status, so SQLite read each expense's row for it: the validated count
            # took 2.4 s of CPU (18.8 s from a cold cache). The status leads, and the
            # condition names no status: the queries compare the status to a bound
            # parameter, which SQLite cannot match with an index's condition (the former
            # `expense_queue`, of submitted expenses only, needed the column for that).
            models.Index(
                fields=["status", "spent_on", "id"],
                name="expense_status_live",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # A project's expenses, and a partner's (those of its projects): their count
            # and their page's ids read this index alone (PostgreSQL, a partner's 117,218
            # expenses: count 271 -> 64 ms, ids of page 1 -> 87 ms), filtered by currency
            # or budget line too (SQLite, national scale, the partner's list p95:
            # `?currency=` 165 -> 65 ms, `?category=` 202 -> 35 ms: each of their
            # expenses' rows was read for its currency or line). `deleted_at` is carried
            # although the condition fixes it: SQLite reads an index alone only when it
            # holds every column the query names, and otherwise preferred the foreign
            # key's index.
            models.Index(
                fields=["project", "spent_on", "id", "currency", "budget_line", "deleted_at"],
                name="expense_project_live",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The list filtered by currency, in its order (the officer's `?currency=XOF`:
            # its count read the million rows).
            models.Index(
                fields=["currency", "spent_on", "id"],
                name="expense_currency_live",
                condition=models.Q(deleted_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0, amount__lte=MAX_AMOUNT)
                | models.Q(reverses__isnull=False, amount__lt=0, amount__gte=-MAX_AMOUNT),
                name="expense_amount_sign",
                violation_error_message=AMOUNT_SIGN,
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ExpenseStatus.VALIDATED)
                | models.Q(validated_at__isnull=False),
                name="expense_validated_stamped",
                violation_error_message=_("A validated expense says when it was validated."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("finance:expense_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == ExpenseStatus.VALIDATED


class ExpenseChildQuerySet(SearchQuerySet):
    """Rows of an expense: seen with their expense."""

    def visible_to_partner(self, user: User) -> Any:
        return self.filter(expense__in=Expense.objects.visible_to_partner(user).values("pk"))


class ExpenseCharge(TimestampedModel):
    """The share of an expense a funder pays (a donor, through a grant when known; own
    funds when neither), in the expense's currency."""

    create_title = _("New charge")

    expense = models.ForeignKey(
        Expense, verbose_name=_("expense"), on_delete=models.CASCADE, related_name="charges"
    )
    donor = models.ForeignKey(
        "funding.Donor",
        verbose_name=_("donor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expense_charges",
        help_text=_("Leave empty for the project's own funds."),
        db_index=False,  # the index of the donor's charges below serves it
    )
    grant = models.ForeignKey(
        "funding.Grant",
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expense_charges",
        db_index=False,  # the index of the grant's charges below serves it
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    objects = ExpenseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["expense", "pk"]
        # The expenses charged to a funder (the expense list's `?grant=` and `?donor=`,
        # finance.filters), read from the index alone: a grant's 30,379 charges were
        # each read from the table for their expense (SQLite, national scale).
        indexes = [
            models.Index(fields=["grant", "expense"], name="charge_grant_expense"),
            models.Index(fields=["donor", "expense"], name="charge_donor_expense"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=-MAX_AMOUNT, amount__lte=MAX_AMOUNT),
                name="expense_charge_amount_range",
                violation_error_message=_("Enter an amount of at most 1,000,000,000."),
            ),
        ]

    def __str__(self) -> str:
        if self.grant_id:
            return str(self.grant)
        if self.donor_id:
            return str(self.donor)
        return str(_("Own funds"))

    def get_absolute_url(self) -> str:
        return reverse("finance:expense_detail", args=[self.expense_id])


class Receipt(TimestampedModel):
    """A supporting document of an expense (a PDF or an image, checked by its content),
    with the SHA-256 of its bytes: the same receipt attached twice is found by it."""

    create_title = _("New receipt")

    expense = models.ForeignKey(
        Expense, verbose_name=_("expense"), on_delete=models.CASCADE, related_name="receipts"
    )
    file = StoredFileField(_("file"), upload_to="finance/receipts/%Y/")
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = ExpenseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["expense", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name.rsplit("/", 1)[-1]

    def get_absolute_url(self) -> str:
        return reverse("finance:expense_detail", args=[self.expense_id])
