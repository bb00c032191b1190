"""core 0001–0010 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 22 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The search index's SQL (SQLite FTS5
table and triggers, PostgreSQL search configuration and column) and the collation come
after the schema, with their reverse."""

from importlib import import_module
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import maillage.core.uploads
from django.conf import settings
from django.db import migrations, models


# The data steps' functions stay in the migrations they come from.
search_index = import_module("maillage.core.migrations.0006_search_index")
natural_collation = import_module("maillage.core.migrations.0010_natural_collation")


class Migration(migrations.Migration):
    replaces = [
        ("core", "0001_initial"),
        ("core", "0002_saved_filters"),
        ("core", "0003_import_sessions"),
        ("core", "0004_safe_upload_names"),
        ("core", "0005_job_worker_process"),
        ("core", "0006_search_index"),
        ("core", "0007_text_limits"),
        ("core", "0008_scheduler"),
        ("core", "0009_deliveries"),
        ("core", "0010_natural_collation"),
    ]

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Codelist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("version", models.CharField(blank=True, max_length=40, verbose_name="version")),
                ("source", models.CharField(blank=True, max_length=500, verbose_name="source")),
                (
                    "loaded_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="loaded"),
                ),
            ],
            options={
                "verbose_name": "codelist",
                "verbose_name_plural": "codelists",
                "ordering": ["name"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="CodelistItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=200, verbose_name="code")),
                (
                    "name_en",
                    models.TextField(
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="name (English)",
                    ),
                ),
                (
                    "name_fr",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="name (French)",
                    ),
                ),
                (
                    "description_en",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description (English)",
                    ),
                ),
                (
                    "description_fr",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="description (French)",
                    ),
                ),
                ("category", models.CharField(blank=True, max_length=200, verbose_name="category")),
                ("withdrawn", models.BooleanField(default=False, verbose_name="withdrawn")),
                (
                    "codelist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="core.codelist",
                    ),
                ),
            ],
            options={
                "verbose_name": "codelist item",
                "verbose_name_plural": "codelist items",
                "ordering": ["codelist", "code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("codelist", "code"), name="codelist_item_code_unique"
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("handler", models.CharField(max_length=200, verbose_name="handler")),
                ("params", models.JSONField(blank=True, default=dict, verbose_name="parameters")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("succeeded", "Succeeded"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                ("progress_done", models.PositiveIntegerField(default=0, verbose_name="done")),
                ("progress_total", models.PositiveIntegerField(default=0, verbose_name="total")),
                ("messages", models.JSONField(blank=True, default=list, verbose_name="messages")),
                (
                    "result_file",
                    maillage.core.uploads.StoredFileField(
                        blank=True,
                        upload_to=maillage.core.uploads.UploadTo("jobs/%Y/%m/"),
                        verbose_name="result file",
                    ),
                ),
                (
                    "result_name",
                    models.CharField(blank=True, max_length=200, verbose_name="result file name"),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                ),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jobs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "worker_host",
                    models.CharField(blank=True, max_length=255, verbose_name="worker host"),
                ),
                (
                    "worker_pid",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="worker process"
                    ),
                ),
                (
                    "worker_started_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="worker process started"
                    ),
                ),
            ],
            options={
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["queued", "running", "succeeded", "failed"])
                        ),
                        name="job_state_valid",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="SavedFilter",
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
                    "list_name",
                    models.CharField(
                        help_text="The list's URL name, e.g. actors:person_list",
                        max_length=100,
                        verbose_name="list",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "query",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="query string",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="saved_filters",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "saved filter",
                "verbose_name_plural": "saved filters",
                "ordering": ["name", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "list_name", "name"), name="saved_filter_name_unique"
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="ImportMapping",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("importer", models.CharField(max_length=60, verbose_name="import")),
                (
                    "headers_hash",
                    models.CharField(max_length=64, verbose_name="headers fingerprint"),
                ),
                ("headers", models.JSONField(default=list, verbose_name="headers")),
                ("mapping", models.JSONField(default=list, verbose_name="column mapping")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "import column mapping",
                "verbose_name_plural": "import column mappings",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("importer", "headers_hash"), name="import_mapping_headers_unique"
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="ImportSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("importer", models.CharField(max_length=60, verbose_name="import")),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        blank=True,
                        upload_to=maillage.core.uploads.UploadTo("imports/%Y/%m/"),
                        verbose_name="file",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("file_format", models.CharField(max_length=8, verbose_name="format")),
                ("header_index", models.PositiveIntegerField(default=0, verbose_name="header row")),
                ("headers", models.JSONField(blank=True, default=list, verbose_name="headers")),
                (
                    "mapping",
                    models.JSONField(blank=True, default=list, verbose_name="column mapping"),
                ),
                ("preview", models.JSONField(blank=True, default=dict, verbose_name="preview")),
                (
                    "decisions",
                    models.JSONField(blank=True, default=dict, verbose_name="duplicate decisions"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("uploaded", "Uploaded"),
                            ("previewed", "Previewed"),
                            ("queued", "Importing"),
                            ("done", "Imported"),
                            ("failed", "Failed"),
                        ],
                        default="uploaded",
                        max_length=16,
                        verbose_name="state",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="import_sessions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="core.job",
                        verbose_name="job",
                    ),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "imports",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["uploaded", "previewed", "queued", "done", "failed"])
                        ),
                        name="import_session_state_valid",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record")),
                (
                    "project_id",
                    models.PositiveBigIntegerField(blank=True, null=True, verbose_name="project"),
                ),
                ("title", models.TextField(blank=True, verbose_name="title")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="kind of record",
                    ),
                ),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
                "indexes": [models.Index(fields=["project_id"], name="search_entry_project")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id"), name="search_entry_unique_record"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ScheduledRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("schedule", models.CharField(max_length=100, verbose_name="schedule")),
                ("slot_at", models.DateTimeField(verbose_name="slot")),
                (
                    "claimed_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="claimed"),
                ),
                (
                    "job",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="scheduled_runs",
                        to="core.job",
                        verbose_name="job",
                    ),
                ),
            ],
            options={
                "verbose_name": "scheduled run",
                "verbose_name_plural": "scheduled runs",
                "ordering": ["-slot_at", "schedule"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("schedule", "slot_at"), name="scheduled_run_once_per_slot"
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="Delivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200, unique=True, verbose_name="key")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                (
                    "attempts",
                    models.PositiveSmallIntegerField(default=0, verbose_name="failed attempts"),
                ),
                (
                    "next_attempt_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="next attempt"),
                ),
                (
                    "last_error",
                    models.CharField(blank=True, max_length=500, verbose_name="last error"),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "delivery",
                "verbose_name_plural": "deliveries",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("attempts__gt", 0), ("sent_at__isnull", True)),
                        fields=["next_attempt_at"],
                        name="delivery_retry_due",
                    )
                ],
                "constraints": [],
            },
        ),
        migrations.RunPython(
            search_index._run(
                {"sqlite": search_index.SQLITE, "postgresql": search_index.POSTGRESQL}
            ),
            search_index._run(
                {
                    "sqlite": search_index.SQLITE_REVERSE,
                    "postgresql": search_index.POSTGRESQL_REVERSE,
                }
            ),
            elidable=False,
        ),
        migrations.RunPython(natural_collation.create, natural_collation.drop, elidable=False),
    ]
