"""The one sanctioned change to the append-only log: names and free text of earlier entries redacted, for real."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from core.models import AuditEntry

OLD_ENTRIES = [
    # (action, object type, object text, details) as they were written before the redaction
    ("case.read", "intake.case", "CS-2026-00001 Țurcanu, Ștefan", {"fields": ["surname", "first_names"]}),
    (
        "case.status",
        "intake.case",
        "CS-2026-00001 Țurcanu, Ștefan",
        {"from_status": "in_interview", "to_status": "withdrawn", "reason": "zieht ins Frauenhaus"},
    ),
    ("certificate.revoke", "intake.releasecertificate", "FS-2026-00001", {"reason": "Frauenhaus, Adresse geheim"}),
    ("certificate.issue", "intake.releasecertificate", "FS-2026-00002", {"case": "CS-2026-00001"}),
    ("demo.seed", "", "", {"cases": 3}),
    ("case.open", "intake.case", "CS-2026-00002", {"source": "Petrov Ivan Tel 0176"}),
    ("case.open", "intake.case", "CS-2026-00003", {"source_kind": "person", "source_id": 7}),
    ("audit.read", "core.auditentry", "", {"entries": [1, 2], "filters": {"actor": "Petrov"}}),
    ("login.unlock", "", "", {"username": "Petrov Ivan", "ip_address": "10.0.0.1"}),
    ("case.list", "intake.case", "", {"cases": [1], "query": "Petrov", "searched": True}),
]
REDACTED = [
    ("CS-2026-00001", {"fields": ["surname", "first_names"]}),
    ("CS-2026-00001", {"from_status": "in_interview", "to_status": "withdrawn"}),
    ("FS-2026-00001", {}),
    ("FS-2026-00002", {"case": "CS-2026-00001"}),
    ("", {"cases": 3}),
    ("CS-2026-00002", {}),
    ("CS-2026-00003", {"source_kind": "person", "source_id": 7}),
    ("", {"entries": [1, 2]}),
    ("", {"ip_address": "10.0.0.1"}),
    ("", {"cases": [1], "searched": True}),
]


def redaction_and_before():
    """The redaction migration and the one it follows, found by name (the number may change at merge time)."""
    graph = MigrationExecutor(connection).loader.graph
    (name,) = [name for app, name in graph.nodes if app == "core" and name.endswith("redact_audit_personal_data")]
    (before,) = [parent for parent in graph.node_map[("core", name)].parents if parent.key[0] == "core"]
    return ("core", name), before.key


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_redacts_what_was_written_the_old_way_and_the_log_stays_append_only():
    redaction, before = redaction_and_before()
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        for action, object_type, text, details in OLD_ENTRIES:
            AuditEntry.objects.create(
                action=action, object_type=object_type, object_id="1", object_repr=text, details=details
            )
        executor = MigrationExecutor(connection)
        executor.migrate([redaction])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    found = [(entry.object_repr, entry.details) for entry in AuditEntry.objects.order_by("pk")]
    assert found == REDACTED
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET object_repr = 'forged'")
