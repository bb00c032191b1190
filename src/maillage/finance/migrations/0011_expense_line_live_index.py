# The list of expenses filtered by a budget line's code or category counts the live
# expenses of the matching lines from this index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0010_expense_project_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(fields=["budget_line", "deleted_at"], name="expense_line_live"),
        ),
    ]
