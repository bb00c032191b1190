"""projects 0009–0010 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 15 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("projects", "0009_default_sort_indexes"),
        ("projects", "0010_history_reasons_as_text"),
    ]

    dependencies = [
        ("actors", "0008_default_sort_indexes"),
        ("core", "0007_text_limits"),
        ("projects", "0008_text_limits_and_rendered_updates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["updated_at"], name="project_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="projectpartner",
            index=models.Index(fields=["updated_at"], name="project_partner_updated_idx"),
        ),
        migrations.AlterField(
            model_name="historicaldependency",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalfieldupdate",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalplanitem",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprogramme",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprojectlocation",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprojectmembership",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprojectpartner",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprojectpolicymarker",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalprojectsector",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalrisk",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalstrategy",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalupdateattachment",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
    ]
