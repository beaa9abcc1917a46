"""The cases as other plugins receive them (``CASE_RECORDS``): core data and the asked answers, in chunks.

Two queries per chunk whatever its size: the cases with their answers, and their valid
certificates. Only the asked answer keys leave this module.
"""

from django.utils import timezone

from core.contracts import CaseRecord

from .models import Case, CertificateStatus, ReleaseCertificate


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def case_records(query):
    """Chunks of ``CaseRecord`` for ``query`` (a ``core.contracts.CaseQuery``), in ascending case id."""
    cases = Case.objects.select_related("answer_set").only(
        "reference", "status", "created_at", "status_changed_at", "answer_set__data"
    )
    if query.statuses:
        cases = cases.filter(status__in=query.statuses)
    if query.changed_before is not None:
        cases = cases.filter(status_changed_at__lte=query.changed_before)
    if query.case_ids is not None:
        cases = cases.filter(pk__in=list(query.case_ids))
    cases = cases.order_by("pk")
    after = 0
    while True:
        chunk = list(cases.filter(pk__gt=after)[: query.chunk_size])
        if not chunk:
            return
        after = chunk[-1].pk
        certificates = {
            certificate.case_id: certificate
            for certificate in ReleaseCertificate.objects.filter(
                case_id__in=[case.pk for case in chunk], status=CertificateStatus.VALID
            ).only("case_id", "number", "issued_at")
        }
        yield [_record(case, certificates.get(case.pk), query.keys) for case in chunk]


def _record(case, certificate, keys):
    data = case.answer_set.data if case.answer_set else {}
    return CaseRecord(
        case_id=case.pk,
        core={
            "reference": case.reference,
            "status": case.status,
            "opened": _local_date(case.created_at),
            "status_changed": _local_date(case.status_changed_at),
            "certificate_number": certificate.number if certificate else "",
            "certificate_issued": _local_date(certificate.issued_at) if certificate else None,
        },
        answers={key: data[key] for key in keys if key in data},
    )
