# A budget line's version is `budget_version`: `version` is VersionedModel's edit counter,
# which a line needs too (concurrent edits detected like every other record's).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0002_financial_reports"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="budgetline",
            name="budget_line_code_unique",
        ),
        migrations.RenameField(
            model_name="budgetline",
            old_name="version",
            new_name="budget_version",
        ),
        migrations.RenameField(
            model_name="historicalbudgetline",
            old_name="version",
            new_name="budget_version",
        ),
        migrations.AlterField(
            model_name="budgetline",
            name="budget_version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="finance.budgetversion",
                verbose_name="budget version",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbudgetline",
            name="budget_version",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="finance.budgetversion",
                verbose_name="budget version",
            ),
        ),
        migrations.AddField(
            model_name="budgetline",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicalbudgetline",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AlterModelOptions(
            name="budgetline",
            options={
                "ordering": ["budget_version", "category", "code", "pk"],
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
            },
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.UniqueConstraint(
                fields=("budget_version", "code"),
                name="budget_line_code_unique",
                violation_error_message="This version already has a line with this code.",
            ),
        ),
    ]
