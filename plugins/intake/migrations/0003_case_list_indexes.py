"""Indexes for the case list at 100 k cases and more (issue 10).

- status and creation time together: the status filter reads its page in list order (SQLite
  sorted all cases of the status in a temporary B-tree);
- a trigram index for the contains-match of the search: ``pg_trgm`` GIN indexes on PostgreSQL,
  an FTS5 trigram table kept by triggers on SQLite 3.34 and later (``search_index``). The SQL is
  written out here, as it was when this migration was made.
"""

import sqlite3

from django.db import migrations, models

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX intake_case_search_trgm ON intake_case USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX intake_case_reference_trgm ON intake_case USING gin (UPPER(reference::text) gin_trgm_ops)",
]
POSTGRES_UNDO = ["DROP INDEX intake_case_search_trgm", "DROP INDEX intake_case_reference_trgm"]
COPY = "INSERT INTO intake_case_search (rowid, reference, search_text) VALUES (new.id, new.reference, new.search_text);"
SQLITE = [
    "CREATE VIRTUAL TABLE intake_case_search USING fts5(reference, search_text, tokenize='trigram')",
    f"CREATE TRIGGER intake_case_search_insert AFTER INSERT ON intake_case BEGIN {COPY} END",
    "CREATE TRIGGER intake_case_search_update AFTER UPDATE OF reference, search_text ON intake_case BEGIN "
    f"DELETE FROM intake_case_search WHERE rowid = old.id; {COPY} END",
    "CREATE TRIGGER intake_case_search_delete AFTER DELETE ON intake_case BEGIN "
    "DELETE FROM intake_case_search WHERE rowid = old.id; END",
    "INSERT INTO intake_case_search (rowid, reference, search_text) SELECT id, reference, search_text FROM intake_case",
]
SQLITE_UNDO = [
    "DROP TRIGGER intake_case_search_insert",
    "DROP TRIGGER intake_case_search_update",
    "DROP TRIGGER intake_case_search_delete",
    "DROP TABLE intake_case_search",
]


def run(statements):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql" or (vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 34)):
            for statement in statements[vendor]:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0002_case_names_as_long_as_answers_and_search_text'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['status', 'created_at'], name='intake_case_status_created'),
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
