"""actors 0009–0016 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 38 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps stay where the
replaced migrations ran them: the tables they fill may already hold rows here."""

from importlib import import_module
import datetime
import django.db.models.deletion
import maillage.accounts.working_hours
import maillage.core.collation
from django.conf import settings
from django.db import migrations, models
from maillage.core.collation import fill_sort_keys


# The data steps' functions stay in the migrations they come from.
fill_last_interaction_on = import_module("maillage.actors.migrations.0014_fill_last_interaction_on")


class Migration(migrations.Migration):
    replaces = [
        ("actors", "0009_interaction_confidentiality_person_user"),
        ("actors", "0010_history_reasons_as_text"),
        ("actors", "0011_person_working_hours"),
        ("actors", "0012_sort_keys"),
        ("actors", "0013_last_interaction_on"),
        ("actors", "0014_fill_last_interaction_on"),
        ("actors", "0015_follow_up_due_index"),
        ("actors", "0016_person_user_index"),
    ]

    dependencies = [
        ("actors", "0008_default_sort_indexes"),
        ("core", "0010_natural_collation"),
        ("projects", "0009_default_sort_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinteraction",
            name="confidentiality",
            field=models.CharField(
                choices=[("internal", "Internal"), ("shared", "Shared with project partners")],
                default="internal",
                help_text="Internal: the service's staff only. Shared: also the partners who are members of the project.",
                max_length=16,
                verbose_name="confidentiality",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user account",
            ),
        ),
        migrations.AddField(
            model_name="interaction",
            name="confidentiality",
            field=models.CharField(
                choices=[("internal", "Internal"), ("shared", "Shared with project partners")],
                default="internal",
                help_text="Internal: the service's staff only. Shared: also the partners who are members of the project.",
                max_length=16,
                verbose_name="confidentiality",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="user",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="person",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user account",
            ),
        ),
        migrations.AddConstraint(
            model_name="interaction",
            constraint=models.CheckConstraint(
                condition=models.Q(("confidentiality__in", ["internal", "shared"])),
                name="interaction_confidentiality_valid",
            ),
        ),
        migrations.AlterField(
            model_name="historicalgroup",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalgroupmember",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalinteraction",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalorganisationlink",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalposition",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="working_days",
            field=maillage.accounts.working_hours.WorkingDaysField(
                default="12345",
                max_length=7,
                validators=[maillage.accounts.working_hours.validate_working_days],
                verbose_name="working days",
            ),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="working_hours_end",
            field=models.TimeField(default=datetime.time(18, 0), verbose_name="working hours end"),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="working_hours_start",
            field=models.TimeField(
                default=datetime.time(9, 0),
                help_text="In the person's own time zone.",
                verbose_name="working hours start",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="working_days",
            field=maillage.accounts.working_hours.WorkingDaysField(
                default="12345",
                max_length=7,
                validators=[maillage.accounts.working_hours.validate_working_days],
                verbose_name="working days",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="working_hours_end",
            field=models.TimeField(default=datetime.time(18, 0), verbose_name="working hours end"),
        ),
        migrations.AddField(
            model_name="person",
            name="working_hours_start",
            field=models.TimeField(
                default=datetime.time(9, 0),
                help_text="In the person's own time zone.",
                verbose_name="working hours start",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(("working_hours_end__gt", models.F("working_hours_start"))),
                name="person_working_hours_in_order",
                violation_error_code="working_hours_end",
                violation_error_message="The working hours end after they start.",
            ),
        ),
        migrations.RemoveIndex(
            model_name="organisation",
            name="organisation_name_idx",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_name_idx",
        ),
        migrations.AddField(
            model_name="group",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="acronym_key",
            field=maillage.core.collation.SortKeyField(source="acronym"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.AddField(
            model_name="person",
            name="first_name_key",
            field=maillage.core.collation.SortKeyField(source="first_name"),
        ),
        migrations.AddField(
            model_name="person",
            name="last_name_key",
            field=maillage.core.collation.SortKeyField(source="last_name"),
        ),
        migrations.RunPython(
            fill_sort_keys("actors.Organisation", "actors.Person", "actors.Group"),
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["name_key", "id"],
                name="organisation_name_key",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["acronym_key", "id"],
                name="organisation_acronym_key",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["last_name_key", "first_name_key", "id"],
                name="person_name_key",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["first_name_key", "id"],
                name="person_first_name_key",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="last_interaction_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="last interaction"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="last_interaction_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="last interaction"
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["last_interaction_on", "id"], name="organisation_last_interaction"
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["last_interaction_on", "id"], name="person_last_interaction"
            ),
        ),
        migrations.RunPython(fill_last_interaction_on.fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("follow_up_done", False)),
                fields=["created_by", "follow_up_on", "id"],
                name="interaction_follow_up_due",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("user__isnull", False)), fields=["user"], name="person_user"
            ),
        ),
    ]
