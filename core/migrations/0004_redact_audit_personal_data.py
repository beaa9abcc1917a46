"""Redact the personal data earlier entries hold: the one sanctioned change to the append-only log.

Until then a case named itself in the log as “CS-2026-00001 Surname, First names”, and
status changes and revocations carried the clerk's free-text reason (“moved to a women's
shelter”), a case opened from a link its ``?source=`` text, the report's own reads its
filters as typed (often a name), a login unlocked the name typed in the login box. Every
object written so far began its text with its reference (a case reference, a certificate
number), so the object text keeps its first word; of the details only the keys any version
wrote with references, ids, codes, field keys, counts or flags stay (an allow-list: a key
not named here goes, whatever it held; the reasons stay in the case history). The table's
own triggers refuse any UPDATE, so they are set aside for this migration's transaction only
and are back when it commits. Reversing it restores nothing: what was redacted is gone.
"""

from django.db import migrations

# Every details key an earlier version wrote that holds no free text.
KEPT = frozenset(
    {
        "answers",  # field keys
        "case",  # case reference
        "cases",  # case ids, or a count (demo data)
        "certificate",  # certificate number
        "certificates",  # a count (demo data)
        "code_prefix",  # the first four characters of a verification code
        "complete",
        "entries",  # audit entry ids
        "fields",  # field keys
        "filtered",
        "format",  # an export format code
        "from_status",
        "ip_address",
        "outcome",  # a certificate status code
        "replaces",  # certificate number
        "rows",
        "searched",
        "seed",
        "source_id",
        "source_kind",
        "statuses",  # status codes and counts
        "to_status",
        "up_to",  # an audit entry id
        "view",  # "print"
    }
)
BATCH = 1000


def redacted(object_repr, details):
    """The entry's object text and details without names and free text."""
    details = {key: value for key, value in details.items() if key in KEPT}
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
    entries = AuditEntry.objects.only("pk", "object_repr", "details").order_by("pk")
    if not entries.exists():
        return
    with TriggersSetAside(schema_editor, AuditEntry._meta.db_table):
        last = 0
        while batch := list(entries.filter(pk__gt=last)[:BATCH]):
            last = batch[-1].pk
            changed = []
            for entry in batch:
                repr_and_details = redacted(entry.object_repr, entry.details)
                if repr_and_details != (entry.object_repr, entry.details):
                    entry.object_repr, entry.details = repr_and_details
                    changed.append(entry)
            AuditEntry.objects.bulk_update(changed, ["object_repr", "details"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditentry_no_delete_trigger")]
    operations = [migrations.RunPython(redact, migrations.RunPython.noop, elidable=False)]
