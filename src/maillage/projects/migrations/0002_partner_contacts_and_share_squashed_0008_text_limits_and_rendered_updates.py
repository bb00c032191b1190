"""projects 0002–0008 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 120 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps stay where the
replaced migrations ran them: the tables they fill may already hold rows here."""

from importlib import import_module
import django.core.validators
import django.db.models.deletion
import maillage.core.reference
import maillage.core.uploads
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# The data steps' functions stay in the migrations they come from.
rendered_updates = import_module(
    "maillage.projects.migrations.0008_text_limits_and_rendered_updates"
)


class Migration(migrations.Migration):
    replaces = [
        ("projects", "0002_partner_contacts_and_share"),
        ("projects", "0003_versions_and_trash"),
        ("projects", "0004_plan_risks_updates_hierarchy"),
        ("projects", "0005_trash_for_every_record"),
        ("projects", "0006_rules_said_once"),
        ("projects", "0007_safe_upload_names"),
        ("projects", "0008_text_limits_and_rendered_updates"),
    ]

    dependencies = [
        ("actors", "0002_people_interactions_groups"),
        ("actors", "0005_organisation_sectors"),
        ("core", "0003_import_sessions"),
        ("projects", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalProjectPartner_contacts",
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
                        to="projects.historicalprojectpartner",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                    ),
                ),
                (
                    "projectpartner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.projectpartner",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalProjectPartner_contacts",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ProjectLocation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=8,
                        null=True,
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="longitude",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=500, verbose_name="description"),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "location",
                "verbose_name_plural": "locations",
                "ordering": ["country", "name"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("latitude__isnull", True),
                            models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                            _connector="OR",
                        ),
                        name="project_location_latitude_range",
                        violation_error_message="A latitude is between -90 and 90.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("longitude__isnull", True),
                            models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                            _connector="OR",
                        ),
                        name="project_location_longitude_range",
                        violation_error_message="A longitude is between -180 and 180.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProjectPolicyMarker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "marker",
                    models.ForeignKey(
                        limit_choices_to={"codelist__name": "PolicyMarker"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="policy marker",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="policy_markers",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "significance",
                    models.ForeignKey(
                        limit_choices_to={"codelist__name": "PolicySignificance"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="significance",
                    ),
                ),
            ],
            options={
                "verbose_name": "policy marker",
                "verbose_name_plural": "policy markers",
                "ordering": ["marker__code"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "marker"),
                        name="project_marker_unique",
                        violation_error_message="This policy marker is already given for the project.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ProjectSector",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "percentage",
                    models.DecimalField(decimal_places=2, max_digits=5, verbose_name="percentage"),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sectors",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "sector",
                    models.ForeignKey(
                        limit_choices_to={"codelist__name": "Sector"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="DAC sector",
                    ),
                ),
            ],
            options={
                "verbose_name": "project sector",
                "verbose_name_plural": "project sectors",
                "ordering": ["-percentage", "sector__code"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "sector"),
                        name="project_sector_unique",
                        violation_error_message="This sector is already listed for the project.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("percentage__gt", 0), ("percentage__lte", 100)),
                        name="project_sector_percentage_range",
                        violation_error_message="A sector's percentage is above 0 and at most 100.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Risk",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("political", "Political"),
                            ("security", "Security"),
                            ("health", "Health"),
                            ("financial", "Financial"),
                            ("operational", "Operational"),
                            ("reputational", "Reputational"),
                            ("environmental", "Environmental"),
                            ("legal", "Legal and compliance"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "likelihood",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Very low"),
                            (2, "Low"),
                            (3, "Medium"),
                            (4, "High"),
                            (5, "Very high"),
                        ],
                        default=3,
                        verbose_name="likelihood",
                    ),
                ),
                (
                    "impact",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Very low"),
                            (2, "Low"),
                            (3, "Medium"),
                            (4, "High"),
                            (5, "Very high"),
                        ],
                        default=3,
                        verbose_name="impact",
                    ),
                ),
                (
                    "mitigation",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="mitigation",
                    ),
                ),
                ("review_on", models.DateField(blank=True, null=True, verbose_name="next review")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="owned_risks",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="risks",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "risk",
                "verbose_name_plural": "risks",
                "ordering": ["project", "status", "-likelihood", "-impact", "title"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("likelihood__gte", 1),
                            ("likelihood__lte", 5),
                            ("impact__gte", 1),
                            ("impact__lte", 5),
                        ),
                        name="risk_levels_range",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Strategy",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "owner_organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="The authority or embassy whose plan this is.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="strategies",
                        to="actors.organisation",
                        verbose_name="owner organisation",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "strategy",
                "verbose_name_plural": "strategies",
                "ordering": ["-start_on", "title"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_on__isnull", True),
                            ("start_on__isnull", True),
                            ("end_on__gte", models.F("start_on")),
                            _connector="OR",
                        ),
                        name="strategy_dates_in_order",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="UpdateAttachment",
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
                        upload_to=maillage.core.uploads.UploadTo("updates/%Y/%m/"),
                        verbose_name="file",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("photo", "Photo"), ("document", "Document")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("content_type", models.CharField(max_length=100, verbose_name="content type")),
                ("size", models.PositiveIntegerField(verbose_name="size")),
                ("caption", models.CharField(blank=True, max_length=250, verbose_name="caption")),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["update", "pk"],
            },
        ),
        migrations.CreateModel(
            name="FieldUpdate",
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
                ("occurred_on", models.DateField(verbose_name="date")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Markdown is accepted.",
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="text",
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=False,
                        help_text="May be used on the website, in newsletters and public reports.",
                        verbose_name="for public communication",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="field_updates",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="updates",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                ("body_html", models.TextField(default="", editable=False)),
            ],
            options={
                "verbose_name": "field update",
                "verbose_name_plural": "field updates",
                "ordering": ["-occurred_on", "-pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.AddField(
            model_name="updateattachment",
            name="update",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attachments",
                to="projects.fieldupdate",
                verbose_name="field update",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalFieldUpdate",
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
                ("occurred_on", models.DateField(verbose_name="date")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Markdown is accepted.",
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="text",
                    ),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=False,
                        help_text="May be used on the website, in newsletters and public reports.",
                        verbose_name="for public communication",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
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
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical field update",
                "verbose_name_plural": "historical field updates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlanItem",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("activity", "Activity"),
                            ("task", "Task"),
                            ("milestone", "Milestone"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(verbose_name="start date")),
                ("end_on", models.DateField(verbose_name="end date")),
                (
                    "status",
                    models.CharField(
                        choices=[("todo", "To do"), ("doing", "Doing"), ("done", "Done")],
                        default="todo",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                100, message="Progress is a percentage, from 0 to 100."
                            )
                        ],
                        verbose_name="progress (%)",
                    ),
                ),
                (
                    "completed_on",
                    models.DateField(blank=True, null=True, verbose_name="completed on"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                        verbose_name="responsible organisation",
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
                "verbose_name": "historical plan item",
                "verbose_name_plural": "historical plan items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProgramme",
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
                ("code", models.CharField(db_index=True, max_length=40, verbose_name="code")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "strategy",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.strategy",
                        verbose_name="strategy",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical programme",
                "verbose_name_plural": "historical programmes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProject_sdg_targets",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "codelistitem",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="core.codelistitem",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="projects.historicalproject",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalProject_sdg_targets",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProject_tags",
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
                        to="projects.historicalproject",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalProject_tags",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProjectLocation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=8,
                        null=True,
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        verbose_name="longitude",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=500, verbose_name="description"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                "verbose_name": "historical location",
                "verbose_name_plural": "historical locations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProjectPolicyMarker",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "marker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"codelist__name": "PolicyMarker"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="policy marker",
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
                    "significance",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"codelist__name": "PolicySignificance"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="significance",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical policy marker",
                "verbose_name_plural": "historical policy markers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProjectSector",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "percentage",
                    models.DecimalField(decimal_places=2, max_digits=5, verbose_name="percentage"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                (
                    "sector",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"codelist__name": "Sector"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="core.codelistitem",
                        verbose_name="DAC sector",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical project sector",
                "verbose_name_plural": "historical project sectors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRisk",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("political", "Political"),
                            ("security", "Security"),
                            ("health", "Health"),
                            ("financial", "Financial"),
                            ("operational", "Operational"),
                            ("reputational", "Reputational"),
                            ("environmental", "Environmental"),
                            ("legal", "Legal and compliance"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                (
                    "likelihood",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Very low"),
                            (2, "Low"),
                            (3, "Medium"),
                            (4, "High"),
                            (5, "Very high"),
                        ],
                        default=3,
                        verbose_name="likelihood",
                    ),
                ),
                (
                    "impact",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Very low"),
                            (2, "Low"),
                            (3, "Medium"),
                            (4, "High"),
                            (5, "Very high"),
                        ],
                        default=3,
                        verbose_name="impact",
                    ),
                ),
                (
                    "mitigation",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="mitigation",
                    ),
                ),
                ("review_on", models.DateField(blank=True, null=True, verbose_name="next review")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
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
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical risk",
                "verbose_name_plural": "historical risks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStrategy",
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
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "owner_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The authority or embassy whose plan this is.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="owner organisation",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical strategy",
                "verbose_name_plural": "historical strategies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalUpdateAttachment",
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
                    "kind",
                    models.CharField(
                        choices=[("photo", "Photo"), ("document", "Document")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("content_type", models.CharField(max_length=100, verbose_name="content type")),
                ("size", models.PositiveIntegerField(verbose_name="size")),
                ("caption", models.CharField(blank=True, max_length=250, verbose_name="caption")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "update",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.fieldupdate",
                        verbose_name="field update",
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
            name="PlanItem",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("activity", "Activity"),
                            ("task", "Task"),
                            ("milestone", "Milestone"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(verbose_name="start date")),
                ("end_on", models.DateField(verbose_name="end date")),
                (
                    "status",
                    models.CharField(
                        choices=[("todo", "To do"), ("doing", "Doing"), ("done", "Done")],
                        default="todo",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[
                            django.core.validators.MaxValueValidator(
                                100, message="Progress is a percentage, from 0 to 100."
                            )
                        ],
                        verbose_name="progress (%)",
                    ),
                ),
                (
                    "completed_on",
                    models.DateField(blank=True, null=True, verbose_name="completed on"),
                ),
                (
                    "assignees",
                    models.ManyToManyField(
                        blank=True,
                        related_name="plan_items",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assignees",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="plan_items",
                        to="actors.organisation",
                        verbose_name="responsible organisation",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "activity"},
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="children",
                        to="projects.planitem",
                        verbose_name="activity",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_items",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "plan item",
                "verbose_name_plural": "plan items",
                "ordering": ["project", "start_on", "position", "pk"],
                "indexes": [
                    models.Index(fields=["project", "kind"], name="plan_item_project_kind")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_on__isnull", True),
                            ("start_on__isnull", True),
                            ("end_on__gte", models.F("start_on")),
                            _connector="OR",
                        ),
                        name="plan_item_dates_in_order",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("progress__lte", 100)),
                        name="plan_item_progress_max_100",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "milestone"), _negated=True),
                            ("start_on", models.F("end_on")),
                            _connector="OR",
                        ),
                        name="plan_item_milestone_one_day",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalplanitem",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                limit_choices_to={"kind": "activity"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="projects.planitem",
                verbose_name="activity",
            ),
        ),
        migrations.AddField(
            model_name="historicalplanitem",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.CreateModel(
            name="HistoricalPlanItem_assignees",
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
                        to="projects.historicalplanitem",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
            ],
            options={
                "verbose_name": "HistoricalPlanItem_assignees",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDependency",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("lag_days", models.IntegerField(default=0, verbose_name="lag (days)")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
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
                    "predecessor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.planitem",
                        verbose_name="predecessor",
                    ),
                ),
                (
                    "successor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.planitem",
                        verbose_name="successor",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical dependency",
                "verbose_name_plural": "historical dependencies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Dependency",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("lag_days", models.IntegerField(default=0, verbose_name="lag (days)")),
                (
                    "predecessor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="successor_links",
                        to="projects.planitem",
                        verbose_name="predecessor",
                    ),
                ),
                (
                    "successor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="predecessor_links",
                        to="projects.planitem",
                        verbose_name="successor",
                    ),
                ),
            ],
            options={
                "verbose_name": "dependency",
                "verbose_name_plural": "dependencies",
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("predecessor", "successor"),
                        name="dependency_unique",
                        violation_error_message="These two items are already linked.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("predecessor", models.F("successor")), _negated=True),
                        name="dependency_not_on_itself",
                        violation_error_message="An item cannot depend on itself.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Activity",
            fields=[],
            options={
                "verbose_name": "activity",
                "verbose_name_plural": "activities",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("projects.planitem",),
        ),
        migrations.CreateModel(
            name="Milestone",
            fields=[],
            options={
                "verbose_name": "milestone",
                "verbose_name_plural": "milestones",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("projects.planitem",),
        ),
        migrations.CreateModel(
            name="Task",
            fields=[],
            options={
                "verbose_name": "task",
                "verbose_name_plural": "tasks",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("projects.planitem",),
        ),
        migrations.CreateModel(
            name="Programme",
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
                ("code", models.CharField(max_length=40, unique=True, verbose_name="code")),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description",
                    ),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="owned_programmes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "strategy",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="programmes",
                        to="projects.strategy",
                        verbose_name="strategy",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "programme",
                "verbose_name_plural": "programmes",
                "ordering": ["code"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_on__isnull", True),
                            ("start_on__isnull", True),
                            ("end_on__gte", models.F("start_on")),
                            _connector="OR",
                        ),
                        name="programme_dates_in_order",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalprojectpartner",
            name="share",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="share (%)"
            ),
        ),
        migrations.AddField(
            model_name="projectpartner",
            name="contacts",
            field=models.ManyToManyField(
                blank=True,
                related_name="partner_roles",
                to="actors.person",
                verbose_name="contact people",
            ),
        ),
        migrations.AddField(
            model_name="projectpartner",
            name="share",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="share (%)"
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="project",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="actual_end_on",
            field=models.DateField(blank=True, null=True, verbose_name="actual end"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="actual_start_on",
            field=models.DateField(blank=True, null=True, verbose_name="actual start"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="summary_en",
            field=models.TextField(blank=True, verbose_name="summary in English"),
        ),
        migrations.AddField(
            model_name="project",
            name="actual_end_on",
            field=models.DateField(blank=True, null=True, verbose_name="actual end"),
        ),
        migrations.AddField(
            model_name="project",
            name="actual_start_on",
            field=models.DateField(blank=True, null=True, verbose_name="actual start"),
        ),
        migrations.AddField(
            model_name="project",
            name="sdg_targets",
            field=models.ManyToManyField(
                blank=True,
                limit_choices_to={"codelist__name": "UNSDG-Targets"},
                related_name="+",
                to="core.codelistitem",
                verbose_name="SDG targets",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="summary_en",
            field=models.TextField(blank=True, verbose_name="summary in English"),
        ),
        migrations.AddField(
            model_name="project",
            name="tags",
            field=models.ManyToManyField(blank=True, to="actors.tag", verbose_name="tags"),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="end_on",
            field=models.DateField(blank=True, null=True, verbose_name="planned end"),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="start_on",
            field=models.DateField(blank=True, null=True, verbose_name="planned start"),
        ),
        migrations.AlterField(
            model_name="project",
            name="end_on",
            field=models.DateField(blank=True, null=True, verbose_name="planned end"),
        ),
        migrations.AlterField(
            model_name="project",
            name="start_on",
            field=models.DateField(blank=True, null=True, verbose_name="planned start"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="projects.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="projects",
                to="projects.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("actual_end_on__isnull", True),
                    ("actual_start_on__isnull", True),
                    ("actual_end_on__gte", models.F("actual_start_on")),
                    _connector="OR",
                ),
                name="project_actual_dates_in_order",
            ),
        ),
        migrations.AlterField(
            model_name="historicalprojectpartner",
            name="share",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=5,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        0, message="A share is a percentage between 0 and 100."
                    ),
                    django.core.validators.MaxValueValidator(
                        100, message="A share is a percentage between 0 and 100."
                    ),
                ],
                verbose_name="share (%)",
            ),
        ),
        migrations.AlterField(
            model_name="projectpartner",
            name="share",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=5,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        0, message="A share is a percentage between 0 and 100."
                    ),
                    django.core.validators.MaxValueValidator(
                        100, message="A share is a percentage between 0 and 100."
                    ),
                ],
                verbose_name="share (%)",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("share__isnull", True),
                    models.Q(("share__gte", 0), ("share__lte", 100)),
                    _connector="OR",
                ),
                name="project_partner_share_range",
                violation_error_message="A share is a percentage between 0 and 100.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="project",
            name="project_budget_not_negative",
            constraint=models.CheckConstraint(
                condition=models.Q(("budget__isnull", True), ("budget__gte", 0), _connector="OR"),
                name="project_budget_not_negative",
                violation_error_message="The budget cannot be negative.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="projectmembership",
            name="project_membership_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "user"),
                name="project_membership_unique",
                violation_error_message="This user is already a member of the project.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="projectpartner",
            name="project_partner_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "organisation", "role"),
                name="project_partner_unique",
                violation_error_message="This organisation already has this role in the project.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="summary",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="summary",
            ),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="summary_en",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="summary in English",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="summary",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="summary",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="summary_en",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="summary in English",
            ),
        ),
        migrations.RunPython(rendered_updates.render_bodies, migrations.RunPython.noop),
    ]
