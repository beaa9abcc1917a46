"""The database refuses to delete or truncate audit entries unless the connection set the purge flag.

The flag (``core.audit.purging``) lives only inside the purging transaction: on
PostgreSQL the transaction-local setting ``clearing.audit_purge``, on SQLite a row
in ``core_auditpurge`` that is inserted and removed again before the commit
(SQLite has no session variables, and a trigger cannot read a temporary table).
``core_auditpurge`` is no model, so Django's ``flush`` leaves it alone.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE TABLE core_auditpurge (since DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);",
    """
    CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    WHEN NOT EXISTS (SELECT 1 FROM core_auditpurge)
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: deleting them needs the purge flag'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
    "DROP TABLE IF EXISTS core_auditpurge;",
]

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION core_auditentry_refuse_removal() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('clearing.audit_purge', true), '') = 'on' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only: deleting them needs the purge flag';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER core_auditentry_no_removal BEFORE DELETE OR TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_refuse_removal();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_removal ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_refuse_removal();",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("core", "0002_auditentry_no_update_trigger")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
