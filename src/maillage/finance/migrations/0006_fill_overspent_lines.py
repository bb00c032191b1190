# The stored over-spent lines of the projects that already have a budget, worked out once
# by the service that keeps them (`finance.services.followup.refresh_followup`): the same
# numbers as the follow-up's, which a copy of its conversions here would drift from. A new
# installation has no budget and skips it. Elidable: the night's refresh
# (`maillage.finance.jobs_followup.refresh_all_followup`) fills the table too.

from django.db import migrations


def fill(apps, schema_editor):
    budget = apps.get_model("finance", "Budget")
    if not budget.objects.exists():
        return
    from maillage.finance.services.followup import all_projects, refresh_followup

    refresh_followup(all_projects())


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0005_overspent_lines"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
