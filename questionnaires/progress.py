"""How far each section of a questionnaire is: complete, missing answers, not started.

Decided from answers (stored JSON, or what a form has typed) with the same
rules as visibility and required answers, so the interview's section index
and the check before completing cannot disagree.
"""

from django.utils.translation import gettext_lazy as _

from .conditions import EMPTY, visible_keys
from .required import missing_by_section

COMPLETE = "complete"
MISSING = "missing"
NOT_STARTED = "not_started"
STATE_LABELS = {
    COMPLETE: _("complete"),
    MISSING: _("answers missing"),
    NOT_STARTED: _("not started"),
}


def _answered(value):
    if isinstance(value, list):
        return any(_answered(entry) for entry in value)
    if isinstance(value, dict):
        return any(_answered(part) for part in value.values())
    return value not in EMPTY


def section_states(definition, answers):
    """``{section key: state}`` for every visible section; a hidden section has none."""
    visible = visible_keys(definition, answers)
    missing = missing_by_section(definition, answers)
    states = {}
    for section in definition.get("sections", []):
        if section["key"] not in missing:
            continue
        started = any(item["key"] in visible and _answered(answers.get(item["key"])) for item in section["items"])
        if not started:
            states[section["key"]] = NOT_STARTED
        else:
            states[section["key"]] = MISSING if missing[section["key"]] else COMPLETE
    return states
