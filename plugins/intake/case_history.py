"""The case file's history: status changes and certificate events in time order, with who and why.

Reasons are free text about the person; they are kept here (and on the certificate),
where only the roles that may read the case see them, never in the audit log.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.staff import staff_name


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime.datetime
    text: str
    actor: str
    reason: str = ""


def case_history(case, certificates):
    """``certificates``: the case's certificates as the case file loaded them (with ``issued_by``, ``revoked_by``)."""
    events = [
        HistoryEvent(
            change.changed_at,
            f"{change.get_from_status_display()} → {change.get_to_status_display()}",
            staff_name(change.actor),
            change.reason,
        )
        for change in case.status_changes.select_related("actor")
    ]
    replaced = {
        certificate.superseded_by_id: certificate for certificate in certificates if certificate.superseded_by_id
    }
    for certificate in certificates:
        old = replaced.get(certificate.pk)
        text = (
            _("Certificate %(new)s issued, replacing %(old)s") % {"new": certificate.number, "old": old.number}
            if old
            else _("Certificate %s issued") % certificate.number
        )
        events.append(HistoryEvent(certificate.issued_at, text, staff_name(certificate.issued_by)))
        if certificate.revoked_at:
            events.append(
                HistoryEvent(
                    certificate.revoked_at,
                    _("Certificate %s revoked") % certificate.number,
                    staff_name(certificate.revoked_by),
                    certificate.revoke_reason,
                )
            )
    return sorted(events, key=lambda event: event.at)
