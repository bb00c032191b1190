"""Stored sort keys (core.collation.SortKeyField) of the texts the lists sort on: the
columns, their values for the rows already there, then the indexes that serve a page
(partial: the rows out of the trash, which the lists show)."""

import maillage.core.collation
from maillage.core.collation import fill_sort_keys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0012_sort_keys"),
        ("core", "0010_natural_collation"),
        ("projects", "0010_history_reasons_as_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.AddField(
            model_name="project",
            name="code_key",
            field=maillage.core.collation.SortKeyField(source="code"),
        ),
        migrations.AddField(
            model_name="project",
            name="title_key",
            field=maillage.core.collation.SortKeyField(source="title"),
        ),
        migrations.AddField(
            model_name="strategy",
            name="title_key",
            field=maillage.core.collation.SortKeyField(source="title"),
        ),
        migrations.RunPython(
            fill_sort_keys("projects.Project", "projects.Programme", "projects.Strategy"),
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["code_key", "id"],
                name="project_code_key",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["title_key", "id"],
                name="project_title_key",
            ),
        ),
    ]
