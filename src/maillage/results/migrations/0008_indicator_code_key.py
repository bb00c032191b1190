"""The indicator code's stored sort key (core.collation.SortKeyField), its values for the
indicators already there, and the index the values list sorted by indicator walks (the
trash included: the list joins to any indicator)."""

from django.db import migrations, models

import maillage.core.collation
from maillage.core.collation import fill_sort_keys


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0007_period_date_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.RunPython(fill_sort_keys("results.Indicator"), migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="indicator",
            index=models.Index(fields=["code_key", "id"], name="indicator_code_order"),
        ),
    ]
