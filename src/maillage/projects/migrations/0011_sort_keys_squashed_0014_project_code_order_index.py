"""projects 0011–0014 squashed: a new database creates each model once, in its final state
(fields, indexes, constraints), instead of replaying the 14 operations of the replaced
migrations, after each of which Django re-rendered nearly every model. A database that
applied some of them goes on with them (`replaces`). The data steps stay where the
replaced migrations ran them: the tables they fill may already hold rows here."""

import django.db.models.expressions
import maillage.core.collation
from django.conf import settings
from django.db import migrations, models
from maillage.core.collation import fill_sort_keys


class Migration(migrations.Migration):
    replaces = [
        ("projects", "0011_sort_keys"),
        ("projects", "0012_home_status_index"),
        ("projects", "0013_list_date_indexes"),
        ("projects", "0014_project_code_order_index"),
    ]

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
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["status", "end_on", "id"],
                name="project_status_end",
            ),
        ),
        migrations.RemoveIndex(
            model_name="planitem",
            name="plan_item_project_kind",
        ),
        migrations.AddIndex(
            model_name="fieldupdate",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["-occurred_on", "-id"],
                name="field_update_occurred",
            ),
        ),
        migrations.AddIndex(
            model_name="planitem",
            index=models.Index(
                fields=["project", "kind", "end_on", "id"], name="plan_item_project_end"
            ),
        ),
        migrations.AddIndex(
            model_name="planitem",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["kind", "end_on", "id"],
                name="plan_item_kind_end",
            ),
        ),
        migrations.AddIndex(
            model_name="risk",
            index=models.Index(
                models.OrderBy(
                    django.db.models.expressions.CombinedExpression(
                        models.F("likelihood"), "*", models.F("impact")
                    ),
                    descending=True,
                ),
                models.F("id"),
                condition=models.Q(("deleted_at__isnull", True)),
                name="risk_score",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["code_key", "id"], name="project_code_order"),
        ),
    ]
