"""partnerships 0001–0008 squashed: a new database creates each model once, in its final
state (fields, indexes, constraints), instead of replaying the 55 operations of the
replaced migrations, after each of which Django re-rendered nearly every model. A
database that applied some of them goes on with them (`replaces`). The data steps come
after the schema: they fill the rows already there, and a database that runs this
migration has none yet in these tables."""

import django.core.validators
import django.db.models.deletion
import maillage.core.collation
import maillage.core.reference
import maillage.core.uploads
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from maillage.core.collation import fill_sort_keys


class Migration(migrations.Migration):
    replaces = [
        ("partnerships", "0001_initial"),
        ("partnerships", "0002_commitments_in_the_trash"),
        ("partnerships", "0003_safe_upload_names"),
        ("partnerships", "0004_text_limits_and_amount_messages"),
        ("partnerships", "0005_default_sort_indexes"),
        ("partnerships", "0006_history_reasons_as_text"),
        ("partnerships", "0007_sort_keys"),
        ("partnerships", "0008_open_commitments_index"),
    ]

    initial = True

    dependencies = [
        ("actors", "0005_organisation_sectors"),
        ("actors", "0008_default_sort_indexes"),
        ("actors", "0012_sort_keys"),
        ("projects", "0004_plan_risks_updates_hierarchy"),
        ("projects", "0008_text_limits_and_rendered_updates"),
        ("projects", "0010_history_reasons_as_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Agreement",
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
                    models.CharField(blank=True, max_length=60, verbose_name="reference"),
                ),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "object",
                    models.TextField(
                        blank=True,
                        help_text="What the parties agree on.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="object",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("framework", "Framework convention"),
                            ("project", "Project convention"),
                            ("financing", "Financing agreement"),
                            ("memorandum", "Memorandum of understanding"),
                            ("consortium", "Consortium agreement"),
                            ("other", "Other agreement"),
                        ],
                        default="framework",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("negotiation", "In negotiation"),
                            ("signed", "Signed"),
                            ("in_force", "In force"),
                            ("expired", "Expired"),
                            ("terminated", "Terminated"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "signed_on",
                    models.DateField(blank=True, null=True, verbose_name="signature date"),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "renewal",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="renewal terms",
                    ),
                ),
                ("tacit_renewal", models.BooleanField(default=False, verbose_name="tacit renewal")),
                (
                    "notice_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Notice a party must give to end or not renew the agreement.",
                        null=True,
                        verbose_name="notice (months)",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="amount",
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
                    "projects",
                    models.ManyToManyField(
                        blank=True,
                        related_name="agreements",
                        to="projects.project",
                        verbose_name="projects",
                    ),
                ),
            ],
            options={
                "verbose_name": "agreement",
                "verbose_name_plural": "agreements",
                "ordering": ["-start_on", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="AgreementFile",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("signed", "Signed agreement"),
                            ("annex", "Annex"),
                            ("other", "Other"),
                        ],
                        default="signed",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        upload_to=maillage.core.uploads.UploadTo("partnerships/files/%Y/%m/"),
                        verbose_name="file",
                    ),
                ),
                ("content_type", models.CharField(blank=True, editable=False, max_length=100)),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="partnerships.agreement",
                        verbose_name="agreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "agreement file",
                "verbose_name_plural": "agreement files",
                "ordering": ["kind", "title", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="CouncilDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("number", models.CharField(max_length=60, verbose_name="deliberation number")),
                ("decided_on", models.DateField(verbose_name="decision date")),
                ("title", models.CharField(blank=True, max_length=250, verbose_name="title")),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        blank=True,
                        upload_to=maillage.core.uploads.UploadTo("partnerships/decisions/%Y/"),
                        verbose_name="file",
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="council_decisions",
                        to="partnerships.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="council_decisions",
                        to="actors.organisation",
                        verbose_name="authority",
                    ),
                ),
            ],
            options={
                "verbose_name": "council decision",
                "verbose_name_plural": "council decisions",
                "ordering": ["decided_on", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAgreement",
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
                    models.CharField(blank=True, max_length=60, verbose_name="reference"),
                ),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "object",
                    models.TextField(
                        blank=True,
                        help_text="What the parties agree on.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="object",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("framework", "Framework convention"),
                            ("project", "Project convention"),
                            ("financing", "Financing agreement"),
                            ("memorandum", "Memorandum of understanding"),
                            ("consortium", "Consortium agreement"),
                            ("other", "Other agreement"),
                        ],
                        default="framework",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("negotiation", "In negotiation"),
                            ("signed", "Signed"),
                            ("in_force", "In force"),
                            ("expired", "Expired"),
                            ("terminated", "Terminated"),
                        ],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "signed_on",
                    models.DateField(blank=True, null=True, verbose_name="signature date"),
                ),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "renewal",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="renewal terms",
                    ),
                ),
                ("tacit_renewal", models.BooleanField(default=False, verbose_name="tacit renewal")),
                (
                    "notice_months",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Notice a party must give to end or not renew the agreement.",
                        null=True,
                        verbose_name="notice (months)",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="amount",
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
                "verbose_name": "historical agreement",
                "verbose_name_plural": "historical agreements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAgreement_projects",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.agreement",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="partnerships.historicalagreement",
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
                "verbose_name": "HistoricalAgreement_projects",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAgreementFile",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("signed", "Signed agreement"),
                            ("annex", "Annex"),
                            ("other", "Other"),
                        ],
                        default="signed",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.agreement",
                        verbose_name="agreement",
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
                "verbose_name": "historical agreement file",
                "verbose_name_plural": "historical agreement files",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAgreementParty",
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
                    "signatory_title",
                    models.CharField(
                        blank=True,
                        help_text="e.g. Mayor of Lille",
                        max_length=200,
                        verbose_name="signatory's title",
                    ),
                ),
                (
                    "signed_on",
                    models.DateField(blank=True, null=True, verbose_name="signature date"),
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
                        verbose_name="agreement",
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
                (
                    "signatory",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                        verbose_name="signatory",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical party",
                "verbose_name_plural": "historical parties",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAmendment",
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
                ("number", models.PositiveSmallIntegerField(verbose_name="number")),
                ("signed_on", models.DateField(verbose_name="signature date")),
                (
                    "object",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="object",
                    ),
                ),
                (
                    "new_end_on",
                    models.DateField(blank=True, null=True, verbose_name="new end date"),
                ),
                (
                    "new_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="new amount",
                    ),
                ),
                ("file", models.TextField(blank=True, max_length=100, verbose_name="file")),
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
                        verbose_name="agreement",
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
                "verbose_name": "historical amendment",
                "verbose_name_plural": "historical amendments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCommitment",
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
                    "text",
                    models.TextField(
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="commitment",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("in_progress", "In progress"),
                            ("fulfilled", "Fulfilled"),
                            ("partly_fulfilled", "Partly fulfilled"),
                            ("not_fulfilled", "Not fulfilled"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="planned",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "evidence",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="evidence",
                    ),
                ),
                (
                    "evidence_file",
                    models.TextField(blank=True, max_length=100, verbose_name="evidence file"),
                ),
                (
                    "evidence_content_type",
                    models.CharField(blank=True, editable=False, max_length=100),
                ),
                (
                    "fulfilled_on",
                    models.DateField(blank=True, null=True, verbose_name="fulfilled on"),
                ),
                (
                    "remind_days_before",
                    models.PositiveSmallIntegerField(
                        default=14,
                        validators=[django.core.validators.MaxValueValidator(365)],
                        verbose_name="reminder (days before)",
                    ),
                ),
                (
                    "reminded_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="reminded"
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
                        verbose_name="agreement",
                    ),
                ),
                (
                    "follow_up_user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The officer of the service who follows it and receives the reminders.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="followed up by",
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
                    "party",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="committed party",
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
                    "responsible_person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                        verbose_name="responsible person",
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
                "verbose_name": "historical commitment",
                "verbose_name_plural": "historical commitments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCouncilDecision",
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
                ("number", models.CharField(max_length=60, verbose_name="deliberation number")),
                ("decided_on", models.DateField(verbose_name="decision date")),
                ("title", models.CharField(blank=True, max_length=250, verbose_name="title")),
                ("file", models.TextField(blank=True, max_length=100, verbose_name="file")),
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
                        verbose_name="agreement",
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
                        verbose_name="authority",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical council decision",
                "verbose_name_plural": "historical council decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPartnership",
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
                ("since", models.DateField(blank=True, null=True, verbose_name="since")),
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
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("dormant", "Dormant"), ("ended", "Ended")],
                        default="active",
                        max_length=16,
                        verbose_name="status",
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
                    "foreign_authority",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="foreign authority",
                    ),
                ),
                (
                    "french_authority",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="French authority",
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
                "verbose_name": "historical partnership",
                "verbose_name_plural": "historical partnerships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Partnership",
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
                ("since", models.DateField(blank=True, null=True, verbose_name="since")),
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
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("dormant", "Dormant"), ("ended", "Ended")],
                        default="active",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "foreign_authority",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partnerships_abroad",
                        to="actors.organisation",
                        verbose_name="foreign authority",
                    ),
                ),
                (
                    "french_authority",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partnerships_in_france",
                        to="actors.organisation",
                        verbose_name="French authority",
                    ),
                ),
                (
                    "projects",
                    models.ManyToManyField(
                        blank=True,
                        related_name="partnerships",
                        to="projects.project",
                        verbose_name="projects",
                    ),
                ),
                ("name_key", maillage.core.collation.SortKeyField(source="name")),
            ],
            options={
                "verbose_name": "partnership",
                "verbose_name_plural": "partnerships",
                "ordering": ["name", "pk"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=["name_key", "id"],
                        name="partnership_name_key",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("french_authority", models.F("foreign_authority")), _negated=True
                        ),
                        name="partnership_two_authorities",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="agreement",
            name="partnership",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agreements",
                to="partnerships.partnership",
                verbose_name="partnership",
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="title_key",
            field=maillage.core.collation.SortKeyField(source="title"),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("end_on__isnull", True),
                    ("start_on__isnull", True),
                    ("end_on__gte", models.F("start_on")),
                    _connector="OR",
                ),
                name="agreement_dates_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__isnull", True), ("amount__gte", 0), _connector="OR"),
                name="agreement_amount_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
        ),
        migrations.AddField(
            model_name="historicalagreement",
            name="partnership",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="partnerships.partnership",
                verbose_name="partnership",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalPartnership_projects",
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
                        to="partnerships.historicalpartnership",
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
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.partnership",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalPartnership_projects",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="AgreementParty",
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
                    "signatory_title",
                    models.CharField(
                        blank=True,
                        help_text="e.g. Mayor of Lille",
                        max_length=200,
                        verbose_name="signatory's title",
                    ),
                ),
                (
                    "signed_on",
                    models.DateField(blank=True, null=True, verbose_name="signature date"),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parties",
                        to="partnerships.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="agreement_parties",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "signatory",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="signed_agreements",
                        to="actors.person",
                        verbose_name="signatory",
                    ),
                ),
            ],
            options={
                "verbose_name": "party",
                "verbose_name_plural": "parties",
                "ordering": ["agreement", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "organisation"),
                        name="agreement_party_unique",
                        violation_error_message="This organisation is already a party to it.",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="Amendment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("number", models.PositiveSmallIntegerField(verbose_name="number")),
                ("signed_on", models.DateField(verbose_name="signature date")),
                (
                    "object",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="object",
                    ),
                ),
                (
                    "new_end_on",
                    models.DateField(blank=True, null=True, verbose_name="new end date"),
                ),
                (
                    "new_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="new amount",
                    ),
                ),
                (
                    "file",
                    maillage.core.uploads.StoredFileField(
                        blank=True,
                        upload_to=maillage.core.uploads.UploadTo("partnerships/amendments/%Y/"),
                        verbose_name="file",
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="amendments",
                        to="partnerships.agreement",
                        verbose_name="agreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "amendment",
                "verbose_name_plural": "amendments",
                "ordering": ["signed_on", "number", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "number"),
                        name="amendment_number_unique",
                        violation_error_message="This agreement already has an amendment of this number.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("new_amount__isnull", True), ("new_amount__gte", 0), _connector="OR"
                        ),
                        name="amendment_amount_not_negative",
                        violation_error_message="The amount cannot be negative.",
                    ),
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="Commitment",
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
                    "text",
                    models.TextField(
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="commitment",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("in_progress", "In progress"),
                            ("fulfilled", "Fulfilled"),
                            ("partly_fulfilled", "Partly fulfilled"),
                            ("not_fulfilled", "Not fulfilled"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="planned",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "evidence",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="evidence",
                    ),
                ),
                (
                    "evidence_file",
                    maillage.core.uploads.StoredFileField(
                        blank=True,
                        upload_to=maillage.core.uploads.UploadTo("partnerships/evidence/%Y/%m/"),
                        verbose_name="evidence file",
                    ),
                ),
                (
                    "evidence_content_type",
                    models.CharField(blank=True, editable=False, max_length=100),
                ),
                (
                    "fulfilled_on",
                    models.DateField(blank=True, null=True, verbose_name="fulfilled on"),
                ),
                (
                    "remind_days_before",
                    models.PositiveSmallIntegerField(
                        default=14,
                        validators=[django.core.validators.MaxValueValidator(365)],
                        verbose_name="reminder (days before)",
                    ),
                ),
                (
                    "reminded_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="reminded"
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="commitments",
                        to="partnerships.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "follow_up_user",
                    models.ForeignKey(
                        blank=True,
                        help_text="The officer of the service who follows it and receives the reminders.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="followed_commitments",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="followed up by",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="actors.organisation",
                        verbose_name="committed party",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="commitments",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "responsible_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="commitments",
                        to="actors.person",
                        verbose_name="responsible person",
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
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
                "ordering": ["due_on", "pk"],
                "indexes": [
                    models.Index(fields=["due_on", "id"], name="commitment_due_idx"),
                    models.Index(
                        condition=models.Q(
                            models.Q(
                                ("status", "planned"), ("status", "in_progress"), _connector="OR"
                            ),
                            ("deleted_at__isnull", True),
                        ),
                        fields=["due_on", "id"],
                        name="commitment_open_due",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("remind_days_before__lte", 365)),
                        name="commitment_remind_days_range",
                    )
                ],
            },
        ),
        migrations.RunPython(
            fill_sort_keys("partnerships.Partnership", "partnerships.Agreement"),
            migrations.RunPython.noop,
        ),
    ]
