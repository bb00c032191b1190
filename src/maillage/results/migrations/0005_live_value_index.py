# The values list's default sort over live values only: its page's ids read the index
# alone (core.pagination reads a joined list's ids first).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0004_fill_period_actual"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="indicatorvalue", name="indicator_value_recent"),
        migrations.AddIndex(
            model_name="indicatorvalue",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["-created_at", "id"],
                name="indicator_value_recent",
            ),
        ),
    ]
