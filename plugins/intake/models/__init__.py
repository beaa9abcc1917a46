from .case import WALK_IN, Case, CaseStatus, CaseStatusChange, CertificateStatus, ReleaseCertificate, Sequence
from .wording import CertificateWording

__all__ = [
    "WALK_IN",
    "CertificateWording",
    "Case",
    "CaseStatus",
    "CaseStatusChange",
    "CertificateStatus",
    "ReleaseCertificate",
    "Sequence",
]
