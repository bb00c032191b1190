"""missions 0001–0007 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 61 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps come after the
schema: they fill the rows already there, and a database that runs this migration has
none yet in these tables."""

from importlib import import_module
import django.core.validators
import django.db.models.deletion
import maillage.actors.models.people
import maillage.core.reference
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# The data steps' functions stay in the migrations they come from.
checklist_missions = import_module(
    "maillage.missions.migrations.0007_checklist_entries_on_their_mission"
)


class Migration(migrations.Migration):
    replaces = [
        ("missions", "0001_missions"),
        ("missions", "0002_meetings"),
        ("missions", "0003_mission_follow_up_actions"),
        ("missions", "0004_rates_and_approvers_in_the_trash"),
        ("missions", "0005_budget_line_expense"),
        ("missions", "0006_checklist_entry_mission"),
        ("missions", "0007_checklist_entries_on_their_mission"),
    ]

    initial = True

    dependencies = [
        ("actors", "0011_person_working_hours"),
        ("finance", "0003_budget_line_budget_version"),
        ("partnerships", "0006_history_reasons_as_text"),
        ("projects", "0010_history_reasons_as_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalMission",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "purpose",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="purpose",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("outgoing", "Outgoing (our delegation travels)"),
                            ("incoming", "Incoming (we host a delegation)"),
                        ],
                        default="outgoing",
                        max_length=16,
                        verbose_name="direction",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("planned", "Planned"),
                            ("approval_requested", "Approval requested"),
                            ("approved", "Approved"),
                            ("confirmed", "Confirmed"),
                            ("done", "Done"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="draft",
                        editable=False,
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                ("departure_on", models.DateField(verbose_name="departure date")),
                ("return_on", models.DateField(verbose_name="return date")),
                (
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="destination country",
                    ),
                ),
                ("city", models.CharField(max_length=120, verbose_name="destination city")),
                (
                    "timezone",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="destination time zone",
                    ),
                ),
                (
                    "risk_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("green", "Green — normal vigilance"),
                            ("yellow", "Yellow — heightened vigilance"),
                            ("orange", "Orange — advised against except for compelling reasons"),
                            ("red", "Red — formally advised against"),
                        ],
                        max_length=8,
                        verbose_name="risk level",
                    ),
                ),
                (
                    "risk_assessed_on",
                    models.DateField(blank=True, null=True, verbose_name="risk level as of"),
                ),
                (
                    "risk_source",
                    models.CharField(
                        blank=True,
                        help_text="e.g. France Diplomatie – Conseils aux voyageurs",
                        max_length=200,
                        verbose_name="risk level source",
                    ),
                ),
                (
                    "report",
                    models.TextField(
                        blank=True,
                        help_text="The compte rendu: what was seen, said and agreed.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="after-mission report",
                    ),
                ),
                (
                    "decisions",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="decisions",
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
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="organised by",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.partnership",
                        verbose_name="partnership",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical mission",
                "verbose_name_plural": "historical missions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMissionApprover",
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
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
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
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
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
                "verbose_name": "historical mission approver",
                "verbose_name_plural": "historical mission approvers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPerDiemRate",
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
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=10, verbose_name="daily amount"
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
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
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
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "historical per-diem rate",
                "verbose_name_plural": "historical per-diem rates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Mission",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "purpose",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="purpose",
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        choices=[
                            ("outgoing", "Outgoing (our delegation travels)"),
                            ("incoming", "Incoming (we host a delegation)"),
                        ],
                        default="outgoing",
                        max_length=16,
                        verbose_name="direction",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("planned", "Planned"),
                            ("approval_requested", "Approval requested"),
                            ("approved", "Approved"),
                            ("confirmed", "Confirmed"),
                            ("done", "Done"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="draft",
                        editable=False,
                        max_length=24,
                        verbose_name="status",
                    ),
                ),
                ("departure_on", models.DateField(verbose_name="departure date")),
                ("return_on", models.DateField(verbose_name="return date")),
                (
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="destination country",
                    ),
                ),
                ("city", models.CharField(max_length=120, verbose_name="destination city")),
                (
                    "timezone",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="destination time zone",
                    ),
                ),
                (
                    "risk_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("green", "Green — normal vigilance"),
                            ("yellow", "Yellow — heightened vigilance"),
                            ("orange", "Orange — advised against except for compelling reasons"),
                            ("red", "Red — formally advised against"),
                        ],
                        max_length=8,
                        verbose_name="risk level",
                    ),
                ),
                (
                    "risk_assessed_on",
                    models.DateField(blank=True, null=True, verbose_name="risk level as of"),
                ),
                (
                    "risk_source",
                    models.CharField(
                        blank=True,
                        help_text="e.g. France Diplomatie – Conseils aux voyageurs",
                        max_length=200,
                        verbose_name="risk level source",
                    ),
                ),
                (
                    "report",
                    models.TextField(
                        blank=True,
                        help_text="The compte rendu: what was seen, said and agreed.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="after-mission report",
                    ),
                ),
                (
                    "decisions",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="decisions",
                    ),
                ),
                (
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="organised_missions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="organised by",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="missions",
                        to="partnerships.partnership",
                        verbose_name="partnership",
                    ),
                ),
                (
                    "projects",
                    models.ManyToManyField(
                        blank=True,
                        related_name="missions",
                        to="projects.project",
                        verbose_name="projects",
                    ),
                ),
            ],
            options={
                "verbose_name": "mission",
                "verbose_name_plural": "missions",
                "ordering": ["-departure_on", "pk"],
                "indexes": [
                    models.Index(fields=["departure_on", "id"], name="mission_departure_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("return_on__gte", models.F("departure_on"))),
                        name="mission_return_after_departure",
                        violation_error_message="The return cannot come before the departure.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ItineraryLeg",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("from_place", models.CharField(max_length=120, verbose_name="from")),
                ("departure_on", models.DateField(verbose_name="departure date")),
                ("departure_time", models.TimeField(verbose_name="departure time")),
                (
                    "departure_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="departure time zone",
                    ),
                ),
                ("to_place", models.CharField(max_length=120, verbose_name="to")),
                ("arrival_on", models.DateField(verbose_name="arrival date")),
                ("arrival_time", models.TimeField(verbose_name="arrival time")),
                (
                    "arrival_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="arrival time zone",
                    ),
                ),
                (
                    "transport",
                    models.CharField(
                        choices=[
                            ("plane", "Plane"),
                            ("train", "Train"),
                            ("car", "Car"),
                            ("bus", "Bus"),
                            ("boat", "Boat"),
                            ("other", "Other"),
                        ],
                        default="plane",
                        max_length=8,
                        verbose_name="transport",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="Flight or train number.",
                        max_length=60,
                        verbose_name="reference",
                    ),
                ),
                (
                    "departs_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="departs at"),
                ),
                (
                    "arrives_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="arrives at"),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="legs",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "itinerary leg",
                "verbose_name_plural": "itinerary legs",
                "ordering": ["departs_at", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMissionParticipant",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("staff", "Staff"),
                            ("elected", "Elected official"),
                            ("partner", "Partner"),
                            ("other", "Other"),
                        ],
                        default="staff",
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "passport_expires_on",
                    models.DateField(blank=True, null=True, verbose_name="passport expiry"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
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
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical participant",
                "verbose_name_plural": "historical participants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMissionFollowUp",
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
                            ("commitment", "Commitment of a party"),
                            ("action", "Action item for someone of the service"),
                            ("note", "Follow-up to note"),
                        ],
                        default="commitment",
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="follow-up",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due date")),
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
                    "commitment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.commitment",
                        verbose_name="commitment",
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical follow-up",
                "verbose_name_plural": "historical follow-ups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMissionApproval",
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
                    "decision",
                    models.CharField(
                        choices=[("approved", "Approved"), ("refused", "Refused")],
                        max_length=10,
                        verbose_name="decision",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="reason",
                    ),
                ),
                (
                    "risk_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("green", "Green — normal vigilance"),
                            ("yellow", "Yellow — heightened vigilance"),
                            ("orange", "Orange — advised against except for compelling reasons"),
                            ("red", "Red — formally advised against"),
                        ],
                        editable=False,
                        max_length=8,
                        verbose_name="risk level",
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
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical approval decision",
                "verbose_name_plural": "historical approval decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMission_projects",
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
                        to="missions.historicalmission",
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMission_projects",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalItineraryLeg",
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
                ("from_place", models.CharField(max_length=120, verbose_name="from")),
                ("departure_on", models.DateField(verbose_name="departure date")),
                ("departure_time", models.TimeField(verbose_name="departure time")),
                (
                    "departure_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="departure time zone",
                    ),
                ),
                ("to_place", models.CharField(max_length=120, verbose_name="to")),
                ("arrival_on", models.DateField(verbose_name="arrival date")),
                ("arrival_time", models.TimeField(verbose_name="arrival time")),
                (
                    "arrival_tz",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="arrival time zone",
                    ),
                ),
                (
                    "transport",
                    models.CharField(
                        choices=[
                            ("plane", "Plane"),
                            ("train", "Train"),
                            ("car", "Car"),
                            ("bus", "Bus"),
                            ("boat", "Boat"),
                            ("other", "Other"),
                        ],
                        default="plane",
                        max_length=8,
                        verbose_name="transport",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="Flight or train number.",
                        max_length=60,
                        verbose_name="reference",
                    ),
                ),
                (
                    "departs_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="departs at"),
                ),
                (
                    "arrives_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="arrives at"),
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical itinerary leg",
                "verbose_name_plural": "historical itinerary legs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEmergencyContact",
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
                            ("embassy", "Embassy"),
                            ("consulate", "Consulate"),
                            ("local_partner", "Local partner"),
                            ("other", "Other"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical emergency contact",
                "verbose_name_plural": "historical emergency contacts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAgendaItem",
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
                ("starts_on", models.DateField(verbose_name="date")),
                ("starts_time", models.TimeField(blank=True, null=True, verbose_name="time")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("subject", models.CharField(max_length=200, verbose_name="subject")),
                ("people", models.CharField(blank=True, max_length=300, verbose_name="people met")),
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical agenda item",
                "verbose_name_plural": "historical agenda items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="EmergencyContact",
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
                            ("embassy", "Embassy"),
                            ("consulate", "Consulate"),
                            ("local_partner", "Local partner"),
                            ("other", "Other"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="emergency_contacts",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "emergency contact",
                "verbose_name_plural": "emergency contacts",
                "ordering": ["kind", "pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="AgendaItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("starts_on", models.DateField(verbose_name="date")),
                ("starts_time", models.TimeField(blank=True, null=True, verbose_name="time")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("subject", models.CharField(max_length=200, verbose_name="subject")),
                ("people", models.CharField(blank=True, max_length=300, verbose_name="people met")),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "agenda item",
                "verbose_name_plural": "agenda items",
                "ordering": ["starts_on", "starts_time", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MissionApproval",
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
                    "decision",
                    models.CharField(
                        choices=[("approved", "Approved"), ("refused", "Refused")],
                        max_length=10,
                        verbose_name="decision",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="reason",
                    ),
                ),
                (
                    "risk_level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("green", "Green — normal vigilance"),
                            ("yellow", "Yellow — heightened vigilance"),
                            ("orange", "Orange — advised against except for compelling reasons"),
                            ("red", "Red — formally advised against"),
                        ],
                        editable=False,
                        max_length=8,
                        verbose_name="risk level",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mission_approvals",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="approvals",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "approval decision",
                "verbose_name_plural": "approval decisions",
                "ordering": ["-created_at", "-pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="MissionApprover",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mission_approver",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
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
                "verbose_name": "mission approver",
                "verbose_name_plural": "mission approvers",
                "ordering": ["pk"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="MissionFollowUp",
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
                            ("commitment", "Commitment of a party"),
                            ("action", "Action item for someone of the service"),
                            ("note", "Follow-up to note"),
                        ],
                        default="commitment",
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="follow-up",
                    ),
                ),
                ("due_on", models.DateField(blank=True, null=True, verbose_name="due date")),
                (
                    "commitment",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mission_follow_ups",
                        to="partnerships.commitment",
                        verbose_name="commitment",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_ups",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "party",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mission_follow_ups",
                        to="actors.organisation",
                        verbose_name="committed party",
                    ),
                ),
            ],
            options={
                "verbose_name": "follow-up",
                "verbose_name_plural": "follow-ups",
                "ordering": ["due_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MissionParticipant",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("staff", "Staff"),
                            ("elected", "Elected official"),
                            ("partner", "Partner"),
                            ("other", "Other"),
                        ],
                        default="staff",
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "passport_expires_on",
                    models.DateField(blank=True, null=True, verbose_name="passport expiry"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mission_participations",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mission_participations",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "participant",
                "verbose_name_plural": "participants",
                "ordering": ["pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("person__isnull", False), ("user__isnull", False), _connector="OR"
                        ),
                        name="mission_participant_someone",
                        violation_error_message="Choose a person or a user.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalChecklistEntry",
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
                            ("passport", "Passport"),
                            ("visa", "Visa"),
                            ("tickets", "Tickets"),
                            ("lodging", "Lodging"),
                            ("insurance", "Insurance"),
                            ("vaccinations", "Vaccinations"),
                            ("ariane", "Ariane registration"),
                        ],
                        max_length=16,
                        verbose_name="item",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("to_do", "To do"),
                            ("in_progress", "In progress"),
                            ("done", "Done"),
                            ("not_needed", "Not needed"),
                        ],
                        default="to_do",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
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
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.missionparticipant",
                        verbose_name="participant",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical checklist item",
                "verbose_name_plural": "historical checklist items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ChecklistEntry",
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
                            ("passport", "Passport"),
                            ("visa", "Visa"),
                            ("tickets", "Tickets"),
                            ("lodging", "Lodging"),
                            ("insurance", "Insurance"),
                            ("vaccinations", "Vaccinations"),
                            ("ariane", "Ariane registration"),
                        ],
                        max_length=16,
                        verbose_name="item",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("to_do", "To do"),
                            ("in_progress", "In progress"),
                            ("done", "Done"),
                            ("not_needed", "Not needed"),
                        ],
                        default="to_do",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checklist",
                        to="missions.missionparticipant",
                        verbose_name="participant",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checklist_entries",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist item",
                "verbose_name_plural": "checklist items",
                "ordering": ["participant_id", "pk"],
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("participant", "kind"), name="mission_checklist_one_per_kind"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PerDiemRate",
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
                    "country",
                    models.CharField(
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=10, verbose_name="daily amount"
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
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("source", models.CharField(blank=True, max_length=200, verbose_name="source")),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
            ],
            options={
                "verbose_name": "per-diem rate",
                "verbose_name_plural": "per-diem rates",
                "ordering": ["country", "-valid_from", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("country", "valid_from"), name="perdiem_one_rate_per_day"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount__isnull", True),
                            models.Q(("amount__gte", 0), ("amount__lte", Decimal("10000000"))),
                            _connector="OR",
                        ),
                        name="perdiem_amount_range",
                        violation_error_message="Enter an amount between 0 and 10,000,000.",
                    ),
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="MissionCost",
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
                            ("transport", "Transport"),
                            ("lodging", "Lodging"),
                            ("per_diem", "Per-diem"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="label")),
                (
                    "quantity",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Days × people for a per-diem; left empty, the mission's days.",
                        max_digits=8,
                        null=True,
                        verbose_name="quantity",
                    ),
                ),
                (
                    "unit_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Left empty on a per-diem line, the country's rate.",
                        max_digits=10,
                        null=True,
                        verbose_name="unit amount",
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
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        editable=False,
                        max_digits=12,
                        null=True,
                        verbose_name="amount",
                    ),
                ),
                (
                    "mission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="costs",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "rate",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="costs",
                        to="missions.perdiemrate",
                        verbose_name="per-diem rate",
                    ),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mission_costs",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
                "ordering": ["kind", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("quantity__isnull", True),
                            models.Q(("quantity__gte", 0), ("quantity__lte", Decimal("10000000"))),
                            _connector="OR",
                        ),
                        name="mission_cost_quantity_range",
                        violation_error_message="Enter an amount between 0 and 10,000,000.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("unit_amount__isnull", True),
                            models.Q(
                                ("unit_amount__gte", 0), ("unit_amount__lte", Decimal("10000000"))
                            ),
                            _connector="OR",
                        ),
                        name="mission_cost_unit_range",
                        violation_error_message="Enter an amount between 0 and 10,000,000.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMissionCost",
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
                            ("transport", "Transport"),
                            ("lodging", "Lodging"),
                            ("per_diem", "Per-diem"),
                            ("other", "Other"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("label", models.CharField(blank=True, max_length=200, verbose_name="label")),
                (
                    "quantity",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Days × people for a per-diem; left empty, the mission's days.",
                        max_digits=8,
                        null=True,
                        verbose_name="quantity",
                    ),
                ),
                (
                    "unit_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Left empty on a per-diem line, the country's rate.",
                        max_digits=10,
                        null=True,
                        verbose_name="unit amount",
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
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        editable=False,
                        max_digits=12,
                        null=True,
                        verbose_name="amount",
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "rate",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.perdiemrate",
                        verbose_name="per-diem rate",
                    ),
                ),
                (
                    "expense",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.expense",
                        verbose_name="expense",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical budget line",
                "verbose_name_plural": "historical budget lines",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting",
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
                            ("steering_committee", "Steering committee"),
                            ("working_group", "Working group"),
                            ("training", "Training"),
                            ("public_event", "Public event"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "timezone",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        default="Europe/Paris",
                        help_text="The start and end are read in this time zone.",
                        max_length=64,
                        verbose_name="time zone",
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=250, verbose_name="place")),
                (
                    "video_url",
                    models.URLField(blank=True, max_length=500, verbose_name="video link"),
                ),
                (
                    "agenda",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="agenda",
                    ),
                ),
                (
                    "minutes",
                    models.TextField(
                        blank=True,
                        help_text="The compte rendu. Markdown is accepted.",
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="minutes",
                    ),
                ),
                (
                    "decisions",
                    models.TextField(
                        blank=True,
                        help_text="The relevé de décisions. Markdown is accepted.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="decisions",
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
                    "group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="A working group's meeting invites its members.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.group",
                        verbose_name="group",
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
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="organised by",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.partnership",
                        verbose_name="partnership",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting",
                "verbose_name_plural": "historical meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Meeting",
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
                            ("steering_committee", "Steering committee"),
                            ("working_group", "Working group"),
                            ("training", "Training"),
                            ("public_event", "Public event"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "timezone",
                    models.CharField(
                        choices=maillage.actors.models.people.timezone_choices,
                        default="Europe/Paris",
                        help_text="The start and end are read in this time zone.",
                        max_length=64,
                        verbose_name="time zone",
                    ),
                ),
                ("place", models.CharField(blank=True, max_length=250, verbose_name="place")),
                (
                    "video_url",
                    models.URLField(blank=True, max_length=500, verbose_name="video link"),
                ),
                (
                    "agenda",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="agenda",
                    ),
                ),
                (
                    "minutes",
                    models.TextField(
                        blank=True,
                        help_text="The compte rendu. Markdown is accepted.",
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="minutes",
                    ),
                ),
                (
                    "decisions",
                    models.TextField(
                        blank=True,
                        help_text="The relevé de décisions. Markdown is accepted.",
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="decisions",
                    ),
                ),
                ("minutes_html", models.TextField(default="", editable=False)),
                ("decisions_html", models.TextField(default="", editable=False)),
                (
                    "group",
                    models.ForeignKey(
                        blank=True,
                        help_text="A working group's meeting invites its members.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="meetings",
                        to="actors.group",
                        verbose_name="group",
                    ),
                ),
                (
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="organised_meetings",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="organised by",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="meetings",
                        to="partnerships.partnership",
                        verbose_name="partnership",
                    ),
                ),
                (
                    "projects",
                    models.ManyToManyField(
                        blank=True,
                        related_name="meetings",
                        to="projects.project",
                        verbose_name="projects",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
                "ordering": ["-starts_at", "pk"],
                "indexes": [models.Index(fields=["starts_at", "id"], name="meeting_start_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gte", models.F("starts_at"))),
                        name="meeting_ends_after_start",
                        violation_error_message="The meeting cannot end before it starts.",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The meeting's record, with its minutes, when there is one.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="missions.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                help_text="The meeting's record, with its minutes, when there is one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mission_agenda",
                to="missions.meeting",
                verbose_name="meeting",
            ),
        ),
        migrations.CreateModel(
            name="Invitee",
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
                    "attendance",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("attending", "Attending"),
                            ("excused", "Excused"),
                            ("present", "Present"),
                            ("absent", "Absent"),
                        ],
                        default="invited",
                        max_length=12,
                        verbose_name="attendance",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=250, verbose_name="note")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting_invitations",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meeting_invitations",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitees",
                        to="missions.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "invitee",
                "verbose_name_plural": "invitees",
                "ordering": ["meeting", "pk"],
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("organisation__isnull", True), ("person__isnull", False)),
                            models.Q(("organisation__isnull", False), ("person__isnull", True)),
                            _connector="OR",
                        ),
                        name="invitee_person_xor_organisation",
                        violation_error_message="Choose either a person or an organisation.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("person__isnull", False)),
                        fields=("meeting", "person"),
                        name="invitee_person_unique",
                        violation_error_message="This person is already invited.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("organisation__isnull", False)),
                        fields=("meeting", "organisation"),
                        name="invitee_organisation_unique",
                        violation_error_message="This organisation is already invited.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMeeting_projects",
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
                        to="missions.historicalmeeting",
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
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeeting_projects",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalInvitee",
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
                    "attendance",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("attending", "Attending"),
                            ("excused", "Excused"),
                            ("present", "Present"),
                            ("absent", "Absent"),
                        ],
                        default="invited",
                        max_length=12,
                        verbose_name="attendance",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=250, verbose_name="note")),
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
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical invitee",
                "verbose_name_plural": "historical invitees",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalActionItem",
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
                ("title", models.CharField(max_length=250, verbose_name="action")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="due date")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("done", "Done")],
                        default="open",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
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
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "owner_person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.person",
                        verbose_name="owner (person)",
                    ),
                ),
                (
                    "owner_user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner (user)",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="missions.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical action item",
                "verbose_name_plural": "historical action items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ActionItem",
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
                ("title", models.CharField(max_length=250, verbose_name="action")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="description",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="due date")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("done", "Done")],
                        default="open",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
                (
                    "mission",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="action_items",
                        to="missions.mission",
                        verbose_name="mission",
                    ),
                ),
                (
                    "owner_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="action_items",
                        to="actors.person",
                        verbose_name="owner (person)",
                    ),
                ),
                (
                    "owner_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="action_items",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner (user)",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="action_items",
                        to="missions.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "action item",
                "verbose_name_plural": "action items",
                "ordering": ["due_on", "pk"],
                "indexes": [models.Index(fields=["status", "due_on"], name="action_item_open_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("owner_person__isnull", True), ("owner_user__isnull", False)),
                            models.Q(("owner_person__isnull", False), ("owner_user__isnull", True)),
                            _connector="OR",
                        ),
                        name="action_item_one_owner",
                        violation_error_message="Choose the owner: a user or a person, not both.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("status", "open"), ("status", "done"), _connector="OR"),
                        name="action_item_status_valid",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalmissionfollowup",
            name="action_item",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="missions.actionitem",
                verbose_name="action item",
            ),
        ),
        migrations.AddField(
            model_name="historicalmissionfollowup",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Who carries out an action item.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="owner",
            ),
        ),
        migrations.AddField(
            model_name="missionfollowup",
            name="action_item",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mission_follow_ups",
                to="missions.actionitem",
                verbose_name="action item",
            ),
        ),
        migrations.AddField(
            model_name="missionfollowup",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                help_text="Who carries out an action item.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mission_follow_ups",
                to=settings.AUTH_USER_MODEL,
                verbose_name="owner",
            ),
        ),
        migrations.RunPython(checklist_missions.fill_missions, migrations.RunPython.noop),
    ]
