"""Releasing a case: the certificate is issued, revoked, reissued, verified and the registration confirmed here."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from questionnaires.api import missing_required

from .case_file import change_status, next_number
from .models import Case, CaseStatus, CertificateStatus, ReleaseCertificate

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed from paper
CODE_LENGTH = 16  # 80 bits
FOLLOW_UP_KEY = "buergerbuero_appointment_date"
# What the Bürgerbüro's page shows of a found certificate (audited with each look-up).
VERIFICATION_SHOWS = ["holder_name", "holder_birth_date", "number", "issued_at", "verification_code"]


class ReleaseRefused(Exception):
    pass


def new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:64]


def display_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def missing_answers(case):
    if case.answer_set_id is None:
        return [_("the interview has not been recorded")]
    return missing_required(case.answer_set)


def _follow_up(case):
    value = (case.answer_set.data if case.answer_set_id else {}).get(FOLLOW_UP_KEY)
    if not value:
        return None
    day = datetime.date.fromisoformat(value)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 0)))


def _issue(case, actor, language):
    year = timezone.localdate().year
    number = next_number("certificate", year)
    return ReleaseCertificate.objects.create(
        case=case,
        number=f"FS-{year}-{number:05d}",
        verification_code=new_verification_code(),
        holder_name=case.full_name,
        holder_birth_date=case.birth_date,
        language=language if language is not None else case.language,
        follow_up_appointment=_follow_up(case),
        issued_by=actor,
    )


@transaction.atomic
def release_case(case, actor, language=None):
    """Issue the release certificate of a completed interview; the one place a case is released."""
    if not actor.has_perm("intake.release_case"):
        raise PermissionDenied
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("answer_set__revision")
        .defer("answer_set__revision__content")  # the compiled definition is read without it
        .get(pk=case.pk)
    )
    if case.status != CaseStatus.COMPLETE:
        raise ReleaseRefused(
            _("Only a case whose interview is complete can be released (status now: %s).")
            % CaseStatus(case.status).label
        )
    missing = missing_answers(case)
    if missing:
        raise ReleaseRefused(_("Required answers are missing: %s") % ", ".join(missing))
    certificate = _issue(case, actor, language)
    change_status(case, CaseStatus.RELEASED, actor, locked=True)
    audit.record("certificate.issue", certificate, actor, case=case.reference)
    return certificate


def registered(case):
    """The Bürgerbüro registered the person with the case's certificate: it stays as it was when used."""
    return case.status == CaseStatus.REGISTERED


@transaction.atomic
def revoke_certificate(certificate, actor, reason):
    """Revoke with a reason; the case goes back to “complete” so it can be released again."""
    if not actor.has_perm("intake.release_case"):
        raise PermissionDenied
    certificate = ReleaseCertificate.objects.select_for_update().select_related("case").get(pk=certificate.pk)
    if not reason.strip():
        raise ReleaseRefused(_("Please give the reason for revoking."))
    if certificate.status != CertificateStatus.VALID:
        raise ReleaseRefused(_("Only a valid certificate can be revoked."))
    if registered(certificate.case):
        raise ReleaseRefused(
            _("The person has already registered at the Bürgerbüro; the certificate can no longer be revoked.")
        )
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revoke_reason = reason.strip()
    certificate.save()
    if certificate.case.status == CaseStatus.RELEASED:
        # ``FOR UPDATE`` of the join locked the case row too: it is not read again.
        change_status(certificate.case, CaseStatus.COMPLETE, actor, reason=reason, locked=True)
    # The reason stays on the certificate (the case history shows it), not in the log.
    audit.record("certificate.revoke", certificate, actor, case=certificate.case.reference)
    return certificate


@transaction.atomic
def reissue_certificate(certificate, actor, language=None):
    """A new certificate (new number and code) replaces a valid one, which stops verifying as valid."""
    if not actor.has_perm("intake.release_case"):
        raise PermissionDenied
    old = ReleaseCertificate.objects.select_for_update().select_related("case").get(pk=certificate.pk)
    if old.status != CertificateStatus.VALID:
        raise ReleaseRefused(_("Only a valid certificate can be reissued."))
    if registered(old.case):
        raise ReleaseRefused(
            _("The person has already registered at the Bürgerbüro; the certificate can no longer be reissued.")
        )
    new = _issue(old.case, actor, language if language is not None else old.language)
    old.status = CertificateStatus.SUPERSEDED
    old.superseded_by = new
    old.save()
    audit.record("certificate.reissue", new, actor, case=old.case.reference, replaces=old.number)
    return new


@dataclass
class Verification:
    outcome: str  # valid, revoked, superseded, unknown
    certificate: ReleaseCertificate | None


def verify_code(code, actor):
    """What the Bürgerbüro may learn from a code; every look-up is audited."""
    certificate = (
        ReleaseCertificate.objects.select_related("case").filter(verification_code=normalise_code(code)).first()
    )
    outcome = certificate.status if certificate else "unknown"
    # For an unknown code, its first characters: enough to see a pattern of guesses, useless as a code.
    tried = (
        {"case": certificate.case.reference, "fields": VERIFICATION_SHOWS}
        if certificate
        else {"code_prefix": normalise_code(code)[:4]}
    )
    audit.record("certificate.verify", certificate, actor, outcome=outcome, **tried)
    return Verification(outcome=outcome, certificate=certificate)


@transaction.atomic
def confirm_registration(certificate, actor):
    if not actor.has_perm("intake.confirm_registration"):
        raise PermissionDenied
    # ``FOR UPDATE`` of the join locks the certificate and its case together.
    certificate = ReleaseCertificate.objects.select_for_update().select_related("case").get(pk=certificate.pk)
    if certificate.status != CertificateStatus.VALID:
        raise ReleaseRefused(_("Only a valid certificate can confirm a registration."))
    case = certificate.case
    if case.status == CaseStatus.REGISTERED:
        raise ReleaseRefused(_("The registration has already been confirmed."))
    if case.status != CaseStatus.RELEASED:
        raise ReleaseRefused(
            _("Only a released case can be registered (status now: %s).") % CaseStatus(case.status).label
        )
    change_status(case, CaseStatus.REGISTERED, actor, locked=True)
    audit.record("case.registered", case, actor, certificate=certificate.number)
    return case
