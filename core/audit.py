"""The one way to write the audit log: ``record(action, obj, actor, **details)``.

Call it inside the transaction of the change it describes, so that the change
and its record land together or not at all.
"""

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
