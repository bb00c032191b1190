# The lists across projects sort by date (plan items by their end, field updates newest
# first) and risks by score: each order is read from an index instead of sorting every
# live row through the join to the project. A project's own list of one kind is read
# from (project, kind, end_on, id), which replaces (project, kind).

from django.db import migrations, models
from django.db.models.expressions import CombinedExpression


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_home_status_index"),
    ]

    operations = [
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
                    CombinedExpression(models.F("likelihood"), "*", models.F("impact")),
                    descending=True,
                ),
                models.F("id"),
                condition=models.Q(("deleted_at__isnull", True)),
                name="risk_score",
            ),
        ),
    ]
