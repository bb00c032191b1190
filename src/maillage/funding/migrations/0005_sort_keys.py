"""Stored sort keys (core.collation.SortKeyField) of the texts the lists sort on: the
columns, their values for the rows already there, then the indexes that serve a page
(the partial indexes of the rows out of the trash replace the plain ones on the texts,
which no sort used since the lists sort by the collation)."""

import maillage.core.collation
from maillage.core.collation import fill_sort_keys
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0004_history_reasons_as_text"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="instrument",
            name="instrument_name_idx",
        ),
        migrations.AddField(
            model_name="instrument",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.RunPython(fill_sort_keys("funding.Instrument"), migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="instrument",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["name_key", "id"],
                name="instrument_name_key",
            ),
        ),
    ]
