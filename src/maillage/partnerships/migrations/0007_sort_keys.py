"""Stored sort keys (core.collation.SortKeyField) of the texts the lists sort on: the
columns, their values for the rows already there, then the indexes that serve a page
(partial: the rows out of the trash, which the lists show)."""

import maillage.core.collation
from maillage.core.collation import fill_sort_keys
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0012_sort_keys"),
        ("partnerships", "0006_history_reasons_as_text"),
        ("projects", "0010_history_reasons_as_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="title_key",
            field=maillage.core.collation.SortKeyField(source="title"),
        ),
        migrations.AddField(
            model_name="partnership",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.RunPython(
            fill_sort_keys("partnerships.Partnership", "partnerships.Agreement"),
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["name_key", "id"],
                name="partnership_name_key",
            ),
        ),
    ]
