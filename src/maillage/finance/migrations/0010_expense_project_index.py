# A project's live expenses in date order: the count and the page's ids of a project's
# list and of a partner's (the expenses of its projects) read this index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0009_expense_queue_status"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["project", "spent_on", "id"],
                name="expense_project_live",
            ),
        ),
    ]
