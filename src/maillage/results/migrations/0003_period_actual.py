"""Each period's approved actual, stored on it and kept by the results services
(`services.actuals`) so that the dashboards read a column; 0004 fills it for the periods
already there."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0002_value_queue_and_recent_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatorperiod",
            name="actual",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                editable=False,
                max_digits=20,
                null=True,
                verbose_name="actual (approved)",
            ),
        ),
    ]
