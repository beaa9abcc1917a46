from .answers import AnsweredField, AnswerSet
from .case import Case, CaseStatus, CaseStatusChange, CertificateStatus, Counter, ReleaseCertificate
from .catalogue import CatalogueField
from .questionnaire import Questionnaire

__all__ = [
    "AnswerSet",
    "AnsweredField",
    "CatalogueField",
    "Case",
    "CaseStatus",
    "CaseStatusChange",
    "CertificateStatus",
    "Counter",
    "Questionnaire",
    "ReleaseCertificate",
]
