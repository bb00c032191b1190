# The default sort's index holds live expenses only: the list's count and a deep
# page's ids read it alone (core.pagination).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0006_fill_overspent_lines"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="expense",
            name="expense_spent_idx",
        ),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["-spent_on", "-id"],
                name="expense_spent_idx",
            ),
        ),
    ]
