"""Project budgets (E1): a budget per project, its versions (the initial one, then one
per revision, the earlier kept), the lines of each version (quantity × unit cost, by cost
category and period) and the funders that pay each line (splits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from maillage.core.collation import SortKeyField
from maillage.core.models import (
    LiveManager,
    SearchableModel,
    SearchQuerySet,
    SoftDeleteModel,
    TimestampedModel,
    VersionedModel,
)
from maillage.core.reference import currency_choices
from maillage.core.text import TEXT, normalize
from maillage.funding.models import CostCategory
from maillage.funding.models.calls import MAX_AMOUNT, amount_in_range
from maillage.projects.models.projects import ProjectScopedQuerySet

if TYPE_CHECKING:
    from maillage.accounts.models import User

AMOUNT_NOT_NEGATIVE = _("An amount cannot be negative.")
QUARTER_RANGE = _("A quarter is 1, 2, 3 or 4.")
YEAR_RANGE = _("Enter a year between 2000 and 2100.")


class BudgetQuerySet(ProjectScopedQuerySet):
    """A partner reads the budgets of its projects (the default of project records)."""


class Budget(SoftDeleteModel, VersionedModel, SearchableModel, TimestampedModel):
    """A project's forecast budget: the currency it is kept in and its versions."""

    create_title = _("New budget")

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="finance_budget",
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=currency_choices,
        default=settings.DEFAULT_CURRENCY,
        help_text=_("The currency the budget's totals are kept in (usually the project's)."),
    )
    note = models.TextField(
        _("note"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(BudgetQuerySet)()
    all_objects = models.Manager.from_queryset(BudgetQuerySet)()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["project__code", "pk"]

    def __str__(self) -> str:
        return str(self.project) if self.project_id else ""

    def get_absolute_url(self) -> str:
        return reverse("finance:budget_detail", args=[self.pk])

    def compute_search_text(self) -> str:
        if not self.project_id:
            return ""
        return normalize(f"{self.project.code} {self.project.title}")


class BudgetVersionKind(models.TextChoices):
    INITIAL = "initial", _("Initial budget")
    REVISED = "revised", _("Revised budget")


class BudgetVersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class BudgetChildQuerySet(SearchQuerySet):
    """Versions of a budget: seen with their budget."""

    def visible_to_partner(self, user: User) -> Any:
        return self.filter(budget__in=Budget.objects.visible_to_partner(user).values("pk"))


class BudgetVersion(SoftDeleteModel, VersionedModel, TimestampedModel):
    """A version of a budget: the initial one, then a revised one (after an amendment, most
    often) that starts from a copy of the previous version's lines; the earlier versions
    are kept, to compare. The adopted version is the budget in force."""

    create_title = _("New budget version")

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=BudgetVersionKind.choices,
        default=BudgetVersionKind.INITIAL,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=BudgetVersionStatus.choices,
        default=BudgetVersionStatus.DRAFT,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    amendment = models.ForeignKey(
        "partnerships.Amendment",
        verbose_name=_("amendment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_versions",
        help_text=_("The amendment this revision follows from, if any."),
    )
    note = models.TextField(
        _("note"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords()

    objects = LiveManager.from_queryset(BudgetChildQuerySet)()
    all_objects = models.Manager.from_queryset(BudgetChildQuerySet)()

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["budget", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "number"],
                name="budget_version_number_unique",
                violation_error_message=_("This budget already has a version of this number."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=BudgetVersionStatus.ADOPTED)
                | models.Q(adopted_on__isnull=False),
                name="budget_version_adopted_dated",
                violation_error_message=_("Say when the version was adopted."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="budget_version_number_positive",
                violation_error_message=_("A version number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        budget = str(self.budget) if self.budget_id else ""
        return _("%(budget)s — version %(number)s") % {"budget": budget, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("finance:budgetversion_detail", args=[self.pk])

    @property
    def is_adopted(self) -> bool:
        return self.status == BudgetVersionStatus.ADOPTED

    def clean(self) -> None:
        if self.status == BudgetVersionStatus.ADOPTED and not self.adopted_on:
            raise ValidationError({"adopted_on": _("Say when the version was adopted.")})


class BudgetLineQuerySet(SearchQuerySet):
    """Lines of a version: seen with their budget."""

    def visible_to_partner(self, user: User) -> Any:
        return self.filter(
            budget_version__budget__in=Budget.objects.visible_to_partner(user).values("pk"),
            budget_version__deleted_at__isnull=True,
        )


class BudgetLine(SoftDeleteModel, VersionedModel, TimestampedModel):
    """A line of a budget version: what is bought (quantity × unit cost, in a currency),
    under which cost category, for which year (and quarter). `amount` is the product,
    rounded to the currency's minor unit, kept by `BudgetLineService`."""

    create_title = _("New budget line")

    # Not `version`: VersionedModel's edit counter has that name.
    budget_version = models.ForeignKey(
        BudgetVersion,
        verbose_name=_("budget version"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("Kept from one version to the next, to compare.")
    )
    # The lists' order of the code, stored (core.collation): expenses sorted by line.
    code_key = SortKeyField("code")
    label = models.CharField(_("label"), max_length=200)
    category = models.CharField(
        _("cost category"), max_length=20, choices=CostCategory.choices, default=CostCategory.OTHER
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, default=1)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("A month, a trip, a day, a lump sum…")
    )
    unit_cost = models.DecimalField(_("unit cost"), max_digits=14, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=settings.DEFAULT_CURRENCY
    )
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, choices=[(q, f"T{q}") for q in range(1, 5)]
    )
    note = models.TextField(
        _("note"), blank=True, max_length=TEXT, validators=[MaxLengthValidator(TEXT)]
    )
    history = HistoricalRecords(excluded_fields=["code_key"])

    objects = LiveManager.from_queryset(BudgetLineQuerySet)()
    all_objects = models.Manager.from_queryset(BudgetLineQuerySet)()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget_version", "category", "code", "pk"]
        indexes = [
            # Expenses sorted by line walk the lines in this order, the trash included,
            # then each line's expenses (core.ordering): through the collation, SQLite
            # compared every expense's line code in Python.
            models.Index(fields=["code_key", "id"], name="budget_line_code_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_version", "code"],
                name="budget_line_code_unique",
                violation_error_message=_("This version already has a line with this code."),
            ),
            amount_in_range("quantity", "budget_line_quantity_range", nullable=False),
            amount_in_range("unit_cost", "budget_line_unit_cost_range", nullable=False),
            amount_in_range("amount", "budget_line_amount_range", nullable=False),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="budget_line_quarter_range",
                violation_error_message=QUARTER_RANGE,
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="budget_line_year_range",
                violation_error_message=YEAR_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()

    def get_absolute_url(self) -> str:
        return reverse("finance:budgetline_detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.quantity is not None
            and self.unit_cost is not None
            and self.quantity * self.unit_cost > MAX_AMOUNT
        ):
            raise ValidationError({"unit_cost": _("Quantity × unit cost exceeds 1,000,000,000.")})


class BudgetLineFundingQuerySet(SearchQuerySet):
    """Splits of a line: seen with their line."""

    def visible_to_partner(self, user: User) -> Any:
        return self.filter(line__in=BudgetLine.objects.visible_to_partner(user).values("pk"))


class BudgetLineFunding(TimestampedModel):
    """Who pays how much of a budget line, in the line's currency: a donor (through one of
    its grants, when known), or the project's own funds when no donor is given. The splits
    of a line add up to at most its amount (`BudgetLineFundingService` checks)."""

    create_title = _("New funder split")

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.CASCADE, related_name="splits"
    )
    donor = models.ForeignKey(
        "funding.Donor",
        verbose_name=_("donor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_splits",
        help_text=_("Leave empty for the project's own funds."),
    )
    grant = models.ForeignKey(
        "funding.Grant",
        verbose_name=_("grant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_splits",
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    history = HistoricalRecords()

    objects = BudgetLineFundingQuerySet.as_manager()

    class Meta:
        verbose_name = _("funder split")
        verbose_name_plural = _("funder splits")
        ordering = ["line", "pk"]
        constraints = [
            amount_in_range("amount", "budget_line_funding_amount_range", nullable=False),
        ]

    def __str__(self) -> str:
        if self.grant_id:
            return str(self.grant)
        if self.donor_id:
            return str(self.donor)
        return str(_("Own funds"))

    def get_absolute_url(self) -> str:
        return reverse("finance:budgetline_detail", args=[self.line_id])
