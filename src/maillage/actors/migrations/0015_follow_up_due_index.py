# The follow-ups due on the home page read the pending follow-ups of who recorded them,
# in order, from an index of their own.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0014_fill_last_interaction_on"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("follow_up_done", False)),
                fields=["created_by", "follow_up_on", "id"],
                name="interaction_follow_up_due",
            ),
        ),
    ]
