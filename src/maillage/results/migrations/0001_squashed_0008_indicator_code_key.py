"""results 0001–0008 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 57 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps come after the
schema: they fill the rows already there, and a database that runs this migration has
none yet in these tables."""

from importlib import import_module
import django.core.validators
import django.db.models.deletion
import maillage.core.collation
import maillage.core.uploads
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models
from maillage.core.collation import fill_sort_keys


# The data steps' functions stay in the migrations they come from.
period_actual = import_module("maillage.results.migrations.0004_fill_period_actual")


class Migration(migrations.Migration):
    replaces = [
        ("results", "0001_initial"),
        ("results", "0002_value_queue_and_recent_indexes"),
        ("results", "0003_period_actual"),
        ("results", "0004_fill_period_actual"),
        ("results", "0005_live_value_index"),
        ("results", "0006_period_due_index"),
        ("results", "0007_period_date_indexes"),
        ("results", "0008_indicator_code_key"),
    ]

    initial = True

    dependencies = [
        ("projects", "0010_history_reasons_as_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CommonIndicator",
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
                ("code", models.CharField(max_length=30, verbose_name="code")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "unit",
                    models.CharField(
                        help_text="people, tonnes of CO₂, %…", max_length=60, verbose_name="unit"
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("unit", "Unit"),
                            ("percentage", "Percentage"),
                            ("nominal", "Nominal"),
                            ("ordinal", "Ordinal"),
                            ("qualitative", "Qualitative"),
                        ],
                        default="unit",
                        max_length=12,
                        verbose_name="measure",
                    ),
                ),
                (
                    "definition",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="definition",
                    ),
                ),
            ],
            options={
                "verbose_name": "common indicator",
                "verbose_name_plural": "common indicators",
                "ordering": ["code", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=("code",),
                        name="common_indicator_code_unique",
                        violation_error_message="Another common indicator has this code.",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="Dimension",
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
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sex", "Sex"),
                            ("age", "Age group"),
                            ("location", "Location"),
                            ("custom", "Custom"),
                        ],
                        default="custom",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: shared by every project.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="dimensions",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "disaggregation",
                "verbose_name_plural": "disaggregations",
                "ordering": ["name", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=("name", "project"),
                        name="dimension_name_unique_in_project",
                        violation_error_message="A disaggregation of this name exists already.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True), ("project__isnull", True)),
                        fields=("name",),
                        name="dimension_name_unique_shared",
                        violation_error_message="A disaggregation of this name exists already.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="DimensionValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("label", models.CharField(max_length=100, verbose_name="label")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "dimension",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="results.dimension",
                        verbose_name="disaggregation",
                    ),
                ),
            ],
            options={
                "verbose_name": "disaggregation value",
                "verbose_name_plural": "disaggregation values",
                "ordering": ["dimension", "order", "label", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dimension", "label"),
                        name="dimension_value_label_unique",
                        violation_error_message="This disaggregation has this value already.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCommonIndicator",
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
                ("code", models.CharField(max_length=30, verbose_name="code")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "unit",
                    models.CharField(
                        help_text="people, tonnes of CO₂, %…", max_length=60, verbose_name="unit"
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("unit", "Unit"),
                            ("percentage", "Percentage"),
                            ("nominal", "Nominal"),
                            ("ordinal", "Ordinal"),
                            ("qualitative", "Qualitative"),
                        ],
                        default="unit",
                        max_length=12,
                        verbose_name="measure",
                    ),
                ),
                (
                    "definition",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="definition",
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
                "verbose_name": "historical common indicator",
                "verbose_name_plural": "historical common indicators",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDimension",
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
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("sex", "Sex"),
                            ("age", "Age group"),
                            ("location", "Location"),
                            ("custom", "Custom"),
                        ],
                        default="custom",
                        max_length=10,
                        verbose_name="kind",
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
                        help_text="Empty: shared by every project.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical disaggregation",
                "verbose_name_plural": "historical disaggregations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDimensionValue",
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
                ("label", models.CharField(max_length=100, verbose_name="label")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "dimension",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.dimension",
                        verbose_name="disaggregation",
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
                "verbose_name": "historical disaggregation value",
                "verbose_name_plural": "historical disaggregation values",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalIndicator",
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
                ("code", models.CharField(blank=True, max_length=20, verbose_name="code")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "definition",
                    models.TextField(
                        blank=True,
                        help_text="What is counted, how, and what is not.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="definition",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("quantitative", "Quantitative"), ("qualitative", "Qualitative")],
                        default="quantitative",
                        max_length=12,
                        verbose_name="type",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        blank=True,
                        help_text="people, tonnes of CO₂, %…",
                        max_length=60,
                        verbose_name="unit",
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("unit", "Unit"),
                            ("percentage", "Percentage"),
                            ("nominal", "Nominal"),
                            ("ordinal", "Ordinal"),
                            ("qualitative", "Qualitative"),
                        ],
                        default="unit",
                        max_length=12,
                        verbose_name="measure",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("increase", "Higher is better"), ("decrease", "Lower is better")],
                        default="increase",
                        max_length=8,
                        verbose_name="direction",
                    ),
                ),
                (
                    "aggregation",
                    models.CharField(
                        choices=[
                            ("sum", "Add up (sum of the updates)"),
                            ("latest", "Replace (the latest update)"),
                            ("average", "Average of the updates"),
                            ("max", "Highest update"),
                        ],
                        default="sum",
                        max_length=8,
                        verbose_name="several updates in a period",
                    ),
                ),
                (
                    "baseline_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="baseline value",
                    ),
                ),
                (
                    "baseline_on",
                    models.DateField(blank=True, null=True, verbose_name="baseline date"),
                ),
                (
                    "baseline_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="baseline comment",
                    ),
                ),
                (
                    "means_of_verification",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="means of verification",
                    ),
                ),
                (
                    "sdg_indicator",
                    models.CharField(
                        blank=True,
                        help_text="The code of the official global SDG indicator, e.g. 4.4.1.",
                        max_length=10,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(?:[1-9]|1[0-7])\\.(?:[1-9][0-9]?|[a-z])\\.[1-9][0-9]?$",
                                "Enter an SDG indicator code such as 4.4.1 or 17.18.1.",
                            )
                        ],
                        verbose_name="SDG indicator",
                    ),
                ),
                (
                    "parts_sum_to_total",
                    models.BooleanField(
                        default=False,
                        help_text="The disaggregated figures of a target or a value must sum to its total.",
                        verbose_name="parts add up to the total",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "common",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The shared definition programme figures add this indicator up under.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.commonindicator",
                        verbose_name="common indicator",
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
                "verbose_name": "historical indicator",
                "verbose_name_plural": "historical indicators",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalResult",
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
                    "level",
                    models.CharField(
                        choices=[
                            ("goal", "Overall objective"),
                            ("specific_objective", "Specific objective"),
                            ("outcome", "Outcome"),
                            ("output", "Output"),
                        ],
                        max_length=20,
                        verbose_name="level",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="As the logframe numbers it: OS1, R1.2…",
                        max_length=20,
                        verbose_name="code",
                    ),
                ),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                "verbose_name": "historical result",
                "verbose_name_plural": "historical results",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Indicator",
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
                ("code", models.CharField(blank=True, max_length=20, verbose_name="code")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "definition",
                    models.TextField(
                        blank=True,
                        help_text="What is counted, how, and what is not.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="definition",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("quantitative", "Quantitative"), ("qualitative", "Qualitative")],
                        default="quantitative",
                        max_length=12,
                        verbose_name="type",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        blank=True,
                        help_text="people, tonnes of CO₂, %…",
                        max_length=60,
                        verbose_name="unit",
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("unit", "Unit"),
                            ("percentage", "Percentage"),
                            ("nominal", "Nominal"),
                            ("ordinal", "Ordinal"),
                            ("qualitative", "Qualitative"),
                        ],
                        default="unit",
                        max_length=12,
                        verbose_name="measure",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[("increase", "Higher is better"), ("decrease", "Lower is better")],
                        default="increase",
                        max_length=8,
                        verbose_name="direction",
                    ),
                ),
                (
                    "aggregation",
                    models.CharField(
                        choices=[
                            ("sum", "Add up (sum of the updates)"),
                            ("latest", "Replace (the latest update)"),
                            ("average", "Average of the updates"),
                            ("max", "Highest update"),
                        ],
                        default="sum",
                        max_length=8,
                        verbose_name="several updates in a period",
                    ),
                ),
                (
                    "baseline_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="baseline value",
                    ),
                ),
                (
                    "baseline_on",
                    models.DateField(blank=True, null=True, verbose_name="baseline date"),
                ),
                (
                    "baseline_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="baseline comment",
                    ),
                ),
                (
                    "means_of_verification",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="means of verification",
                    ),
                ),
                (
                    "sdg_indicator",
                    models.CharField(
                        blank=True,
                        help_text="The code of the official global SDG indicator, e.g. 4.4.1.",
                        max_length=10,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(?:[1-9]|1[0-7])\\.(?:[1-9][0-9]?|[a-z])\\.[1-9][0-9]?$",
                                "Enter an SDG indicator code such as 4.4.1 or 17.18.1.",
                            )
                        ],
                        verbose_name="SDG indicator",
                    ),
                ),
                (
                    "parts_sum_to_total",
                    models.BooleanField(
                        default=False,
                        help_text="The disaggregated figures of a target or a value must sum to its total.",
                        verbose_name="parts add up to the total",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "common",
                    models.ForeignKey(
                        blank=True,
                        help_text="The shared definition programme figures add this indicator up under.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="indicators",
                        to="results.commonindicator",
                        verbose_name="common indicator",
                    ),
                ),
                (
                    "dimensions",
                    models.ManyToManyField(
                        blank=True,
                        related_name="indicators",
                        to="results.dimension",
                        verbose_name="disaggregations",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicators",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicator",
                "verbose_name_plural": "indicators",
                "ordering": ["project", "order", "code", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalIndicatorPeriod",
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
                ("starts_on", models.DateField(verbose_name="start")),
                ("ends_on", models.DateField(verbose_name="end")),
                (
                    "target_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="target",
                    ),
                ),
                (
                    "target_comment",
                    models.TextField(
                        blank=True,
                        help_text="For a qualitative indicator, the target itself.",
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="target comment",
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
                    "indicator",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicator",
                        verbose_name="indicator",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical period",
                "verbose_name_plural": "historical periods",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalIndicator_dimensions",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "dimension",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.dimension",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="results.historicalindicator",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicator",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalIndicator_dimensions",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="IndicatorPeriod",
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
                ("starts_on", models.DateField(verbose_name="start")),
                ("ends_on", models.DateField(verbose_name="end")),
                (
                    "target_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        max_digits=20,
                        null=True,
                        verbose_name="target",
                    ),
                ),
                (
                    "target_comment",
                    models.TextField(
                        blank=True,
                        help_text="For a qualitative indicator, the target itself.",
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="target comment",
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="periods",
                        to="results.indicator",
                        verbose_name="indicator",
                    ),
                ),
                (
                    "actual",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        editable=False,
                        max_digits=20,
                        null=True,
                        verbose_name="actual (approved)",
                    ),
                ),
            ],
            options={
                "verbose_name": "period",
                "verbose_name_plural": "periods",
                "ordering": ["indicator", "starts_on", "ends_on", "pk"],
                "indexes": [
                    models.Index(fields=["indicator", "ends_on"], name="indicator_period_due"),
                    models.Index(fields=["starts_on"], name="indicator_period_starts"),
                    models.Index(fields=["ends_on"], name="indicator_period_ends"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                        name="indicator_period_ends_after_start",
                        violation_error_message="The period ends before it starts.",
                    ),
                    models.UniqueConstraint(
                        fields=("indicator", "starts_on", "ends_on"),
                        name="indicator_period_dates_unique",
                        violation_error_message="This indicator has a period with these dates already.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTargetPart",
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
                    "value",
                    models.DecimalField(decimal_places=4, max_digits=20, verbose_name="target"),
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
                    "dimension_value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.dimensionvalue",
                        verbose_name="disaggregation value",
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
                    "period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicatorperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical target part",
                "verbose_name_plural": "historical target parts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalIndicatorValue",
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
                    "value",
                    models.DecimalField(
                        blank=True, decimal_places=4, max_digits=20, null=True, verbose_name="value"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="qualitative value",
                    ),
                ),
                (
                    "narrative",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="narrative",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("approved", "Approved"),
                            ("returned", "Returned"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "return_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="reason for returning",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="submitted at"),
                ),
                (
                    "approved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="approved at"),
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
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
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
                    "period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicatorperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical indicator value",
                "verbose_name_plural": "historical indicator values",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="IndicatorValue",
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
                    "value",
                    models.DecimalField(
                        blank=True, decimal_places=4, max_digits=20, null=True, verbose_name="value"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="qualitative value",
                    ),
                ),
                (
                    "narrative",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="narrative",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("approved", "Approved"),
                            ("returned", "Returned"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "return_comment",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="reason for returning",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="submitted at"),
                ),
                (
                    "approved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="approved at"),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="indicator_values_approved",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="indicator_values_entered",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="values",
                        to="results.indicatorperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicator value",
                "verbose_name_plural": "indicator values",
                "ordering": ["period", "created_at", "pk"],
                "indexes": [
                    models.Index(fields=["status", "period"], name="indicator_value_status"),
                    models.Index(
                        fields=["status", "submitted_at", "id"], name="indicator_value_queue"
                    ),
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["-created_at", "id"],
                        name="indicator_value_recent",
                    ),
                    models.Index(
                        fields=["period", "deleted_at"], name="indicator_value_period_live"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["draft", "submitted", "approved", "returned"])
                        ),
                        name="indicator_value_status_known",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "returned"), _negated=True),
                            models.Q(("return_comment", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="indicator_value_returned_with_comment",
                        violation_error_message="Say why the value is returned.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalValuePart",
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
                    models.DecimalField(decimal_places=4, max_digits=20, verbose_name="amount"),
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
                    "dimension_value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.dimensionvalue",
                        verbose_name="disaggregation value",
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
                    "value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicatorvalue",
                        verbose_name="value",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical value part",
                "verbose_name_plural": "historical value parts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalValueEvidence",
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.indicatorvalue",
                        verbose_name="value",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evidence",
                "verbose_name_plural": "historical evidence",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Result",
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
                    "level",
                    models.CharField(
                        choices=[
                            ("goal", "Overall objective"),
                            ("specific_objective", "Specific objective"),
                            ("outcome", "Outcome"),
                            ("output", "Output"),
                        ],
                        max_length=20,
                        verbose_name="level",
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="As the logframe numbers it: OS1, R1.2…",
                        max_length=20,
                        verbose_name="code",
                    ),
                ),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "activities",
                    models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "activity"},
                        related_name="results",
                        to="projects.planitem",
                        verbose_name="activities",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="children",
                        to="results.result",
                        verbose_name="parent level",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="results",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "result",
                "verbose_name_plural": "results",
                "ordering": ["project", "order", "code", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("level__in", ["goal", "specific_objective", "outcome", "output"])
                        ),
                        name="result_level_known",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("level", "goal"), ("parent__isnull", True)),
                            models.Q(
                                models.Q(("level", "goal"), _negated=True),
                                ("parent__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="result_parent_by_level",
                        violation_error_message="The overall objective has no parent level; every other level has one.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(
                            models.Q(("code", ""), _negated=True), ("deleted_at__isnull", True)
                        ),
                        fields=("project", "code"),
                        name="result_code_unique_in_project",
                        violation_error_message="Another result of this project has this code.",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalindicator",
            name="result",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="results.result",
                verbose_name="result",
            ),
        ),
        migrations.AddField(
            model_name="historicalresult",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="results.result",
                verbose_name="parent level",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="result",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="indicators",
                to="results.result",
                verbose_name="result",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.AddIndex(
            model_name="indicator",
            index=models.Index(fields=["code_key", "id"], name="indicator_code_order"),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("code", ""), _negated=True), ("deleted_at__isnull", True)
                ),
                fields=("project", "code"),
                name="indicator_code_unique_in_project",
                violation_error_message="Another indicator of this project has this code.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("measure", "percentage"), _negated=True),
                    ("baseline_value__isnull", True),
                    models.Q(("baseline_value__gte", 0), ("baseline_value__lte", Decimal("100"))),
                    _connector="OR",
                ),
                name="indicator_baseline_percentage_range",
                violation_error_message="A percentage is between 0 and 100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("measure__in", ["unit", "percentage", "nominal", "ordinal", "qualitative"])
                ),
                name="indicator_measure_known",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalResult_activities",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="results.historicalresult",
                    ),
                ),
                (
                    "planitem",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.planitem",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.result",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalResult_activities",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAssumption",
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
                    "text",
                    models.TextField(
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="assumption",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                    "risk",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The risk of the project's register that follows this assumption.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.risk",
                        verbose_name="risk",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="results.result",
                        verbose_name="result",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical assumption",
                "verbose_name_plural": "historical assumptions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Assumption",
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
                    "text",
                    models.TextField(
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="assumption",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "risk",
                    models.ForeignKey(
                        blank=True,
                        help_text="The risk of the project's register that follows this assumption.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assumptions",
                        to="projects.risk",
                        verbose_name="risk",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assumptions",
                        to="results.result",
                        verbose_name="result",
                    ),
                ),
            ],
            options={
                "verbose_name": "assumption",
                "verbose_name_plural": "assumptions",
                "ordering": ["result", "order", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="TargetPart",
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
                    "value",
                    models.DecimalField(decimal_places=4, max_digits=20, verbose_name="target"),
                ),
                (
                    "dimension_value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="target_parts",
                        to="results.dimensionvalue",
                        verbose_name="disaggregation value",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parts",
                        to="results.indicatorperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "target part",
                "verbose_name_plural": "target parts",
                "ordering": ["period", "dimension_value__order", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("period", "dimension_value"),
                        name="target_part_unique_value",
                        violation_error_message="This period has a target for this value already.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("value__gte", 0)),
                        name="target_part_not_negative",
                        violation_error_message="A target part is not negative.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ValueEvidence",
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
                        upload_to=maillage.core.uploads.UploadTo("results/evidence/%Y/%m/"),
                        verbose_name="file",
                    ),
                ),
                (
                    "original_name",
                    models.CharField(blank=True, max_length=255, verbose_name="file name"),
                ),
                (
                    "value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="results.indicatorvalue",
                        verbose_name="value",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence",
                "verbose_name_plural": "evidence",
                "ordering": ["value", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="ValuePart",
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
                    models.DecimalField(decimal_places=4, max_digits=20, verbose_name="amount"),
                ),
                (
                    "dimension_value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="value_parts",
                        to="results.dimensionvalue",
                        verbose_name="disaggregation value",
                    ),
                ),
                (
                    "value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parts",
                        to="results.indicatorvalue",
                        verbose_name="value",
                    ),
                ),
            ],
            options={
                "verbose_name": "value part",
                "verbose_name_plural": "value parts",
                "ordering": ["value", "dimension_value__order", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("value", "dimension_value"),
                        name="value_part_unique_value",
                        violation_error_message="This value has a part for this value already.",
                    )
                ],
            },
        ),
        migrations.RunPython(period_actual.fill, migrations.RunPython.noop),
        migrations.RunPython(fill_sort_keys("results.Indicator"), migrations.RunPython.noop),
    ]
