"""Redact the personal data earlier entries hold: the one sanctioned change to the append-only log.

Until then a case named itself in the log as “CS-2026-00001 Surname, First names”, and
status changes and revocations carried the clerk's free-text reason (“moved to a women's
shelter”). Every object written so far began its text with its reference (a case
reference, a certificate number), so the object text keeps its first word; the ``reason``
details go (the reasons stay in the case history). The table's own triggers refuse any
UPDATE, so they are set aside for this migration's transaction only and are back when it
commits. Reversing it restores nothing: what was redacted is gone.
"""

from django.db import migrations
from django.db.models import Q

FREE_TEXT = ("reason",)


def redacted(object_repr, details):
    """The entry's object text and details without names and free text."""
    details = {key: value for key, value in details.items() if key not in FREE_TEXT}
    return object_repr.split(" ", 1)[0], details


class TriggersSetAside:
    """The audit table's triggers off, on SQLite (dropped, then created again from their own SQL) and PostgreSQL."""

    def __init__(self, schema_editor, table):
        self.connection, self.table, self.saved = schema_editor.connection, table, []

    def __enter__(self):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(f'ALTER TABLE "{self.table}" DISABLE TRIGGER USER')
            elif self.connection.vendor == "sqlite":
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [self.table])
                self.saved = cursor.fetchall()
                for name, _sql in self.saved:
                    cursor.execute(f'DROP TRIGGER "{name}"')

    def __exit__(self, *exc):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute(f'ALTER TABLE "{self.table}" ENABLE TRIGGER USER')
            for _name, sql in self.saved:
                cursor.execute(sql)


def redact(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    suspects = AuditEntry.objects.filter(
        Q(object_repr__contains=" ") | Q(*[Q(details__has_key=key) for key in FREE_TEXT], _connector=Q.OR)
    )
    changed = []
    for entry in suspects.only("pk", "object_repr", "details").iterator(chunk_size=2000):
        entry.object_repr, entry.details = redacted(entry.object_repr, entry.details)
        changed.append(entry)
    if not changed:
        return
    with TriggersSetAside(schema_editor, AuditEntry._meta.db_table):
        AuditEntry.objects.bulk_update(changed, ["object_repr", "details"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditentry_no_delete_trigger")]
    operations = [migrations.RunPython(redact, migrations.RunPython.noop, elidable=False)]
