# Lists of other records sorted by project (tasks, expenses…) walk the projects in the
# order of their code from this index, the trash included, then each project's rows from
# an index of their own (core.ordering), instead of sorting every row of the list.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_list_date_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["code_key", "id"], name="project_code_order"),
        ),
    ]
