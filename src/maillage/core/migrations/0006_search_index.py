# The search index (maillage.core.search): its table, then what each database's own
# full-text engine needs, created for that database only. A later migration that alters
# core_searchentry on SQLite remakes the table, which drops its triggers: create them
# again there (SQLITE below) and run `maillage search_index --rebuild`.

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    # External content: the FTS table indexes core_searchentry's rows (through a view that
    # adds the kind as a word, "k<content type id>", so that one kind's matches are found
    # inside the index) without a copy; triggers keep it in step with every write.
    """CREATE VIEW core_searchentry_fts_content AS
        SELECT id, title, text, 'k' || content_type_id AS kind FROM core_searchentry""",
    """CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(
        title, text, kind, content='core_searchentry_fts_content', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER core_searchentry_fts_ai AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, title, text, kind)
        VALUES (new.id, new.title, new.text, 'k' || new.content_type_id);
    END""",
    """CREATE TRIGGER core_searchentry_fts_ad AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title, text, kind)
        VALUES ('delete', old.id, old.title, old.text, 'k' || old.content_type_id);
    END""",
    """CREATE TRIGGER core_searchentry_fts_au AFTER UPDATE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title, text, kind)
        VALUES ('delete', old.id, old.title, old.text, 'k' || old.content_type_id);
        INSERT INTO core_searchentry_fts(rowid, title, text, kind)
        VALUES (new.id, new.title, new.text, 'k' || new.content_type_id);
    END""",
    # Ranking: a word of the title weighs ten words of the text; the kind, nothing.
    """INSERT INTO core_searchentry_fts(core_searchentry_fts, rank)
        VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_searchentry_fts_au",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_ad",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_ai",
    "DROP TABLE IF EXISTS core_searchentry_fts",
    "DROP VIEW IF EXISTS core_searchentry_fts_content",
]

POSTGRESQL = [
    # The `french` configuration keeps accents: ours drops them (unaccent) and does not
    # stem (simple), as SQLite's unicode61 tokenizer does.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'maillage_search') THEN
            CREATE TEXT SEARCH CONFIGURATION maillage_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION maillage_search
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    """ALTER TABLE core_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('maillage_search'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('maillage_search'::regconfig, coalesce(text, '')), 'B')
    ) STORED""",
    "CREATE INDEX core_searchentry_document ON core_searchentry USING gin (document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS core_searchentry_document",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS maillage_search",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_job_worker_process"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record")),
                (
                    "project_id",
                    models.PositiveBigIntegerField(blank=True, null=True, verbose_name="project"),
                ),
                ("title", models.TextField(blank=True, verbose_name="title")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="kind of record",
                    ),
                ),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
                "indexes": [models.Index(fields=["project_id"], name="search_entry_project")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id"), name="search_entry_unique_record"
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
            elidable=False,
        ),
    ]
