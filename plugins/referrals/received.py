"""The cases a recipient received in the platform: the one audited way its users read them.

Recipients delivering through the in-platform channel (``channels.InPlatform``) get no file to
download; their users work the cases here. Three things, nothing more:

* ``recipients_for(user)``: the in-platform recipients the user acts for (its role is one of the
  user's groups; a superuser sees them all; managing handovers, ``referrals.manage_handover``, is
  not reading them);
* ``received(recipient)``: a queryset of ``HandoverItem`` rows of the recipient's delivered or
  acknowledged handovers, one per case, with the handover joined (constant queries per page);
* ``read_case(recipient, case_id, actor, ...)``: one case's record in exactly the recipient's scope
  (the scope version of the handover that carried it), the read audited.

Special-category answers go only when the caller says so (``show_special``): a handover goes by
the interview's consent answer, case management by its own consent records (``SPECIAL_BY_HANDOVER``
keeps the handover's rule). A case the recipient never received is absent (``Http404``); a user
not acting for the recipient is refused (``PermissionDenied``).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core import audit
from core.contracts import CaseQuery

from .channels import InPlatform
from .handover import case_chunks
from .models import HandoverItem, HandoverStatus, Recipient
from .scope import answer_keys, special_keys

RECEIVED_STATUSES = (HandoverStatus.DELIVERED, HandoverStatus.ACKNOWLEDGED)
# ``show_special`` default: the handover's own rule, a recorded “yes” to the scope's consent question.
SPECIAL_BY_HANDOVER = None


@dataclass(frozen=True)
class ReceivedCase:
    """One received case as its recipient may see it: ``core`` and ``answers`` hold scoped keys only.

    ``special_hidden``: the special-category keys left out (no consent); ``scope`` is the scope
    version's snapshot the case was handed over in.
    """

    case_id: int
    reference: str
    recipient_slug: str
    handover_id: int
    scope_version: int
    scope: dict
    core: dict
    answers: dict
    special_hidden: tuple


def recipients_for(user):
    """The active in-platform recipients the user acts for (all of them for a superuser)."""
    recipients = Recipient.objects.filter(channel=InPlatform.name, active=True).select_related("role")
    if user.is_superuser:
        return recipients
    return recipients.filter(role__in=user.groups.all())


def acts_for(user, recipient):
    """Whether the user may read what the recipient received."""
    return recipients_for(user).filter(pk=recipient.pk).exists()


def received(recipient):
    """The recipient's received cases as ``HandoverItem`` rows (handover and scope version joined), newest first."""
    return (
        HandoverItem.objects.filter(recipient=recipient, handover__status__in=RECEIVED_STATUSES)
        .select_related("handover__scope_version")
        .order_by("-handover__cut_off", "-case_id")
    )


def audit_listing(recipient, actor, items, *, screen="list"):
    """Record that ``actor`` saw the listed received cases (their references, no content)."""
    audit.record(
        "referrals.received_list",
        HandoverItem,
        actor,
        recipient=recipient.slug,
        screen=screen,
        cases=[item.case_reference for item in items],
    )


def read_case(recipient, case_id, actor, *, show_special=SPECIAL_BY_HANDOVER, screen="case", extra_keys=()):
    """The case in the recipient's scope, the read audited; ``Http404`` for a case it never received.

    ``show_special``: ``True``/``False`` decides whether special-category answers of the scope are
    shown; the default applies the handover's rule (the scope's consent question answered “yes”).
    ``extra_keys`` are read besides (e.g. the consent question) only if the scope holds them.
    ``screen`` names the screen in the audit entry.
    """
    if not acts_for(actor, recipient):
        raise PermissionDenied
    item = received(recipient).filter(case_id=case_id).first()
    if item is None:
        raise Http404
    version = item.handover.scope_version
    scope = version.scope
    keys = answer_keys(scope)
    records = [record for chunk in case_chunks(CaseQuery(case_ids=(case_id,), keys=keys)) for record in chunk]
    if not records:
        raise Http404
    record = records[0]
    allowed = set(scope["catalogue_fields"]) | ({scope["consent_field"]} - {""}) | (set(extra_keys) & set(keys))
    answers = {key: value for key, value in record.answers.items() if key in allowed}
    special = special_keys(scope)
    if show_special is SPECIAL_BY_HANDOVER:
        show_special = answers.get(scope["consent_field"]) is True
    hidden = tuple(sorted(key for key in special if key in answers)) if not show_special else ()
    answers = {key: value for key, value in answers.items() if key not in hidden}
    core = {key: record.core.get(key) for key in scope["core_fields"]}
    audit.record(
        "referrals.received_read",
        item,
        actor,
        recipient=recipient.slug,
        screen=screen,
        case=item.case_reference,
        version=version.number,
        fields=[f"case_{key}" for key in core] + sorted(key for key in answers if key in scope["catalogue_fields"]),
    )
    return ReceivedCase(
        case_id=case_id,
        reference=item.case_reference,
        recipient_slug=recipient.slug,
        handover_id=item.handover_id,
        scope_version=version.number,
        scope=scope,
        core=core,
        answers=answers,
        special_hidden=hidden,
    )
