# The home page's count of projects by status and its projects in progress read an
# index of their own.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0011_sort_keys"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["status", "end_on", "id"],
                name="project_status_end",
            ),
        ),
    ]
