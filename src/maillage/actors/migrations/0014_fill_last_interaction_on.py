"""The last interaction date of the organisations and people already there: one UPDATE
per table, each row's latest interaction out of the trash read through the link
table's index (the rows without any link keep NULL)."""

from django.db import migrations
from django.db.models import Exists, Max, OuterRef, Subquery


def fill(apps, schema_editor):
    alias = schema_editor.connection.alias
    interaction = apps.get_model("actors", "Interaction")
    for model_name, field, owner in (
        ("Organisation", "organisations", "organisation"),
        ("Person", "people", "person"),
    ):
        model = apps.get_model("actors", model_name)
        links = interaction._meta.get_field(field).remote_field.through._base_manager.using(alias)
        mine = links.filter(**{owner: OuterRef("pk")})
        latest = (
            mine.filter(interaction__deleted_at__isnull=True)
            .order_by()
            .values(owner)
            .annotate(last=Max("interaction__occurred_on"))
            .values("last")
        )
        model._base_manager.using(alias).filter(Exists(mine)).update(
            last_interaction_on=Subquery(latest)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0013_last_interaction_on"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
