"""actors 0002–0007 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 104 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data step, which creates the 17
SDG goals, comes after the schema."""

from importlib import import_module
import django.core.validators
import django.db.models.deletion
import maillage.actors.identifiers
import maillage.actors.models.people
import maillage.core.reference
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# The data steps' functions stay in the migrations they come from.
sdg_goals = import_module("maillage.actors.migrations.0003_sdg_goals")


class Migration(migrations.Migration):
    replaces = [
        ("actors", "0002_people_interactions_groups"),
        ("actors", "0003_sdg_goals"),
        ("actors", "0004_versions_and_trash"),
        ("actors", "0005_organisation_sectors"),
        ("actors", "0006_rules_with_their_messages"),
        ("actors", "0007_text_limits"),
    ]

    dependencies = [
        ("actors", "0001_initial"),
        ("core", "0003_import_sessions"),
        ("projects", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Group",
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
                ("name", models.CharField(max_length=150, unique=True, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[("thematic", "Thematic"), ("geographic", "Geographic")],
                        max_length=16,
                        verbose_name="kind",
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
                (
                    "country",
                    models.CharField(
                        blank=True,
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
            ],
            options={
                "verbose_name": "group",
                "verbose_name_plural": "groups",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Person",
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
                    "first_name",
                    models.CharField(blank=True, max_length=100, verbose_name="first name"),
                ),
                ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                (
                    "other_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="other email"),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True, help_text="Stored as +33…", max_length=20, verbose_name="phone"
                    ),
                ),
                ("mobile", models.CharField(blank=True, max_length=20, verbose_name="mobile")),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="ISO codes, e.g. fr ar en",
                        max_length=60,
                        validators=[maillage.actors.models.people.validate_language_codes],
                        verbose_name="languages",
                    ),
                ),
                (
                    "timezone",
                    models.CharField(
                        blank=True,
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="time zone",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "lawful_basis",
                    models.CharField(
                        choices=[
                            ("consent", "Consent"),
                            ("contract", "Contract"),
                            ("legal_obligation", "Legal obligation"),
                            ("public_task", "Public task"),
                            ("legitimate_interest", "Legitimate interest"),
                        ],
                        default="legitimate_interest",
                        max_length=24,
                        verbose_name="lawful basis",
                    ),
                ),
                (
                    "consent_on",
                    models.DateField(blank=True, null=True, verbose_name="consent date"),
                ),
                (
                    "consent_source",
                    models.CharField(blank=True, max_length=200, verbose_name="consent source"),
                ),
                (
                    "do_not_contact",
                    models.BooleanField(default=False, verbose_name="do not contact"),
                ),
                (
                    "anonymised_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="anonymised"
                    ),
                ),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "people",
                "ordering": ["last_name", "first_name"],
            },
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=60, unique=True, verbose_name="name")),
            ],
            options={
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
                "ordering": ["name"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.AddField(
            model_name="person",
            name="tags",
            field=models.ManyToManyField(blank=True, to="actors.tag", verbose_name="tags"),
        ),
        migrations.AddField(
            model_name="person",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["email"], name="person_email"),
        ),
        migrations.CreateModel(
            name="Theme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
            ],
            options={
                "verbose_name": "theme",
                "verbose_name_plural": "themes",
                "ordering": ["name"],
                "indexes": [],
                "constraints": [],
            },
        ),
        migrations.AddField(
            model_name="group",
            name="theme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                to="actors.theme",
                verbose_name="theme",
            ),
        ),
        migrations.AddField(
            model_name="group",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="group",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.CreateModel(
            name="HistoricalInteraction",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("meeting", "Meeting"),
                            ("call", "Call"),
                            ("email", "Email"),
                            ("event", "Event"),
                            ("visit", "Visit"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="date")),
                ("subject", models.CharField(max_length=200, verbose_name="subject")),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "follow_up_on",
                    models.DateField(blank=True, null=True, verbose_name="follow-up date"),
                ),
                (
                    "follow_up_done",
                    models.BooleanField(default=False, verbose_name="follow-up done"),
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
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
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
            ],
            options={
                "verbose_name": "historical interaction",
                "verbose_name_plural": "historical interactions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganisationLink",
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
                            ("member_of", "is a member of"),
                            ("partner_of", "is a partner of"),
                            ("funds", "funds"),
                        ],
                        max_length=16,
                        verbose_name="relation",
                    ),
                ),
                ("since_on", models.DateField(blank=True, null=True, verbose_name="since")),
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
                    "source",
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
                    "target",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                        verbose_name="related organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical link between organisations",
                "verbose_name_plural": "historical links between organisations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPerson",
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
                    "first_name",
                    models.CharField(blank=True, max_length=100, verbose_name="first name"),
                ),
                ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                (
                    "other_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="other email"),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True, help_text="Stored as +33…", max_length=20, verbose_name="phone"
                    ),
                ),
                ("mobile", models.CharField(blank=True, max_length=20, verbose_name="mobile")),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="ISO codes, e.g. fr ar en",
                        max_length=60,
                        validators=[maillage.actors.models.people.validate_language_codes],
                        verbose_name="languages",
                    ),
                ),
                (
                    "timezone",
                    models.CharField(
                        blank=True,
                        choices=maillage.actors.models.people.timezone_choices,
                        max_length=64,
                        verbose_name="time zone",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "lawful_basis",
                    models.CharField(
                        choices=[
                            ("consent", "Consent"),
                            ("contract", "Contract"),
                            ("legal_obligation", "Legal obligation"),
                            ("public_task", "Public task"),
                            ("legitimate_interest", "Legitimate interest"),
                        ],
                        default="legitimate_interest",
                        max_length=24,
                        verbose_name="lawful basis",
                    ),
                ),
                (
                    "consent_on",
                    models.DateField(blank=True, null=True, verbose_name="consent date"),
                ),
                (
                    "consent_source",
                    models.CharField(blank=True, max_length=200, verbose_name="consent source"),
                ),
                (
                    "do_not_contact",
                    models.BooleanField(default=False, verbose_name="do not contact"),
                ),
                (
                    "anonymised_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="anonymised"
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
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
            ],
            options={
                "verbose_name": "historical person",
                "verbose_name_plural": "historical people",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Interaction",
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
                    "kind",
                    models.CharField(
                        choices=[
                            ("meeting", "Meeting"),
                            ("call", "Call"),
                            ("email", "Email"),
                            ("event", "Event"),
                            ("visit", "Visit"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="date")),
                ("subject", models.CharField(max_length=200, verbose_name="subject")),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=20000,
                        validators=[django.core.validators.MaxLengthValidator(20000)],
                        verbose_name="notes",
                    ),
                ),
                (
                    "follow_up_on",
                    models.DateField(blank=True, null=True, verbose_name="follow-up date"),
                ),
                (
                    "follow_up_done",
                    models.BooleanField(default=False, verbose_name="follow-up done"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "organisations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="interactions",
                        to="actors.organisation",
                        verbose_name="organisations",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="interactions",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "people",
                    models.ManyToManyField(
                        blank=True,
                        related_name="interactions",
                        to="actors.person",
                        verbose_name="people",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
            ],
            options={
                "verbose_name": "interaction",
                "verbose_name_plural": "interactions",
                "ordering": ["-occurred_on", "-pk"],
                "indexes": [models.Index(fields=["follow_up_on"], name="interaction_follow_up")],
                "constraints": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalInteraction_organisations",
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
                        to="actors.historicalinteraction",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                    ),
                ),
                (
                    "interaction",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.interaction",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalInteraction_organisations",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="OrganisationCountry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
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
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="action_countries",
                        to="actors.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "country of action",
                "verbose_name_plural": "countries of action",
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "country"), name="organisation_country_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganisationLink",
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
                            ("member_of", "is a member of"),
                            ("partner_of", "is a partner of"),
                            ("funds", "funds"),
                        ],
                        max_length=16,
                        verbose_name="relation",
                    ),
                ),
                ("since_on", models.DateField(blank=True, null=True, verbose_name="since")),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_out",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_in",
                        to="actors.organisation",
                        verbose_name="related organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "link between organisations",
                "verbose_name_plural": "links between organisations",
                "indexes": [],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("source", "kind", "target"),
                        name="organisation_link_unique",
                        violation_error_message="This link between the two organisations is already recorded.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("source", models.F("target")), _negated=True),
                        name="organisation_link_not_self",
                        violation_error_message="An organisation cannot be linked to itself.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPosition",
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
                ("role", models.CharField(max_length=150, verbose_name="role")),
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
            ],
            options={
                "verbose_name": "historical position",
                "verbose_name_plural": "historical positions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalInteraction_people",
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
                        to="actors.historicalinteraction",
                    ),
                ),
                (
                    "interaction",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.interaction",
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
            ],
            options={
                "verbose_name": "HistoricalInteraction_people",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGroupMember",
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
                    models.CharField(blank=True, max_length=100, verbose_name="role in the group"),
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
                    "group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
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
            ],
            options={
                "verbose_name": "historical group member",
                "verbose_name_plural": "historical group members",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="GroupMember",
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
                    models.CharField(blank=True, max_length=100, verbose_name="role in the group"),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="actors.group",
                        verbose_name="group",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="group_memberships",
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
                        related_name="group_memberships",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "group member",
                "verbose_name_plural": "group members",
                "indexes": [],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("organisation__isnull", True), ("person__isnull", False)),
                            models.Q(("organisation__isnull", False), ("person__isnull", True)),
                            _connector="OR",
                        ),
                        name="group_member_person_xor_organisation",
                        violation_error_message="Choose either a person or an organisation.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("person__isnull", False)),
                        fields=("group", "person"),
                        name="group_member_person_unique",
                        violation_error_message="This person is already a member of the group.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("organisation__isnull", False)),
                        fields=("group", "organisation"),
                        name="group_member_organisation_unique",
                        violation_error_message="This organisation is already a member of the group.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Position",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("role", models.CharField(max_length=150, verbose_name="role")),
                ("start_on", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="positions",
                        to="actors.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="positions",
                        to="actors.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "position",
                "verbose_name_plural": "positions",
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
                        name="position_dates_in_order",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SdgGoal",
            fields=[
                (
                    "number",
                    models.PositiveSmallIntegerField(
                        primary_key=True, serialize=False, verbose_name="number"
                    ),
                ),
            ],
            options={
                "verbose_name": "SDG",
                "verbose_name_plural": "SDGs",
                "ordering": ["number"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("number__gte", 1), ("number__lte", 17)),
                        name="sdg_goal_number_range",
                    )
                ],
                "indexes": [],
            },
        ),
        migrations.CreateModel(
            name="HistoricalOrganisation_sdgs",
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
                        to="actors.historicalorganisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                    ),
                ),
                (
                    "sdggoal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.sdggoal",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOrganisation_sdgs",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPerson_tags",
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
                        to="actors.historicalperson",
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
                "verbose_name": "HistoricalPerson_tags",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganisation_tags",
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
                        to="actors.historicalorganisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
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
                "verbose_name": "HistoricalOrganisation_tags",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganisation_themes",
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
                        to="actors.historicalorganisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.theme",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOrganisation_themes",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGroup",
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
                ("name", models.CharField(db_index=True, max_length=150, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[("thematic", "Thematic"), ("geographic", "Geographic")],
                        max_length=16,
                        verbose_name="kind",
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
                (
                    "country",
                    models.CharField(
                        blank=True,
                        choices=maillage.core.reference.country_choices,
                        max_length=2,
                        verbose_name="country",
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
                    "theme",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.theme",
                        verbose_name="theme",
                    ),
                ),
                (
                    "deleted_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="deleted"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
            ],
            options={
                "verbose_name": "historical group",
                "verbose_name_plural": "historical groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrganisation_sectors",
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
                        to="actors.historicalorganisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actors.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalOrganisation_sectors",
                "indexes": [],
                "constraints": [],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="address",
            field=models.TextField(blank=True, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="foreign_region",
            field=models.CharField(blank=True, max_length=120, verbose_name="region abroad"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="iati_identifier",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="IATI organisation identifier"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="latitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="latitude"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="longitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="longitude"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="notes",
            field=models.TextField(blank=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="actors.organisation",
                verbose_name="parent organisation",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="phone",
            field=models.CharField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="postcode",
            field=models.CharField(blank=True, max_length=12, verbose_name="postcode"),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="siren",
            field=models.CharField(
                blank=True,
                max_length=9,
                validators=[maillage.actors.identifiers.validate_siren],
                verbose_name="SIREN",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="siret",
            field=models.CharField(
                blank=True,
                max_length=14,
                validators=[maillage.actors.identifiers.validate_siret],
                verbose_name="SIRET",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="address",
            field=models.TextField(blank=True, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="foreign_region",
            field=models.CharField(blank=True, max_length=120, verbose_name="region abroad"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="iati_identifier",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="IATI organisation identifier"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="latitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="latitude"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="longitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="longitude"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="notes",
            field=models.TextField(blank=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="children",
                to="actors.organisation",
                verbose_name="parent organisation",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="phone",
            field=models.CharField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="postcode",
            field=models.CharField(blank=True, max_length=12, verbose_name="postcode"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="siren",
            field=models.CharField(
                blank=True,
                max_length=9,
                validators=[maillage.actors.identifiers.validate_siren],
                verbose_name="SIREN",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="siret",
            field=models.CharField(
                blank=True,
                max_length=14,
                validators=[maillage.actors.identifiers.validate_siret],
                verbose_name="SIRET",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="sdgs",
            field=models.ManyToManyField(blank=True, to="actors.sdggoal", verbose_name="SDGs"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="tags",
            field=models.ManyToManyField(blank=True, to="actors.tag", verbose_name="tags"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="themes",
            field=models.ManyToManyField(blank=True, to="actors.theme", verbose_name="themes"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["type", "departement"], name="organisation_type_dep"),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("latitude__isnull", True),
                    models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                    _connector="OR",
                ),
                name="organisation_latitude_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("longitude__isnull", True),
                    models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                    _connector="OR",
                ),
                name="organisation_longitude_range",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="deleted"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="sectors",
            field=models.ManyToManyField(
                blank=True,
                help_text="OECD DAC sector categories (3-digit codes).",
                limit_choices_to={"codelist__name": "SectorCategory"},
                related_name="+",
                to="core.codelistitem",
                verbose_name="DAC sectors",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=9,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=9,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="latitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=9,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-90),
                    django.core.validators.MaxValueValidator(90),
                ],
                verbose_name="latitude",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="longitude",
            field=models.DecimalField(
                blank=True,
                decimal_places=6,
                max_digits=9,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(-180),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="longitude",
            ),
        ),
        migrations.AlterConstraint(
            model_name="organisation",
            name="organisation_departement_only_in_france",
            constraint=models.CheckConstraint(
                condition=models.Q(("departement", ""), ("country", "FR"), _connector="OR"),
                name="organisation_departement_only_in_france",
                violation_error_message="A département is only for organisations in France.",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="address",
            field=models.TextField(
                blank=True,
                max_length=1000,
                validators=[django.core.validators.MaxLengthValidator(1000)],
                verbose_name="address",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="notes",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="notes",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="address",
            field=models.TextField(
                blank=True,
                max_length=1000,
                validators=[django.core.validators.MaxLengthValidator(1000)],
                verbose_name="address",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="notes",
            field=models.TextField(
                blank=True,
                max_length=20000,
                validators=[django.core.validators.MaxLengthValidator(20000)],
                verbose_name="notes",
            ),
        ),
        migrations.RunPython(sdg_goals.create_goals, migrations.RunPython.noop),
    ]
