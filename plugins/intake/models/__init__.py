from .case import Case, CaseStatus, CaseStatusChange, CertificateStatus, ReleaseCertificate, Sequence
from .wording import CertificateWording

__all__ = [
    "CertificateWording",
    "Case",
    "CaseStatus",
    "CaseStatusChange",
    "CertificateStatus",
    "ReleaseCertificate",
    "Sequence",
]
