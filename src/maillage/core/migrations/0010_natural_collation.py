"""The collation the lists sort text by (core.collation), on PostgreSQL only: SQLite
registers its own on each connection."""

from django.db import migrations

# As core.collation.CREATE_SQL says it (written out: a migration does not move).
CREATE_SQL = "CREATE COLLATION IF NOT EXISTS maillage_natural (provider = icu, locale = 'fr-u-kn')"
DROP_SQL = "DROP COLLATION IF EXISTS maillage_natural"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_deliveries")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
