"""The last interaction date of the organisations and people already there: one UPDATE
per table from the links grouped once (each row's latest interaction out of the trash;
the rows without any keep NULL)."""

from django.db import migrations

from maillage.actors.services import fill_sql


def fill(apps, schema_editor):
    connection = schema_editor.connection
    interaction = apps.get_model("actors", "Interaction")
    with connection.cursor() as cursor:
        for model_name, field, owner in (
            ("Organisation", "organisations", "organisation"),
            ("Person", "people", "person"),
        ):
            model = apps.get_model("actors", model_name)
            links = interaction._meta.get_field(field).remote_field.through
            cursor.execute(fill_sql(connection, model, links, owner, interaction))


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0013_last_interaction_on"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
