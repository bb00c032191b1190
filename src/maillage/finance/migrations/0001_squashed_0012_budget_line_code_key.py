"""finance 0001–0012 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 60 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps come after the
schema: they fill the rows already there, and a database that runs this migration has
none yet in these tables. 0006_fill_overspent_lines, elidable, is left out."""

import django.core.validators
import django.db.models.deletion
import maillage.core.collation
import maillage.core.reference
import maillage.core.uploads
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models
from maillage.core.collation import fill_sort_keys


class Migration(migrations.Migration):
    replaces = [
        ("finance", "0001_initial"),
        ("finance", "0002_financial_reports"),
        ("finance", "0003_budget_line_budget_version"),
        ("finance", "0004_expense_list_order"),
        ("finance", "0005_overspent_lines"),
        ("finance", "0006_fill_overspent_lines"),
        ("finance", "0007_live_expense_index"),
        ("finance", "0008_expense_queue_index"),
        ("finance", "0009_expense_queue_status"),
        ("finance", "0010_expense_project_index"),
        ("finance", "0011_expense_line_live_index"),
        ("finance", "0012_budget_line_code_key"),
    ]

    initial = True

    dependencies = [
        ("actors", "0010_history_reasons_as_text"),
        ("actors", "0012_sort_keys"),
        ("funding", "0004_history_reasons_as_text"),
        ("partnerships", "0006_history_reasons_as_text"),
        ("projects", "0010_history_reasons_as_text"),
        ("projects", "0011_sort_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Budget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("search_text", models.TextField(default="", editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        help_text="The currency the budget's totals are kept in (usually the project's).",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="finance_budget",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget",
                "verbose_name_plural": "budgets",
                "ordering": ["project__code", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="BudgetVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(default=1, verbose_name="number")),
                (
                    "kind",
                    models.CharField(
                        choices=[("initial", "Initial budget"), ("revised", "Revised budget")],
                        default="initial",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("adopted", "Adopted")],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("adopted_on", models.DateField(blank=True, null=True, verbose_name="adopted on")),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                (
                    "amendment",
                    models.ForeignKey(
                        blank=True,
                        help_text="The amendment this revision follows from, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="budget_versions",
                        to="partnerships.amendment",
                        verbose_name="amendment",
                    ),
                ),
                (
                    "budget",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="finance.budget",
                        verbose_name="budget",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget version",
                "verbose_name_plural": "budget versions",
                "ordering": ["budget", "number", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("budget", "number"),
                        name="budget_version_number_unique",
                        violation_error_message="This budget already has a version of this number.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "adopted"), _negated=True),
                            ("adopted_on__isnull", False),
                            _connector="OR",
                        ),
                        name="budget_version_adopted_dated",
                        violation_error_message="Say when the version was adopted.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("number__gte", 1)),
                        name="budget_version_number_positive",
                        violation_error_message="A version number starts at 1.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="BudgetLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="Kept from one version to the next, to compare.",
                        max_length=40,
                        verbose_name="code",
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="label")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("staff", "Staff"),
                            ("travel", "Travel and missions"),
                            ("equipment", "Equipment and supplies"),
                            ("works", "Works and infrastructure"),
                            ("services", "External services and studies"),
                            ("training", "Training and events"),
                            ("communication", "Communication and visibility"),
                            ("overheads", "Overheads"),
                            ("in_kind", "In-kind contributions"),
                            ("contingency", "Contingencies"),
                            ("other", "Other costs"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="cost category",
                    ),
                ),
                (
                    "quantity",
                    models.DecimalField(
                        decimal_places=2, default=1, max_digits=12, verbose_name="quantity"
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        blank=True,
                        help_text="A month, a trip, a day, a lump sum…",
                        max_length=40,
                        verbose_name="unit",
                    ),
                ),
                (
                    "unit_cost",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="unit cost"),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        editable=False,
                        max_digits=16,
                        verbose_name="amount",
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "quarter",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
                        null=True,
                        verbose_name="quarter",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="finance.budgetversion",
                        verbose_name="budget version",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
                "ordering": ["budget_version", "category", "code", "pk"],
            },
        ),
        migrations.RenameField(
            model_name="budgetline",
            old_name="version",
            new_name="budget_version",
        ),
        migrations.AddField(
            model_name="budgetline",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.AddIndex(
            model_name="budgetline",
            index=models.Index(fields=["code_key", "id"], name="budget_line_code_order"),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity__gte", 0), ("quantity__lte", Decimal("1000000000"))),
                name="budget_line_quantity_range",
                violation_error_message="Enter an amount between 0 and 1,000,000,000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("unit_cost__gte", 0), ("unit_cost__lte", Decimal("1000000000"))
                ),
                name="budget_line_unit_cost_range",
                violation_error_message="Enter an amount between 0 and 1,000,000,000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gte", 0), ("amount__lte", Decimal("1000000000"))),
                name="budget_line_amount_range",
                violation_error_message="Enter an amount between 0 and 1,000,000,000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("quarter__isnull", True),
                    models.Q(("quarter__gte", 1), ("quarter__lte", 4)),
                    _connector="OR",
                ),
                name="budget_line_quarter_range",
                violation_error_message="A quarter is 1, 2, 3 or 4.",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000), ("year__lte", 2100)),
                name="budget_line_year_range",
                violation_error_message="Enter a year between 2000 and 2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.UniqueConstraint(
                fields=("budget_version", "code"),
                name="budget_line_code_unique",
                violation_error_message="This version already has a line with this code.",
            ),
        ),
        migrations.CreateModel(
            name="ContractualRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=10,
                        help_text="Units of the currency for one euro.",
                        max_digits=20,
                        verbose_name="rate",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="note",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contractual_rates",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
            ],
            options={
                "verbose_name": "contractual rate",
                "verbose_name_plural": "contractual rates",
                "ordering": ["grant", "currency", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("grant", "currency"),
                        name="contractual_rate_unique_per_grant",
                        violation_error_message="This grant already has a rate for this currency.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("rate__gt", 0)),
                        name="contractual_rate_positive",
                        violation_error_message="A rate is a positive number.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("currency", "EUR"), _negated=True),
                        name="contractual_rate_not_euro",
                        violation_error_message="A rate converts between two different currencies.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ExchangeRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("on", models.DateField(verbose_name="date")),
                (
                    "base",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="base currency",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=10,
                        help_text="Units of the currency for one euro.",
                        max_digits=20,
                        verbose_name="rate",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("ecb", "ECB reference rate"),
                            ("bam", "Bank Al-Maghrib"),
                            ("manual", "Entered by hand"),
                            ("import", "Imported file"),
                        ],
                        default="manual",
                        max_length=16,
                        verbose_name="source",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="note",
                    ),
                ),
            ],
            options={
                "verbose_name": "exchange rate",
                "verbose_name_plural": "exchange rates",
                "ordering": ["-on", "currency", "pk"],
                "indexes": [
                    models.Index(fields=["currency", "base", "-on"], name="exchange_rate_lookup")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("on", "base", "currency"),
                        name="exchange_rate_unique_per_day",
                        violation_error_message="This currency already has a rate on this date.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("rate__gt", 0)),
                        name="exchange_rate_positive",
                        violation_error_message="A rate is a positive number.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("currency", models.F("base")), _negated=True),
                        name="exchange_rate_two_currencies",
                        violation_error_message="A rate converts between two different currencies.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("currency__in", ["XAF", "XOF"]), _negated=True),
                        name="exchange_rate_not_pegged",
                        violation_error_message="The CFA franc is pegged to the euro at 655.957 francs: it needs no rate in the table.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Expense",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("search_text", models.TextField(default="", editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        help_text="For example DEP-2026-0042.",
                        max_length=30,
                        unique=True,
                        verbose_name="reference",
                    ),
                ),
                ("spent_on", models.DateField(verbose_name="date of expense")),
                (
                    "payee_name",
                    models.CharField(
                        blank=True,
                        help_text="When the payee is not an organisation of the directory.",
                        max_length=200,
                        verbose_name="payee name",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "payment_method",
                    models.CharField(
                        choices=[
                            ("transfer", "Bank transfer"),
                            ("card", "Card"),
                            ("cash", "Cash"),
                            ("cheque", "Cheque"),
                            ("direct_debit", "Direct debit"),
                            ("mobile", "Mobile money"),
                            ("other", "Other"),
                        ],
                        default="transfer",
                        max_length=16,
                        verbose_name="payment method",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("validated", "Validated"),
                            ("returned", "Returned"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "return_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="return comment",
                    ),
                ),
                (
                    "validated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="validated at"),
                ),
                (
                    "budget_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expenses",
                        to="finance.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="expenses_entered",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
                (
                    "payee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expenses_received",
                        to="actors.organisation",
                        verbose_name="payee",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expenses",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "reverses",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversals",
                        to="finance.expense",
                        verbose_name="counter-entry of",
                    ),
                ),
                (
                    "validated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="expenses_validated",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="validated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "expense",
                "verbose_name_plural": "expenses",
                "ordering": ["-spent_on", "-pk"],
                "indexes": [
                    models.Index(fields=["project", "status"], name="expense_project_status"),
                    models.Index(fields=["budget_line", "status"], name="expense_line_status"),
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["-spent_on", "-id"],
                        name="expense_spent_idx",
                    ),
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True), ("status", "submitted")),
                        fields=["status", "spent_on", "id"],
                        name="expense_queue",
                    ),
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["project", "spent_on", "id"],
                        name="expense_project_live",
                    ),
                    models.Index(fields=["budget_line", "deleted_at"], name="expense_line_live"),
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["budget_line", "spent_on", "id"],
                        name="expense_line_spent",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("amount__gt", 0), ("amount__lte", Decimal("1000000000"))),
                            models.Q(
                                ("amount__gte", Decimal("-1000000000")),
                                ("amount__lt", 0),
                                ("reverses__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="expense_amount_sign",
                        violation_error_message="An expense is a positive amount up to 1,000,000,000; only a counter-entry is negative.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "validated"), _negated=True),
                            ("validated_at__isnull", False),
                            _connector="OR",
                        ),
                        name="expense_validated_stamped",
                        violation_error_message="A validated expense says when it was validated.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ExpenseCharge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                (
                    "donor",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty for the project's own funds.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expense_charges",
                        to="funding.donor",
                        verbose_name="donor",
                    ),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="charges",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="expense_charges",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
            ],
            options={
                "verbose_name": "charge",
                "verbose_name_plural": "charges",
                "ordering": ["expense", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount__gte", Decimal("-1000000000")),
                            ("amount__lte", Decimal("1000000000")),
                        ),
                        name="expense_charge_amount_range",
                        violation_error_message="Enter an amount of at most 1,000,000,000.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalBudget",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                ("search_text", models.TextField(default="", editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        help_text="The currency the budget's totals are kept in (usually the project's).",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical budget",
                "verbose_name_plural": "historical budgets",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetLine",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="Kept from one version to the next, to compare.",
                        max_length=40,
                        verbose_name="code",
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="label")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("staff", "Staff"),
                            ("travel", "Travel and missions"),
                            ("equipment", "Equipment and supplies"),
                            ("works", "Works and infrastructure"),
                            ("services", "External services and studies"),
                            ("training", "Training and events"),
                            ("communication", "Communication and visibility"),
                            ("overheads", "Overheads"),
                            ("in_kind", "In-kind contributions"),
                            ("contingency", "Contingencies"),
                            ("other", "Other costs"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="cost category",
                    ),
                ),
                (
                    "quantity",
                    models.DecimalField(
                        decimal_places=2, default=1, max_digits=12, verbose_name="quantity"
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        blank=True,
                        help_text="A month, a trip, a day, a lump sum…",
                        max_length=40,
                        verbose_name="unit",
                    ),
                ),
                (
                    "unit_cost",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="unit cost"),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        editable=False,
                        max_digits=16,
                        verbose_name="amount",
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "quarter",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
                        null=True,
                        verbose_name="quarter",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.budgetversion",
                        verbose_name="budget version",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical budget line",
                "verbose_name_plural": "historical budget lines",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RenameField(
            model_name="historicalbudgetline",
            old_name="version",
            new_name="budget_version",
        ),
        migrations.AddField(
            model_name="historicalbudgetline",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetLineFunding",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=16, verbose_name="amount"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "donor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leave empty for the project's own funds.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.donor",
                        verbose_name="donor",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "line",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.budgetline",
                        verbose_name="budget line",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical funder split",
                "verbose_name_plural": "historical funder splits",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetVersion",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(default=1, verbose_name="number")),
                (
                    "kind",
                    models.CharField(
                        choices=[("initial", "Initial budget"), ("revised", "Revised budget")],
                        default="initial",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("adopted", "Adopted")],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("adopted_on", models.DateField(blank=True, null=True, verbose_name="adopted on")),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "amendment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The amendment this revision follows from, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.amendment",
                        verbose_name="amendment",
                    ),
                ),
                (
                    "budget",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.budget",
                        verbose_name="budget",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical budget version",
                "verbose_name_plural": "historical budget versions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContractualRate",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=10,
                        help_text="Units of the currency for one euro.",
                        max_digits=20,
                        verbose_name="rate",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contractual rate",
                "verbose_name_plural": "historical contractual rates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExchangeRate",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("on", models.DateField(verbose_name="date")),
                (
                    "base",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="base currency",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=10,
                        help_text="Units of the currency for one euro.",
                        max_digits=20,
                        verbose_name="rate",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("ecb", "ECB reference rate"),
                            ("bam", "Bank Al-Maghrib"),
                            ("manual", "Entered by hand"),
                            ("import", "Imported file"),
                        ],
                        default="manual",
                        max_length=16,
                        verbose_name="source",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical exchange rate",
                "verbose_name_plural": "historical exchange rates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExpense",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                ("search_text", models.TextField(default="", editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        db_index=True,
                        help_text="For example DEP-2026-0042.",
                        max_length=30,
                        verbose_name="reference",
                    ),
                ),
                ("spent_on", models.DateField(verbose_name="date of expense")),
                (
                    "payee_name",
                    models.CharField(
                        blank=True,
                        help_text="When the payee is not an organisation of the directory.",
                        max_length=200,
                        verbose_name="payee name",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "payment_method",
                    models.CharField(
                        choices=[
                            ("transfer", "Bank transfer"),
                            ("card", "Card"),
                            ("cash", "Cash"),
                            ("cheque", "Cheque"),
                            ("direct_debit", "Direct debit"),
                            ("mobile", "Mobile money"),
                            ("other", "Other"),
                        ],
                        default="transfer",
                        max_length=16,
                        verbose_name="payment method",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("validated", "Validated"),
                            ("returned", "Returned"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "return_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="return comment",
                    ),
                ),
                (
                    "validated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="validated at"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "budget_line",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "payee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="payee",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "reverses",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.expense",
                        verbose_name="counter-entry of",
                    ),
                ),
                (
                    "validated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="validated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical expense",
                "verbose_name_plural": "historical expenses",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExpenseCharge",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "donor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leave empty for the project's own funds.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.donor",
                        verbose_name="donor",
                    ),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical charge",
                "verbose_name_plural": "historical charges",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReceipt",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                ("file", models.TextField(max_length=100, verbose_name="file")),
                (
                    "checksum",
                    models.CharField(
                        db_index=True, max_length=64, verbose_name="checksum (SHA-256)"
                    ),
                ),
                ("size", models.PositiveBigIntegerField(default=0, verbose_name="size")),
                (
                    "original_name",
                    models.CharField(blank=True, max_length=255, verbose_name="file name"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical receipt",
                "verbose_name_plural": "historical receipts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Receipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        upload_to=maillage.core.uploads.UploadTo("finance/receipts/%Y/"),
                        verbose_name="file",
                    ),
                ),
                (
                    "checksum",
                    models.CharField(
                        db_index=True, max_length=64, verbose_name="checksum (SHA-256)"
                    ),
                ),
                ("size", models.PositiveBigIntegerField(default=0, verbose_name="size")),
                (
                    "original_name",
                    models.CharField(blank=True, max_length=255, verbose_name="file name"),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="receipts",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
            ],
            options={
                "verbose_name": "receipt",
                "verbose_name_plural": "receipts",
                "ordering": ["expense", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="BudgetLineFunding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=16, verbose_name="amount"),
                ),
                (
                    "donor",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty for the project's own funds.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_splits",
                        to="funding.donor",
                        verbose_name="donor",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="budget_splits",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="splits",
                        to="finance.budgetline",
                        verbose_name="budget line",
                    ),
                ),
            ],
            options={
                "verbose_name": "funder split",
                "verbose_name_plural": "funder splits",
                "ordering": ["line", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount__gte", 0), ("amount__lte", Decimal("1000000000"))
                        ),
                        name="budget_line_funding_amount_range",
                        violation_error_message="Enter an amount between 0 and 1,000,000,000.",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalFinancialReport",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("period_start_on", models.DateField(verbose_name="period start")),
                ("period_end_on", models.DateField(verbose_name="period end")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("ready", "Ready to send"),
                            ("sent", "Sent to the funder"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical financial report",
                "verbose_name_plural": "historical financial reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="FinancialReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("period_start_on", models.DateField(verbose_name="period start")),
                ("period_end_on", models.DateField(verbose_name="period end")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("ready", "Ready to send"),
                            ("sent", "Sent to the funder"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="note",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="financial_reports",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
            ],
            options={
                "verbose_name": "financial report",
                "verbose_name_plural": "financial reports",
                "ordering": ["-period_end_on", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("period_end_on__gte", models.F("period_start_on"))),
                        name="financial_report_period_in_order",
                        violation_error_message="The end date must come after the start date.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=("grant", "period_start_on", "period_end_on"),
                        name="financial_report_unique_period",
                        violation_error_message="This grant already has a report for this period.",
                    ),
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="OverspentLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40, verbose_name="code")),
                ("label", models.CharField(max_length=250, verbose_name="label")),
                (
                    "currency",
                    models.CharField(
                        choices=maillage.core.reference.currency_choices,
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "forecast",
                    models.DecimalField(decimal_places=2, max_digits=20, verbose_name="forecast"),
                ),
                (
                    "actual",
                    models.DecimalField(decimal_places=2, max_digits=20, verbose_name="actual"),
                ),
                (
                    "percent",
                    models.DecimalField(
                        decimal_places=1, max_digits=24, verbose_name="percent of the forecast"
                    ),
                ),
                ("computed_at", models.DateTimeField(verbose_name="computed at")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="finance.budgetversion",
                        verbose_name="budget version",
                    ),
                ),
            ],
            options={
                "verbose_name": "over-spent budget line",
                "verbose_name_plural": "over-spent budget lines",
                "ordering": ["-percent", "project_id", "code"],
                "indexes": [
                    models.Index(fields=["project", "-percent"], name="overspent_line_project")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "code"), name="overspent_line_unique_per_project"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_sort_keys("finance.BudgetLine"), migrations.RunPython.noop),
    ]
