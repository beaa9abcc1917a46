"""The one way to write the audit log: ``record(action, obj, actor, **details)``.

Call it inside the transaction of the change it describes, so that the change
and its record land together or not at all.

Entries hold references, never a citizen's name or free text: the administrators
and the data-protection officer who read the log have no access to case data. A
model names itself in the log through an ``audit_reference`` property (a case
reference, a certificate number); without one only its type and id are kept,
since ``__str__`` often holds a person's name. Details are ids, codes, field keys
and counts; reasons and other free text stay in the record's own history, where
the role rules apply.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .models import AuditEntry


def record(action, obj=None, actor=None, **details):
    """Append an entry; ``details`` should say e.g. which fields were read or exported.

    ``obj`` is the record acted on, or a model class for an action on many of its
    records (a list page: the ids shown go into ``details``).
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    instance = obj is not None and not isinstance(obj, type)
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if instance else "",
        object_repr=str(getattr(obj, "audit_reference", ""))[:255] if instance else "",
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
