"""The fixed words of referrals: the case's own columns, the statuses a case can be handed over in, operators."""

from django.utils.translation import gettext_lazy as _

from core.contracts import CASE_CORE_FIELDS

_CORE_LABELS = {
    "reference": _("case reference"),
    "status": _("case status"),
    "opened": _("case opened on"),
    "status_changed": _("status changed on"),
    "certificate_number": _("certificate number"),
    "certificate_issued": _("certificate issued on"),
}
CORE_FIELDS = {key: _CORE_LABELS[key] for key in CASE_CORE_FIELDS}

# Intake's status codes (README, “First interview and release”): only released cases leave the office.
CASE_STATUSES = {
    "released": _("released"),
    "registered": _("registered"),
}

OPERATORS = {
    "equals": _("equals"),
    "not_equals": _("does not equal"),
    "greater_than": _("is greater than"),
    "less_than": _("is less than"),
    "is_yes": _("is yes"),
    "contains": _("contains"),
    "is_set": _("is answered"),
}
NUMERIC_OPERATORS = {"greater_than", "less_than"}
WITHOUT_OPERAND = {"is_yes", "is_set"}
