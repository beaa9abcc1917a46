from .answers import AnsweredField, AnswerSet
from .case import Case, CaseStatus, CaseStatusChange, CertificateStatus, Counter, ReleaseCertificate
from .catalogue import CatalogueField
from .questionnaire import Questionnaire
from .wording import CertificateWording

__all__ = [
    "AnswerSet",
    "AnsweredField",
    "CatalogueField",
    "CertificateWording",
    "Case",
    "CaseStatus",
    "CaseStatusChange",
    "CertificateStatus",
    "Counter",
    "Questionnaire",
    "ReleaseCertificate",
]
