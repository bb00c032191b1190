"""Stored sort keys (core.collation.SortKeyField) of the texts the lists sort on: the
columns, their values for the rows already there, then the indexes that serve a page
(the partial indexes of the rows out of the trash replace the plain ones on the texts,
which no sort used since the lists sort by the collation)."""

import maillage.core.collation
from maillage.core.collation import fill_sort_keys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0011_person_working_hours"),
        ("core", "0010_natural_collation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="organisation",
            name="organisation_name_idx",
        ),
        migrations.RemoveIndex(
            model_name="person",
            name="person_name_idx",
        ),
        migrations.AddField(
            model_name="group",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="acronym_key",
            field=maillage.core.collation.SortKeyField(source="acronym"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=maillage.core.collation.SortKeyField(source="name"),
        ),
        migrations.AddField(
            model_name="person",
            name="first_name_key",
            field=maillage.core.collation.SortKeyField(source="first_name"),
        ),
        migrations.AddField(
            model_name="person",
            name="last_name_key",
            field=maillage.core.collation.SortKeyField(source="last_name"),
        ),
        migrations.RunPython(
            fill_sort_keys("actors.Organisation", "actors.Person", "actors.Group"),
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["name_key", "id"],
                name="organisation_name_key",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["acronym_key", "id"],
                name="organisation_acronym_key",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["last_name_key", "first_name_key", "id"],
                name="person_name_key",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["first_name_key", "id"],
                name="person_first_name_key",
            ),
        ),
    ]
