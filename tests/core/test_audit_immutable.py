"""The database refuses to delete or truncate audit entries; only ``core.audit.purging()`` may."""

import pytest
from django.db import DatabaseError, connection, transaction

from core import audit
from core.models import AuditEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def execute(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_a_delete_that_bypasses_the_model():
    entry = audit.record("case.read")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_database_refuses_truncate():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (its DELETE without WHERE is refused above)")
    audit.record("case.read")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("TRUNCATE core_auditentry")
    assert AuditEntry.objects.exists()


def test_a_purge_deletes_and_the_flag_ends_with_it():
    kept = audit.record("case.read")
    purged = audit.record("case.read")
    with audit.purging(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [purged.pk])
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM core_auditentry WHERE id = %s", [kept.pk])


def test_a_failed_purge_leaves_no_flag_behind():
    entry = audit.record("case.read")
    with pytest.raises(RuntimeError), audit.purging():
        raise RuntimeError("the retention job broke off")
    with pytest.raises(DatabaseError, match="append-only"):
        execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])


def test_a_truncating_purge_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    audit.record("case.read")
    with audit.purging(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditentry")
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_still_ends_with_a_clean_flush():
    """Its teardown flushes core_auditentry (TRUNCATE on PostgreSQL) through ``purging()``."""
    audit.record("case.read")
    assert AuditEntry.objects.count() == 1
