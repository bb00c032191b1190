# The validation queue's index leads with the status, which the queries compare to a
# bound parameter: its count reads the index alone instead of every submitted row.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0008_expense_queue_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="expense", name="expense_queue"),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "submitted")),
                fields=["status", "spent_on", "id"],
                name="expense_queue",
            ),
        ),
    ]
