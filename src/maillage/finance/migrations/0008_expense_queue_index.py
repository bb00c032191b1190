# The validation queue and its count on the home page read the submitted expenses
# from an index of their own.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0007_live_expense_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "submitted")),
                fields=["spent_on", "id"],
                name="expense_queue",
            ),
        ),
    ]
