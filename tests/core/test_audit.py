import pytest
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection, transaction

from core import audit
from core.models import AuditEntry, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db


def test_record_keeps_actor_object_and_details(make_user):
    clerk = make_user("clerk")
    group = Group.objects.create(name="Some group")
    entry = audit.record("case.read", group, clerk, fields=["surname", "birth_date"])

    entry.refresh_from_db()
    assert (entry.action, entry.actor, entry.actor_name) == ("case.read", clerk, "clerk")
    # A model without an ``audit_reference`` is kept by type and id only: its __str__ may hold a name.
    assert (entry.object_type, entry.object_id, entry.object_repr) == ("auth.group", str(group.pk), "")
    assert entry.details == {"fields": ["surname", "birth_date"]}
    assert entry.timestamp is not None


def test_anonymous_actor_is_recorded_as_none():
    from django.contrib.auth.models import AnonymousUser

    entry = audit.record("certificate.verify", actor=AnonymousUser(), code="wrong")
    assert entry.actor is None and entry.actor_name == ""


def test_entry_outlives_its_actor(make_user):
    clerk = make_user("leaver")
    entry = audit.record("case.read", actor=clerk)
    clerk.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor_name == "leaver"


def test_model_refuses_changes_and_deletion():
    entry = audit.record("x")
    entry.action = "y"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="y")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


def test_database_refuses_an_update_that_bypasses_the_model():
    entry = audit.record("x")
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "x"


def test_no_permission_exists_to_change_or_delete_entries():
    entries = Permission.objects.filter(content_type__app_label="core", content_type__model="auditentry")
    codenames = set(entries.values_list("codename", flat=True))
    assert codenames == {"view_auditentry"}


def test_the_data_protection_officer_reads_the_log_others_get_403(client, make_user, bootstrapped):
    from core import roles

    make_user("dpo", roles.DATA_PROTECTION)
    make_user("clerk", roles.CLERK)
    make_user("admin", roles.ADMINISTRATOR)
    audit.record("case.read", actor=None, fields=["surname"])
    client.login(username="dpo", password="pw-for-tests-only")
    page = client.get("/admin/audit-log/").content.decode()
    assert "Fall gelesen" in page and "Felder: Familienname" in page
    assert "text/csv" in client.get("/admin/audit-log/?export=csv")["Content-Type"]
    for other in ("clerk", "admin"):
        client.login(username=other, password="pw-for-tests-only")
        assert client.get("/admin/audit-log/").status_code == 403, other
