# The values list's filters on period dates read the matching periods' ids from an index
# of each date first, and the live values of periods are counted from an index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0006_period_due_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="indicatorperiod",
            index=models.Index(fields=["starts_on"], name="indicator_period_starts"),
        ),
        migrations.AddIndex(
            model_name="indicatorperiod",
            index=models.Index(fields=["ends_on"], name="indicator_period_ends"),
        ),
        migrations.AddIndex(
            model_name="indicatorvalue",
            index=models.Index(fields=["period", "deleted_at"], name="indicator_value_period_live"),
        ),
    ]
