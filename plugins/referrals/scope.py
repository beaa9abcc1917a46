"""A recipient's data scope: the rules it must keep, its versions, and the export resource generated from it.

The resource is the only way a handover reads a case: it has one field per scoped
column and nothing else, so a key outside the scope cannot leak into a file.
"""

import datetime
import json
from decimal import Decimal

from croniter import croniter
from django.db import transaction
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from core import audit
from core.spreadsheet import neutralise
from questionnaires.api import catalogue_entries

from . import channels
from .models import ScopeVersion, Timing
from .vocabulary import CORE_FIELDS, NUMERIC_OPERATORS, OPERATORS, WITHOUT_OPERAND

SPECIAL = "special"


def kind_label(kind):
    from .models import RecipientKind

    return dict(RecipientKind.choices).get(kind, kind)


def scope_problems(recipient):
    """``{field name: [German messages]}``: what keeps the recipient from being saved.

    A catalogue field whose “may go to” list lacks the recipient's kind is refused; a
    special-category field needs a justification and a yes/no consent question.
    """
    problems = {}

    def add(name, message):
        problems.setdefault(name, []).append(message)

    keys = list(recipient.catalogue_fields or [])
    filter_keys = [block.value["field"] for block in recipient.case_filter]
    entries = catalogue_entries(set(keys) | set(filter_keys) | ({recipient.consent_field} - {""}))
    unknown = [key for key in keys if key not in entries]
    if unknown:
        add("catalogue_fields", gettext("Not in the field catalogue: %s") % ", ".join(unknown))
    forbidden = [entries[key] for key in keys if key in entries and recipient.kind not in entries[key].may_go_to]
    for entry in forbidden:
        add(
            "catalogue_fields",
            gettext("„%(label)s“ (%(key)s) may not go to a recipient of the kind „%(kind)s“ (catalogue: may go to).")
            % {"label": entry.label, "key": entry.key, "kind": kind_label(recipient.kind)},
        )
    special = [key for key in keys if key in entries and entries[key].sensitivity == SPECIAL]
    if special:
        if not (recipient.justification or "").strip():
            add(
                "justification",
                gettext("The scope holds special-category fields (%s): write down why the recipient needs them.")
                % ", ".join(special),
            )
        consent = entries.get(recipient.consent_field)
        if consent is None or consent.field_type != "yes_no":
            add(
                "consent_field",
                gettext("Special-category fields go only with consent: name the yes/no question recording it."),
            )
    unknown_core = [key for key in recipient.core_fields or [] if key not in CORE_FIELDS]
    if unknown_core:
        add("core_fields", gettext("Unknown case data: %s") % ", ".join(unknown_core))
    if not keys and not recipient.core_fields:
        add("catalogue_fields", gettext("A scope needs at least one column."))
    for block in recipient.case_filter:
        condition = block.value
        if condition["field"] not in entries:
            add("case_filter", gettext("The filter names a question not in the catalogue: %s") % condition["field"])
        elif condition["operator"] in NUMERIC_OPERATORS and _number(condition["operand"]) is None:
            add("case_filter", gettext("„%s“ compares with a number: enter one.") % OPERATORS[condition["operator"]])
        elif condition["operator"] not in WITHOUT_OPERAND and not condition["operand"]:
            add("case_filter", gettext("„%s“ needs a value.") % OPERATORS[condition["operator"]])
    if not recipient.statuses:
        add("statuses", gettext("Choose at least one case status."))
    for name, message in _timing_problems(recipient).items():
        add(name, message)
    channel = channels.CHANNELS.get(recipient.channel)
    if channel is None:
        add("channel", gettext("Unknown delivery channel: %s") % recipient.channel)
    else:
        for name, message in channel.problems(recipient).items():
            add(name, message)
    return problems


def _timing_problems(recipient):
    if recipient.timing in (Timing.DAILY, Timing.WEEKLY) and recipient.at_time is None:
        return {"at_time": gettext("A daily or weekly handover needs a time.")}
    if recipient.timing == Timing.WEEKLY and recipient.weekday is None:
        return {"weekday": gettext("A weekly handover needs a weekday.")}
    if recipient.timing == Timing.CRON and not croniter.is_valid(recipient.cron or ""):
        return {"cron": gettext("Not a valid cron expression (minute hour day month weekday).")}
    return {}


def cron_expression(recipient):
    """The recipient's schedule as cron, or ``None`` for “as soon as released”."""
    if recipient.timing == Timing.DAILY:
        return f"{recipient.at_time.minute} {recipient.at_time.hour} * * *"
    if recipient.timing == Timing.WEEKLY:
        return f"{recipient.at_time.minute} {recipient.at_time.hour} * * {recipient.weekday}"
    if recipient.timing == Timing.CRON:
        return recipient.cron
    return None


@transaction.atomic
def ensure_scope_version(recipient, actor=None):
    """The recipient's current scope version: a new one when the scope changed since the last.

    Every change is audited; the first version of a shipped recipient, as ``bootstrap`` loads it
    (no one acting), is the file itself and only recorded as the version.
    """
    snapshot = recipient.scope_snapshot()
    latest = ScopeVersion.objects.select_for_update().filter(recipient=recipient).order_by("-number").first()
    if latest is not None and latest.scope == snapshot:
        return latest
    version = ScopeVersion.objects.create(
        recipient=recipient, number=(latest.number + 1) if latest else 1, scope=snapshot, created_by=actor
    )
    if latest is None and actor is None:
        return version
    audit.record(
        "referrals.scope",
        version,
        actor,
        recipient=recipient.slug,
        version=version.number,
        fields=version.columns,
    )
    return version


# -- matching cases ----------------------------------------------------------------------
def _number(text):
    try:
        return Decimal(str(text).replace(",", "."))
    except (ArithmeticError, ValueError):
        return None


def _holds(condition, answers):
    value = answers.get(condition["field"])
    operator, operand = condition["operator"], condition.get("operand") or ""
    if operator == "is_set":
        return value not in (None, "", [], {})
    if operator == "is_yes":
        return value is True
    if operator in NUMERIC_OPERATORS:
        number, limit = _number(value) if value not in (None, "") else None, _number(operand)
        if number is None or limit is None:
            return False
        return number > limit if operator == "greater_than" else number < limit
    if operator == "contains":
        return isinstance(value, list) and operand in value
    if operator == "equals":
        return _plain(value) == operand
    return _plain(value) != operand  # not_equals


def _plain(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def matches(scope, record):
    """Whether a ``CaseRecord`` passes the scope's case filter (statuses are asked of the provider)."""
    conditions = scope["case_filter"]
    if not conditions:
        return True
    results = (_holds(condition, record.answers) for condition in conditions)
    return all(results) if scope["filter_match"] == "all" else any(results)


def answer_keys(scope):
    """Every answer key a scope reads: its columns, its filter and its consent question."""
    keys = list(scope["catalogue_fields"])
    keys += [condition["field"] for condition in scope["case_filter"]]
    if scope["consent_field"]:
        keys.append(scope["consent_field"])
    return tuple(dict.fromkeys(keys))


# -- the resource ------------------------------------------------------------------------
class CellWidget(widgets.Widget):
    """One answer as a cell: text for CSV and XLSX, the stored JSON value for JSON (``native=True``)."""

    def render(self, value, obj=None, native=False, **kwargs):
        if native:
            return value.isoformat() if isinstance(value, datetime.date) else value
        return flat_text(value)


def flat_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(flat_text(part) for part in value.values() if part not in (None, ""))
    if isinstance(value, list):
        return "; ".join(flat_text(part) for part in value if not (isinstance(part, str) and part == ""))
    return str(value)


def scope_resource(scope):
    """A django-import-export resource with exactly the scope's columns; rows are ``{"core", "answers"}`` dicts."""
    attrs = {}
    order = []
    for key in scope["core_fields"]:
        attrs[f"case_{key}"] = fields.Field(attribute=f"core__{key}", column_name=f"case_{key}", widget=CellWidget())
        order.append(f"case_{key}")
    for key in scope["catalogue_fields"]:
        attrs[key] = fields.Field(attribute=f"answers__{key}", column_name=key, widget=CellWidget())
        order.append(key)
    attrs["Meta"] = type("Meta", (), {"export_order": order})
    return type("ScopeResource", (resources.Resource,), attrs)()


def row_cells(resource, native=False):
    """A fast ``export_resource``: the resource's own fields, read as ``(section, key)`` once, not per row.

    Import-export's per-row attribute walk cost most of a handover's time; the columns and
    widgets stay the resource's, so still nothing outside the scope can be read.
    """
    readers = []
    for field in resource.get_export_fields():
        section, key = field.attribute.split("__", 1)
        readers.append((section, key, field.widget))

    def cells(row):
        return [widget.render(row[section].get(key), native=native) for section, key, widget in readers]

    return cells


def scoped_row(scope, record, special_keys):
    """The dict the resource reads; special-category answers only with a recorded “yes” to the consent question."""
    answers = record.answers
    if special_keys and answers.get(scope["consent_field"]) is not True:
        answers = {key: value for key, value in answers.items() if key not in special_keys}
    return {"core": record.core, "answers": answers}


def special_keys(scope):
    entries = catalogue_entries(scope["catalogue_fields"])
    return {key for key, entry in entries.items() if entry.sensitivity == SPECIAL}


# -- what the admin shows ----------------------------------------------------------------
JSON_TYPES = {
    "number": {"type": ["number", "null"]},
    "yes_no": {"type": ["boolean", "null"]},
    "multi_choice": {"type": ["array", "null"], "items": {"type": "string"}},
    "nationality": {"type": ["array", "null"], "items": {"type": "string"}},
    "address": {"type": ["object", "null"]},
    "group": {"type": ["array", "null"], "items": {"type": "object"}},
}
EXAMPLES = {
    "number": 2,
    "yes_no": True,
    "date": "2026-01-15",
    "multi_choice": ["a", "b"],
    "nationality": ["RO"],
    "country": "RO",
    "language": "ro",
    "address": {"street": "Musterstraße", "number": "1", "postcode": "06667", "town": "Weißenfels"},
    "group": [{"name": "Beispiel"}],
    "email": "name@example.org",
}
CORE_EXAMPLES = {
    "reference": "CS-2026-00001",
    "status": "released",
    "opened": datetime.date(2026, 1, 15),
    "status_changed": datetime.date(2026, 1, 15),
    "certificate_number": "FS-2026-00001",
    "certificate_issued": datetime.date(2026, 1, 15),
}


def columns(scope, language="de"):
    """``[(column name, label, source)]`` in file order."""
    entries = catalogue_entries(scope["catalogue_fields"], language=language)
    result = [(f"case_{key}", CORE_FIELDS[key], gettext("case")) for key in scope["core_fields"]]
    for key in scope["catalogue_fields"]:
        entry = entries.get(key)
        special = entry and entry.sensitivity == SPECIAL
        source = gettext("catalogue, special category") if special else gettext("catalogue")
        result.append((key, entry.label if entry else key, source))
    return result


def sample_row(scope):
    """An invented row as the recipient's file would hold it (no person's data in the preview)."""
    entries = catalogue_entries(scope["catalogue_fields"])
    answers = {key: EXAMPLES.get(entry.field_type, gettext("Example")) for key, entry in entries.items()}
    resource = scope_resource(scope)
    return [neutralise(cell) for cell in resource.export_resource({"core": CORE_EXAMPLES, "answers": answers})]


def json_schema(scope, recipient_slug):
    """The JSON Schema (draft 2020-12) a JSON handover of this scope version validates against."""
    entries = catalogue_entries(scope["catalogue_fields"])
    properties = {
        f"case_{key}": {"type": ["string", "null"], "title": str(CORE_FIELDS[key])} for key in scope["core_fields"]
    }
    for key in scope["catalogue_fields"]:
        entry = entries.get(key)
        kind = JSON_TYPES.get(entry.field_type if entry else "", {"type": ["string", "null"]})
        properties[key] = {**kind, "title": entry.label if entry else key}
    row = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Handover {recipient_slug}",
        "type": "object",
        "required": ["recipient", "handover", "scope_version", "rows"],
        "additionalProperties": False,
        "properties": {
            "recipient": {"const": recipient_slug},
            "handover": {"type": "integer"},
            "scope_version": {"type": "integer"},
            "rows": {"type": "array", "items": row},
        },
    }


def schema_text(scope, recipient_slug):
    return json.dumps(json_schema(scope, recipient_slug), ensure_ascii=False, indent=2)
