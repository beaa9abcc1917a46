"""Building and delivering a handover: the one place a case leaves the office for a recipient.

``build_handover(recipient)`` runs in three steps, each safe to repeat:

1. *claim* (one transaction, the recipient's row locked): a ``Handover`` row and one
   ``HandoverItem`` per matching case not yet handed to the recipient. The unique
   constraint (recipient, case) makes a second claim of a case fail, whatever the lock does.
2. *render*: the file is written from the claimed cases, chunk by chunk, through the
   resource generated from the scope version (temp file, fsync, rename, SHA-256).
3. *deliver*: through the recipient's channel; a failure counts an attempt and backs off.

A run that dies after the claim leaves a handover “being built” whose heartbeat stops; the
next run resumes it (same cases, so none lost and none twice). A case whose status changes
after the cut-off joins the next handover.
"""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from core import audit
from core.contracts import CaseQuery
from core.hooks import CASE_RECORDS

from . import channels
from .formats import WRITERS
from .models import Handover, HandoverItem, HandoverStatus, Recipient
from .scope import (
    answer_keys,
    ensure_scope_version,
    matches,
    row_cells,
    scope_resource,
    scoped_row,
    special_keys,
)

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
# A build whose heartbeat is older than this was killed: the next run resumes it.
STALE_AFTER = timezone.timedelta(minutes=10)
# Minutes to wait after the n-th failed attempt; after the last one the handover has failed.
BACKOFF_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1


def case_chunks(query):
    providers = hooks.get_hooks(CASE_RECORDS)
    if not providers:
        raise ImproperlyConfigured("referrals: no app provides the case records (clearing_case_records)")
    yield from providers[0](query)


def files_dir():
    directory = Path(settings.REFERRALS_FILES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def handover_path(handover):
    return files_dir() / handover.file_name


def build_handover(recipient, *, trigger="manual", actor=None, chunk_size=CHUNK_SIZE, deliver_now=True):
    """Claim, render and deliver the recipient's next handover; the handover, or ``None`` when no case is new.

    An unfinished handover of the recipient (its run was killed) is finished first.
    """
    stale = recipient.handovers.filter(
        status=HandoverStatus.BUILDING, heartbeat__lt=timezone.now() - STALE_AFTER
    ).first()
    if stale is not None:
        stale = render(stale, chunk_size=chunk_size)
        if deliver_now:
            stale = deliver(stale)
    handover = claim(recipient, trigger=trigger, actor=actor, chunk_size=chunk_size)
    if handover is None:
        return stale
    handover = render(handover, chunk_size=chunk_size)
    if deliver_now:
        handover = deliver(handover)
    return handover


def claim(recipient, *, trigger, actor=None, chunk_size=CHUNK_SIZE, now=None):
    """The claim step: a new ``Handover`` with the cases not yet handed to the recipient, or ``None``."""
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
        version = ensure_scope_version(recipient, actor)
        scope = version.scope
        cut_off = now or timezone.now()
        previous = recipient.handovers.order_by("-cut_off").values_list("cut_off", flat=True).first()
        handover = Handover.objects.create(
            recipient=recipient,
            scope_version=version,
            trigger=trigger,
            period_start=previous,
            cut_off=cut_off,
            file_format=recipient.file_format,
        )
        claimed = 0
        for new in _unclaimed(recipient, scope, cut_off, chunk_size):
            HandoverItem.objects.bulk_create(
                HandoverItem(handover=handover, recipient=recipient, case_id=case_id, case_reference=reference)
                for case_id, reference in new
            )
            claimed += len(new)
        if not claimed:
            handover.delete()
            return None
        handover.rows = claimed
        handover.file_name = f"{recipient.slug}-{handover.pk}.{WRITERS[handover.file_format].extension}"
        handover.save(update_fields=["rows", "file_name"])
        audit.record(
            "referrals.handover",
            handover,
            actor,
            recipient=recipient.slug,
            version=version.number,
            cases=claimed,
            fields=version.columns,
        )
    return handover


def _unclaimed(recipient, scope, cut_off, chunk_size):
    """Chunks of ``(case id, reference)`` matching the scope and not yet handed to the recipient."""
    query = CaseQuery(
        statuses=tuple(scope["statuses"]), changed_before=cut_off, keys=answer_keys(scope), chunk_size=chunk_size
    )
    for chunk in case_chunks(query):
        wanted = {record.case_id: record.core["reference"] for record in chunk if matches(scope, record)}
        taken = set(
            HandoverItem.objects.filter(recipient=recipient, case_id__in=list(wanted)).values_list("case_id", flat=True)
        )
        yield [(case_id, reference) for case_id, reference in wanted.items() if case_id not in taken]


def claim_preview(recipient, chunk_size=CHUNK_SIZE):
    """How many cases the recipient's next handover would carry (``run_handovers --dry-run``); writes nothing."""
    scope = recipient.scope_snapshot()
    return sum(len(new) for new in _unclaimed(recipient, scope, timezone.now(), chunk_size))


def render(handover, *, chunk_size=CHUNK_SIZE):
    """Write the handover's file from its claimed cases; the same cases give the same file on a rerun."""
    scope = handover.scope_version.scope
    resource = scope_resource(scope)
    headers = resource.get_export_headers()
    cells = row_cells(resource, native=WRITERS[handover.file_format].native)
    special = special_keys(scope)
    writer_class = WRITERS[handover.file_format]
    meta = {
        "recipient": handover.recipient.slug,
        "handover": handover.pk,
        "scope_version": handover.scope_version.number,
    }
    case_ids = list(handover.items.order_by("case_id").values_list("case_id", flat=True))
    target = handover_path(handover)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    written = 0
    try:
        with os.fdopen(descriptor, "wb") as handle:
            writer = writer_class(handle, headers, meta)
            for start in range(0, len(case_ids), chunk_size):
                query = CaseQuery(
                    case_ids=tuple(case_ids[start : start + chunk_size]), keys=answer_keys(scope), chunk_size=chunk_size
                )
                for chunk in case_chunks(query):
                    writer.write(cells(scoped_row(scope, record, special)) for record in chunk)
                    written += len(chunk)
                Handover.objects.filter(pk=handover.pk).update(rows_written=written, heartbeat=timezone.now())
            writer.close()
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    handover.sha256 = digest.hexdigest()
    handover.rows_written = written
    handover.status = HandoverStatus.READY
    handover.save(update_fields=["sha256", "rows_written", "status"])
    return handover


def deliver(handover, *, manual=False, actor=None):
    """One delivery attempt through the recipient's channel; failures back off, a person may always resend.

    The handover's row is locked for the attempt, so two clusters never deliver it at once.
    """
    with transaction.atomic():
        handover = Handover.objects.select_for_update().select_related("recipient").get(pk=handover.pk)
        if handover.status == HandoverStatus.BUILDING:
            return handover
        if not manual and handover.status not in (HandoverStatus.READY, HandoverStatus.RETRYING):
            return handover
        channel = channels.get(handover.recipient.channel)
        handover.attempts += 1
        try:
            channel.deliver(handover, handover_path(handover))
        except Exception as error:
            logger.warning("Delivery of handover %s failed: %s", handover.pk, error)
            handover.error = f"{type(error).__name__}: {error}"[:2000]
            if handover.attempts >= MAX_ATTEMPTS and not manual:
                handover.status = HandoverStatus.FAILED
                handover.next_attempt_at = None
            elif not manual:
                minutes = BACKOFF_MINUTES[min(handover.attempts, len(BACKOFF_MINUTES)) - 1]
                handover.status = HandoverStatus.RETRYING
                handover.next_attempt_at = timezone.now() + timezone.timedelta(minutes=minutes)
        else:
            handover.status = HandoverStatus.DELIVERED
            handover.delivered_at = timezone.now()
            handover.next_attempt_at = None
            handover.error = ""
        handover.save()
        if manual:
            audit.record(
                "referrals.resend", handover, actor, recipient=handover.recipient.slug, outcome=handover.status
            )
    return handover


def deliver_due():
    """Retry every delivery whose backoff has passed (the ``referrals: retry deliveries`` schedule)."""
    due = Handover.objects.filter(status=HandoverStatus.RETRYING, next_attempt_at__lte=timezone.now())
    for handover in due.only("pk"):
        deliver(handover)


def acknowledge(handover, actor):
    with transaction.atomic():
        handover = Handover.objects.select_for_update().get(pk=handover.pk)
        if handover.status == HandoverStatus.DELIVERED:
            handover.status = HandoverStatus.ACKNOWLEDGED
            handover.acknowledged_at = timezone.now()
            handover.acknowledged_by = actor
            handover.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
            audit.record("referrals.acknowledge", handover, actor, recipient=handover.recipient.slug)
    return handover


def run_recipient(slug):
    """The task a recipient's schedule runs."""
    recipient = Recipient.objects.filter(slug=slug, active=True).first()
    if recipient is not None:
        build_handover(recipient, trigger="schedule")


def on_status_changed(event):
    """A case was released: every “as soon as released” recipient gets what is new for it."""
    if event.new_status != "released":
        return
    for recipient in Recipient.objects.filter(active=True, timing="on_release"):
        build_handover(recipient, trigger="release")
