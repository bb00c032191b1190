# The list filtered by status and the validation queue read one index of live expenses
# by status (the queue's own, of submitted expenses only, is replaced by it).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0012_budget_line_code_key"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="expense", name="expense_queue"),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["status", "spent_on", "id"],
                name="expense_status_live",
            ),
        ),
    ]
