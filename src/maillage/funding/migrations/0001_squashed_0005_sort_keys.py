"""funding 0001–0005 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 67 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps come after the
schema: they fill the rows already there, and a database that runs this migration has
none yet in these tables."""

import datetime
import django.core.validators
import django.db.models.deletion
import maillage.actors.models.people
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
        ("funding", "0001_initial"),
        ("funding", "0002_calls_applications_grants"),
        ("funding", "0003_deadline_alerts_through_deliveries"),
        ("funding", "0004_history_reasons_as_text"),
        ("funding", "0005_sort_keys"),
    ]

    initial = True

    dependencies = [
        ("actors", "0008_default_sort_indexes"),
        ("partnerships", "0005_default_sort_indexes"),
        ("projects", "0009_default_sort_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Donor",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("state", "State (ministry)"),
                            ("agency", "Development agency"),
                            ("european_union", "European Union"),
                            ("local_authority", "Local authority"),
                            ("water_agency", "Water agency"),
                            ("multilateral", "Multilateral body"),
                            ("foundation", "Foundation"),
                            ("private", "Company"),
                            ("other", "Other donor"),
                        ],
                        default="state",
                        max_length=20,
                        verbose_name="kind of donor",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "organisation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="donor",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "donor",
                "verbose_name_plural": "donors",
                "ordering": ["organisation__name", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="FinancingPlan",
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
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "total_budget",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total budget"
                    ),
                ),
                (
                    "overheads_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Indirect costs included in the total budget.",
                        max_digits=14,
                        null=True,
                        verbose_name="overheads",
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
                    "applicant",
                    models.ForeignKey(
                        help_text="The authority that applies and whose own contribution the rules count.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="financing_plans",
                        to="actors.organisation",
                        verbose_name="applicant",
                    ),
                ),
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="financing_plan",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "financing plan",
                "verbose_name_plural": "financing plans",
                "ordering": ["project__code", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("total_budget__gte", 0)),
                        name="financing_plan_total_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("overheads_amount__isnull", True),
                            ("overheads_amount__gte", 0),
                            _connector="OR",
                        ),
                        name="financing_plan_overheads_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDonor",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("state", "State (ministry)"),
                            ("agency", "Development agency"),
                            ("european_union", "European Union"),
                            ("local_authority", "Local authority"),
                            ("water_agency", "Water agency"),
                            ("multilateral", "Multilateral body"),
                            ("foundation", "Foundation"),
                            ("private", "Company"),
                            ("other", "Other donor"),
                        ],
                        default="state",
                        max_length=20,
                        verbose_name="kind of donor",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="notes",
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
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical donor",
                "verbose_name_plural": "historical donors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFinancingPlan",
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
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                (
                    "total_budget",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total budget"
                    ),
                ),
                (
                    "overheads_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Indirect costs included in the total budget.",
                        max_digits=14,
                        null=True,
                        verbose_name="overheads",
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
                    "applicant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The authority that applies and whose own contribution the rules count.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="applicant",
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
                "verbose_name": "historical financing plan",
                "verbose_name_plural": "historical financing plans",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalInstrument",
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
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="e.g. AAP DAECT, FICOL",
                        max_length=30,
                        verbose_name="short code",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="link")),
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
                    "max_share_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The donor's funding may not exceed this share of the project's total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="maximum share of the total budget (%)",
                    ),
                ),
                (
                    "min_applicant_share_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The applicant's own contribution, cash and in-kind, as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="minimum applicant contribution (%)",
                    ),
                ),
                (
                    "min_applicant_cash_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The applicant's own cash, as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="minimum applicant cash (%)",
                    ),
                ),
                (
                    "in_kind_cap_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In-kind contributions (valorisation) may count for at most this share.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="cap on in-kind contributions (%)",
                    ),
                ),
                (
                    "in_kind_basis",
                    models.CharField(
                        choices=[
                            ("applicant", "of the applicant's contribution"),
                            ("total", "of the total budget"),
                        ],
                        default="applicant",
                        max_length=12,
                        verbose_name="in-kind cap applies to",
                    ),
                ),
                (
                    "overheads_cap_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Overheads as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="cap on overheads (%)",
                    ),
                ),
                (
                    "eligible_cost_categories",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="None chosen: every category not declared ineligible.",
                        verbose_name="eligible cost categories",
                    ),
                ),
                (
                    "ineligible_cost_categories",
                    models.JSONField(
                        blank=True, default=list, verbose_name="ineligible cost categories"
                    ),
                ),
                (
                    "eligible_countries",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Countries where the project may take place; none chosen: every country.",
                        verbose_name="eligible countries",
                    ),
                ),
                (
                    "eligible_applicant_types",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="None chosen: any kind of applicant.",
                        verbose_name="eligible applicant types",
                    ),
                ),
                (
                    "min_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="minimum amount",
                    ),
                ),
                (
                    "max_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="maximum amount",
                    ),
                ),
                (
                    "min_duration_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(600)],
                        verbose_name="minimum duration (months)",
                    ),
                ),
                (
                    "max_duration_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(600)],
                        verbose_name="maximum duration (months)",
                    ),
                ),
                (
                    "payment_pattern",
                    models.CharField(
                        choices=[
                            ("single", "One payment"),
                            ("advance_balance", "Advance, then the balance on the final report"),
                            ("yearly", "Yearly tranches against interim reports"),
                            ("milestones", "Tranches on milestones"),
                            ("reimbursement", "Reimbursement of costs incurred"),
                        ],
                        default="single",
                        max_length=20,
                        verbose_name="payment schedule",
                    ),
                ),
                (
                    "held_back_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Paid only once the final report is accepted.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="share held back until the final report (%)",
                    ),
                ),
                (
                    "payment_notes",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="payment terms",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
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
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.donor",
                        verbose_name="donor",
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
                "verbose_name": "historical instrument",
                "verbose_name_plural": "historical instruments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Instrument",
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
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="e.g. AAP DAECT, FICOL",
                        max_length=30,
                        verbose_name="short code",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="link")),
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
                    "max_share_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The donor's funding may not exceed this share of the project's total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="maximum share of the total budget (%)",
                    ),
                ),
                (
                    "min_applicant_share_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The applicant's own contribution, cash and in-kind, as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="minimum applicant contribution (%)",
                    ),
                ),
                (
                    "min_applicant_cash_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The applicant's own cash, as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="minimum applicant cash (%)",
                    ),
                ),
                (
                    "in_kind_cap_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="In-kind contributions (valorisation) may count for at most this share.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="cap on in-kind contributions (%)",
                    ),
                ),
                (
                    "in_kind_basis",
                    models.CharField(
                        choices=[
                            ("applicant", "of the applicant's contribution"),
                            ("total", "of the total budget"),
                        ],
                        default="applicant",
                        max_length=12,
                        verbose_name="in-kind cap applies to",
                    ),
                ),
                (
                    "overheads_cap_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Overheads as a share of the total budget.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="cap on overheads (%)",
                    ),
                ),
                (
                    "eligible_cost_categories",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="None chosen: every category not declared ineligible.",
                        verbose_name="eligible cost categories",
                    ),
                ),
                (
                    "ineligible_cost_categories",
                    models.JSONField(
                        blank=True, default=list, verbose_name="ineligible cost categories"
                    ),
                ),
                (
                    "eligible_countries",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Countries where the project may take place; none chosen: every country.",
                        verbose_name="eligible countries",
                    ),
                ),
                (
                    "eligible_applicant_types",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="None chosen: any kind of applicant.",
                        verbose_name="eligible applicant types",
                    ),
                ),
                (
                    "min_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="minimum amount",
                    ),
                ),
                (
                    "max_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="maximum amount",
                    ),
                ),
                (
                    "min_duration_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(600)],
                        verbose_name="minimum duration (months)",
                    ),
                ),
                (
                    "max_duration_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(600)],
                        verbose_name="maximum duration (months)",
                    ),
                ),
                (
                    "payment_pattern",
                    models.CharField(
                        choices=[
                            ("single", "One payment"),
                            ("advance_balance", "Advance, then the balance on the final report"),
                            ("yearly", "Yearly tranches against interim reports"),
                            ("milestones", "Tranches on milestones"),
                            ("reimbursement", "Reimbursement of costs incurred"),
                        ],
                        default="single",
                        max_length=20,
                        verbose_name="payment schedule",
                    ),
                ),
                (
                    "held_back_percent",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Paid only once the final report is accepted.",
                        max_digits=5,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="Enter a percentage between 0 and 100."
                            ),
                            django.core.validators.MaxValueValidator(
                                100, message="Enter a percentage between 0 and 100."
                            ),
                        ],
                        verbose_name="share held back until the final report (%)",
                    ),
                ),
                (
                    "payment_notes",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="payment terms",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "donor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="instruments",
                        to="funding.donor",
                        verbose_name="donor",
                    ),
                ),
                ("name_key", maillage.core.collation.SortKeyField(source="name")),
            ],
            options={
                "verbose_name": "instrument",
                "verbose_name_plural": "instruments",
                "ordering": ["name", "pk"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["name_key", "id"],
                        name="instrument_name_key",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_share_percent__isnull", True),
                            models.Q(
                                ("max_share_percent__gte", 0), ("max_share_percent__lte", 100)
                            ),
                            _connector="OR",
                        ),
                        name="instrument_max_share_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("min_applicant_share_percent__isnull", True),
                            models.Q(
                                ("min_applicant_share_percent__gte", 0),
                                ("min_applicant_share_percent__lte", 100),
                            ),
                            _connector="OR",
                        ),
                        name="instrument_min_applicant_share_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("min_applicant_cash_percent__isnull", True),
                            models.Q(
                                ("min_applicant_cash_percent__gte", 0),
                                ("min_applicant_cash_percent__lte", 100),
                            ),
                            _connector="OR",
                        ),
                        name="instrument_min_applicant_cash_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("in_kind_cap_percent__isnull", True),
                            models.Q(
                                ("in_kind_cap_percent__gte", 0), ("in_kind_cap_percent__lte", 100)
                            ),
                            _connector="OR",
                        ),
                        name="instrument_in_kind_cap_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("overheads_cap_percent__isnull", True),
                            models.Q(
                                ("overheads_cap_percent__gte", 0),
                                ("overheads_cap_percent__lte", 100),
                            ),
                            _connector="OR",
                        ),
                        name="instrument_overheads_cap_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("held_back_percent__isnull", True),
                            models.Q(
                                ("held_back_percent__gte", 0), ("held_back_percent__lte", 100)
                            ),
                            _connector="OR",
                        ),
                        name="instrument_held_back_percent_range",
                        violation_error_message="Enter a percentage between 0 and 100.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("min_amount__isnull", True), ("min_amount__gte", 0), _connector="OR"
                        ),
                        name="instrument_min_amount_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_amount__isnull", True), ("max_amount__gte", 0), _connector="OR"
                        ),
                        name="instrument_max_amount_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("min_amount__isnull", True),
                            ("max_amount__isnull", True),
                            ("max_amount__gte", models.F("min_amount")),
                            _connector="OR",
                        ),
                        name="instrument_amount_range",
                        violation_error_message="The minimum amount cannot be above the maximum amount.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("min_duration_months__isnull", True),
                            ("max_duration_months__isnull", True),
                            ("max_duration_months__gte", models.F("min_duration_months")),
                            _connector="OR",
                        ),
                        name="instrument_duration_range",
                        violation_error_message="The minimum duration cannot be above the maximum duration.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalInstrumentPrerequisite",
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
                ("text", models.CharField(max_length=300, verbose_name="prerequisite")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "instrument",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical prerequisite",
                "verbose_name_plural": "historical prerequisites",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFinancingLine",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("donor", "Donor funding"),
                            ("applicant_cash", "Applicant's own cash"),
                            ("applicant_in_kind", "Applicant's in-kind contribution"),
                            ("partner_cash", "Partner's cash"),
                            ("partner_in_kind", "Partner's in-kind contribution"),
                            ("other", "Other resources"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="label")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The partner that contributes; for the applicant's lines, the applicant.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.financingplan",
                        verbose_name="financing plan",
                    ),
                ),
                (
                    "instrument",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical financing line",
                "verbose_name_plural": "historical financing lines",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="FinancingLine",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("donor", "Donor funding"),
                            ("applicant_cash", "Applicant's own cash"),
                            ("applicant_in_kind", "Applicant's in-kind contribution"),
                            ("partner_cash", "Partner's cash"),
                            ("partner_in_kind", "Partner's in-kind contribution"),
                            ("other", "Other resources"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="label")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="The partner that contributes; for the applicant's lines, the applicant.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="financing_lines",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="funding.financingplan",
                        verbose_name="financing plan",
                    ),
                ),
                (
                    "instrument",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="financing_lines",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "financing line",
                "verbose_name_plural": "financing lines",
                "ordering": ["plan", "position", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gte", 0)),
                        name="financing_line_amount_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="InstrumentPrerequisite",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("text", models.CharField(max_length=300, verbose_name="prerequisite")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "instrument",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="prerequisites",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "prerequisite",
                "verbose_name_plural": "prerequisites",
                "ordering": ["instrument", "position", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="Call",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "reference",
                    models.CharField(blank=True, max_length=60, verbose_name="reference"),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="publication date"),
                ),
                ("deadline_on", models.DateField(verbose_name="submission deadline")),
                (
                    "deadline_time",
                    models.TimeField(default=datetime.time(12, 0), verbose_name="deadline time"),
                ),
                (
                    "deadline_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        default="Europe/Paris",
                        max_length=64,
                        verbose_name="deadline time zone",
                    ),
                ),
                ("deadline_at", models.DateTimeField(editable=False, verbose_name="deadline")),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="link")),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="text of the call",
                    ),
                ),
                (
                    "instrument",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="calls",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "call for proposals",
                "verbose_name_plural": "calls for proposals",
                "ordering": ["deadline_at", "pk"],
                "indexes": [models.Index(fields=["deadline_at", "id"], name="call_deadline_idx")],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="Application",
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
                    "idea_title",
                    models.CharField(
                        blank=True,
                        help_text="The idea's title, while there is no project yet.",
                        max_length=250,
                        verbose_name="project idea",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("watch", "Watch"),
                            ("go_no_go", "Go / no-go"),
                            ("drafting", "Drafting"),
                            ("submitted", "Submitted"),
                            ("granted", "Granted"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="watch",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "requested_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="requested amount",
                    ),
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
                    "submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="submitted on"),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        help_text="The officer who prepares it and receives its deadline alerts.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="funding_applications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="funding.call",
                        verbose_name="call",
                    ),
                ),
            ],
            options={
                "verbose_name": "application",
                "verbose_name_plural": "applications",
                "ordering": ["-created_at", "pk"],
                "indexes": [
                    models.Index(fields=["status", "call"], name="application_status_call")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("requested_amount__isnull", True),
                            models.Q(
                                ("requested_amount__gte", 0),
                                ("requested_amount__lte", Decimal("1000000000")),
                            ),
                            _connector="OR",
                        ),
                        name="application_amount_range",
                        violation_error_message="Enter an amount between 0 and 1,000,000,000.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CallAttachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        upload_to=maillage.core.uploads.UploadTo("funding/calls/%Y/%m/"),
                        verbose_name="file",
                    ),
                ),
                ("content_type", models.CharField(blank=True, editable=False, max_length=100)),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="funding.call",
                        verbose_name="call",
                    ),
                ),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["title", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="CallDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("name", models.CharField(max_length=200, verbose_name="document")),
                ("required", models.BooleanField(default=True, verbose_name="required")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "call",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="funding.call",
                        verbose_name="call",
                    ),
                ),
            ],
            options={
                "verbose_name": "required document",
                "verbose_name_plural": "required documents",
                "ordering": ["position", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="ChecklistItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("name", models.CharField(max_length=200, verbose_name="document")),
                ("required", models.BooleanField(default=True, verbose_name="required")),
                (
                    "provided_by",
                    models.CharField(
                        blank=True,
                        help_text="Who provides it: a service, a partner, a person.",
                        max_length=200,
                        verbose_name="provided by",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("to_provide", "To provide"),
                            ("in_progress", "In progress"),
                            ("ready", "Ready"),
                            ("not_applicable", "Not applicable"),
                        ],
                        default="to_provide",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checklist",
                        to="funding.application",
                        verbose_name="application",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist item",
                "verbose_name_plural": "checklist",
                "ordering": ["position", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="Grant",
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
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="amount granted"
                    ),
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
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "conditions",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="conditions",
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grants",
                        to="partnerships.agreement",
                        verbose_name="financing agreement",
                    ),
                ),
                (
                    "application",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="grant",
                        to="funding.application",
                        verbose_name="application",
                    ),
                ),
            ],
            options={
                "verbose_name": "grant",
                "verbose_name_plural": "grants",
                "ordering": ["-start_on", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_on__isnull", True),
                            ("start_on__isnull", True),
                            ("end_on__gte", models.F("start_on")),
                            _connector="OR",
                        ),
                        name="grant_dates_in_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount__gte", 0), ("amount__lte", Decimal("1000000000"))
                        ),
                        name="grant_amount_range",
                        violation_error_message="Enter an amount between 0 and 1,000,000,000.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalApplication",
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
                    "idea_title",
                    models.CharField(
                        blank=True,
                        help_text="The idea's title, while there is no project yet.",
                        max_length=250,
                        verbose_name="project idea",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("watch", "Watch"),
                            ("go_no_go", "Go / no-go"),
                            ("drafting", "Drafting"),
                            ("submitted", "Submitted"),
                            ("granted", "Granted"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="watch",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "requested_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="requested amount",
                    ),
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
                    "submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="submitted on"),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="notes",
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
                    "call",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.call",
                        verbose_name="call",
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
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The officer who prepares it and receives its deadline alerts.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
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
                "verbose_name": "historical application",
                "verbose_name_plural": "historical applications",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCall",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "reference",
                    models.CharField(blank=True, max_length=60, verbose_name="reference"),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="publication date"),
                ),
                ("deadline_on", models.DateField(verbose_name="submission deadline")),
                (
                    "deadline_time",
                    models.TimeField(default=datetime.time(12, 0), verbose_name="deadline time"),
                ),
                (
                    "deadline_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        default="Europe/Paris",
                        max_length=64,
                        verbose_name="deadline time zone",
                    ),
                ),
                ("deadline_at", models.DateTimeField(editable=False, verbose_name="deadline")),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="link")),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="text of the call",
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
                    "instrument",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.instrument",
                        verbose_name="instrument",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical call for proposals",
                "verbose_name_plural": "historical calls for proposals",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCallAttachment",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("file", models.TextField(max_length=100, verbose_name="file")),
                ("content_type", models.CharField(blank=True, editable=False, max_length=100)),
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
                    "call",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.call",
                        verbose_name="call",
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
                "verbose_name": "historical attachment",
                "verbose_name_plural": "historical attachments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCallDocument",
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
                ("name", models.CharField(max_length=200, verbose_name="document")),
                ("required", models.BooleanField(default=True, verbose_name="required")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "call",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.call",
                        verbose_name="call",
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
                "verbose_name": "historical required document",
                "verbose_name_plural": "historical required documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChecklistItem",
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
                ("name", models.CharField(max_length=200, verbose_name="document")),
                ("required", models.BooleanField(default=True, verbose_name="required")),
                (
                    "provided_by",
                    models.CharField(
                        blank=True,
                        help_text="Who provides it: a service, a partner, a person.",
                        max_length=200,
                        verbose_name="provided by",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("to_provide", "To provide"),
                            ("in_progress", "In progress"),
                            ("ready", "Ready"),
                            ("not_applicable", "Not applicable"),
                        ],
                        default="to_provide",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "application",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.application",
                        verbose_name="application",
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
                "verbose_name": "historical checklist item",
                "verbose_name_plural": "historical checklist",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGrant",
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
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="amount granted"
                    ),
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
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "conditions",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="conditions",
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.agreement",
                        verbose_name="financing agreement",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.application",
                        verbose_name="application",
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
                "verbose_name": "historical grant",
                "verbose_name_plural": "historical grants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReportingObligation",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("narrative", "Narrative report"),
                            ("financial", "Financial report"),
                        ],
                        default="narrative",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("is_final", models.BooleanField(default=False, verbose_name="final report")),
                ("due_on", models.DateField(verbose_name="due date")),
                (
                    "submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="submitted on"),
                ),
                (
                    "accepted_on",
                    models.DateField(blank=True, null=True, verbose_name="accepted on"),
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
                "verbose_name": "historical reporting obligation",
                "verbose_name_plural": "historical reporting obligations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ReportingObligation",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("narrative", "Narrative report"),
                            ("financial", "Financial report"),
                        ],
                        default="narrative",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("is_final", models.BooleanField(default=False, verbose_name="final report")),
                ("due_on", models.DateField(verbose_name="due date")),
                (
                    "submitted_on",
                    models.DateField(blank=True, null=True, verbose_name="submitted on"),
                ),
                (
                    "accepted_on",
                    models.DateField(blank=True, null=True, verbose_name="accepted on"),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="obligations",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
            ],
            options={
                "verbose_name": "reporting obligation",
                "verbose_name_plural": "reporting obligations",
                "ordering": ["due_on", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTranche",
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
                ("position", models.PositiveSmallIntegerField(default=1, verbose_name="number")),
                (
                    "expected_on",
                    models.DateField(blank=True, null=True, verbose_name="expected on"),
                ),
                (
                    "expected_amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="expected amount"
                    ),
                ),
                (
                    "received_on",
                    models.DateField(blank=True, null=True, verbose_name="received on"),
                ),
                (
                    "received_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="received amount",
                    ),
                ),
                (
                    "held_back",
                    models.BooleanField(
                        default=False,
                        help_text="The final share, paid once the final report is accepted.",
                        verbose_name="held back until the final report",
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
                (
                    "awaits",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The report whose acceptance releases this tranche.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="funding.reportingobligation",
                        verbose_name="paid once accepted",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical tranche",
                "verbose_name_plural": "historical tranches",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Tranche",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("position", models.PositiveSmallIntegerField(default=1, verbose_name="number")),
                (
                    "expected_on",
                    models.DateField(blank=True, null=True, verbose_name="expected on"),
                ),
                (
                    "expected_amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="expected amount"
                    ),
                ),
                (
                    "received_on",
                    models.DateField(blank=True, null=True, verbose_name="received on"),
                ),
                (
                    "received_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="received amount",
                    ),
                ),
                (
                    "held_back",
                    models.BooleanField(
                        default=False,
                        help_text="The final share, paid once the final report is accepted.",
                        verbose_name="held back until the final report",
                    ),
                ),
                (
                    "awaits",
                    models.ForeignKey(
                        blank=True,
                        help_text="The report whose acceptance releases this tranche.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="tranches",
                        to="funding.reportingobligation",
                        verbose_name="paid once accepted",
                    ),
                ),
                (
                    "grant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tranches",
                        to="funding.grant",
                        verbose_name="grant",
                    ),
                ),
            ],
            options={
                "verbose_name": "tranche",
                "verbose_name_plural": "tranches",
                "ordering": ["position", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("expected_amount__gte", 0),
                            ("expected_amount__lte", Decimal("1000000000")),
                        ),
                        name="tranche_expected_range",
                        violation_error_message="Enter an amount between 0 and 1,000,000,000.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("received_amount__isnull", True),
                            models.Q(
                                ("received_amount__gte", 0),
                                ("received_amount__lte", Decimal("1000000000")),
                            ),
                            _connector="OR",
                        ),
                        name="tranche_received_range",
                        violation_error_message="Enter an amount between 0 and 1,000,000,000.",
                    ),
                ],
            },
        ),
        migrations.RunPython(fill_sort_keys("funding.Instrument"), migrations.RunPython.noop),
    ]
