"""The one way to write the audit log: ``record(action, obj, actor, **details)``.

Call it inside the transaction of the change it describes, so that the change
and its record land together or not at all.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .models import AuditEntry


def record(action, obj=None, actor=None, **details):
    """Append an entry; ``details`` should say e.g. which fields were read or exported."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        details=details,
    )


PURGE_FLAG_SQL = {
    "postgresql": (
        "SELECT set_config('clearing.audit_purge', 'on', true)",
        "SELECT set_config('clearing.audit_purge', '', true)",
    ),
    "sqlite": ("INSERT INTO core_auditpurge DEFAULT VALUES", "DELETE FROM core_auditpurge"),
}


@contextmanager
def purging(using=DEFAULT_DB_ALIAS):
    """Let the database delete audit entries inside this block (its own transaction), and nowhere else.

    The triggers of migration ``core.0003`` refuse DELETE and TRUNCATE otherwise. Only
    the retention job and the test database's flush use this; the flag never outlives
    the transaction, whether the block commits or fails.
    """
    connection = connections[using]
    set_flag, clear_flag = PURGE_FLAG_SQL[connection.vendor]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(set_flag)
        yield
        cursor.execute(clear_flag)
