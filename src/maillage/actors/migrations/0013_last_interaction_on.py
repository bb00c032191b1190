"""The date of each organisation's and person's latest interaction, kept by the
interaction services, and the indexes of the lists' "no interaction since" filter and
sort; 0014 fills it for the rows already there."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0012_sort_keys"),
        ("core", "0010_natural_collation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="last_interaction_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="last interaction"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="last_interaction_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="last interaction"
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["last_interaction_on", "id"], name="organisation_last_interaction"
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["last_interaction_on", "id"], name="person_last_interaction"
            ),
        ),
    ]
