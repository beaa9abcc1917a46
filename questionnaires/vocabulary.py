"""The fixed vocabularies of the catalogue: sensitivity, retention, key format (field types: ``field_types``)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
key_validator = RegexValidator(
    KEY_PATTERN, _("Use lower-case letters, digits and underscores, starting with a letter.")
)

SENSITIVITY = {
    "normal": _("normal"),
    "special": _("special category (Art. 9 GDPR)"),
}
RETENTION = {
    "appointment": _("Appointment: 30 days after the date"),
    "intake": _("Intake record: 12 months after the last action"),
    "case_management": _("Case management: 3 years after closing"),
    "evidence": _("Evidence: until the foreigners' authority confirms receipt"),
    "statistics": _("Statistics: anonymised aggregates"),
}

DATE_RULES = {
    "past": _("in the past"),
    "not_future": _("today or earlier"),
    "future": _("in the future"),
    "not_past": _("today or later"),
}
CONDITION_OPERATORS = {
    "equals": _("equals"),
    "one_of": _("is one of"),
    "is_set": _("is answered"),
}


def content_languages():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def content_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


REQUIRED_LANGUAGES = ("de", "en")
