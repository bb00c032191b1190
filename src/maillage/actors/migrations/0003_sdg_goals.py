"""The 17 Sustainable Development Goals exist from the start; their labels come from the
UNSDG-Goals codelist in the active language."""

from django.db import migrations


def create_goals(apps, schema_editor):
    SdgGoal = apps.get_model("actors", "SdgGoal")
    SdgGoal.objects.bulk_create([SdgGoal(number=n) for n in range(1, 18)], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_people_interactions_groups")]

    operations = [migrations.RunPython(create_goals, migrations.RunPython.noop)]
