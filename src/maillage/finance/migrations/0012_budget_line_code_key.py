"""The budget line code's stored sort key (core.collation.SortKeyField), its values for
the lines already there, the index the expense list sorted by line walks (the trash
included: the list joins to any line), and each line's live expenses in date order."""

from django.db import migrations, models

import maillage.core.collation
from maillage.core.collation import fill_sort_keys


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0011_expense_line_live_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="budgetline",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.RunPython(fill_sort_keys("finance.BudgetLine"), migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="budgetline",
            index=models.Index(fields=["code_key", "id"], name="budget_line_code_order"),
        ),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["budget_line", "spent_on", "id"],
                name="expense_line_spent",
            ),
        ),
    ]
