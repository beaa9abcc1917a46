"""The answers an invented person gives to any compiled questionnaire, typed as the form stores them.

Visibility is decided as the form decides it, in order, so a question whose
condition does not hold gets no answer. A question named in ``hints.json``
gets its realistic fact (``demo.facts``), answered as often as the hint says,
as long as the question still has the type the hint was written for; any
other question gets its field type's demo value when required, and sometimes
when optional (a hint without a fact only says how often). Where an
administrator set limits on a question (lengths, a pattern, a range), whether a
fact fits is asked of the engine's own form field; the rules are never copied
here. Type values fit by construction: each type makes its own.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError

from questionnaires.conditions import EMPTY, holds
from questionnaires.field_types import FormFieldBuilder, registry
from questionnaires.forms import MAX_GROUP_ENTRIES

from .facts import Facts

HINTS = json.loads((Path(__file__).resolve().parent / "hints.json").read_text(encoding="utf-8"))
LIMITS = ("min", "max", "min_length", "max_length", "pattern")
OPTIONAL_ANSWERED = 0.5  # how often a question without a hint is answered when it is optional


class DemoUnavailable(Exception):
    """The demo cannot answer yet (its questionnaire is not published)."""


class FormRules:
    """Asks the field the form would build whether it stores ``value`` unchanged; remembers plain values."""

    def __init__(self):
        self.builder = FormFieldBuilder("de")
        self.fields = {}
        self.known = {}

    def accepts(self, item, value):
        remembered = (item["key"], value) if isinstance(value, str | int | float | bool) else None
        if remembered in self.known:
            return self.known[remembered]
        field = self.fields.get(item["key"])
        if field is None:
            field = self.fields[item["key"]] = self.builder.build(item)
        kind = registry.get(item["type"])
        # A stored date keeps passing the rule it passed on its day (the person's interview day, not today).
        field.stored = kind.from_json(value) if item["type"] == "date" else None
        raw = field.widget.value_from_datadict(kind.posted(item["key"], item, value), {}, item["key"])
        try:
            accepted = kind.to_json(field.clean(raw)) == value
        except (ValidationError, TypeError, ValueError):
            accepted = False
        if remembered is not None:
            self.known[remembered] = accepted
        return accepted


class AnswerMaker:
    def __init__(self, definition, people):
        self.definition = definition
        self.sections = definition.get("sections", [])
        self.people = people
        self.rng = people.rng
        self.facts = Facts(people)
        self.rules = FormRules()
        everything = [
            i for section in self.sections for item in section["items"] for i in (item, *item.get("fields", []))
        ]
        self.limited = {item["key"] for item in everything if any(item.get(limit) is not None for limit in LIMITS)}

    def answers(self, person, *, sections=None):
        """``sections``: how many sections the interview got through (a draft); all by default."""
        result, seen = {}, {}
        for section in self.sections[:sections]:
            if not holds(section.get("condition"), seen):
                continue
            for item in section["items"]:
                if not holds(item.get("condition"), seen):
                    continue
                value = self.value(item, person, seen)
                seen[item["key"]] = value
                if value not in EMPTY:
                    result[item["key"]] = value
        return result

    def required(self, item, seen):
        condition = item.get("required_if")
        if item.get("required"):
            return True
        if not condition:
            return False
        # A condition on a later question cannot be decided yet: answer, to be safe.
        return condition["field"] not in seen or holds(condition, seen)

    @staticmethod
    def has_hint(item):
        return HINTS.get(item["key"], {}).get("type") == item["type"]

    def fits(self, item, value):
        return item["key"] not in self.limited or self.rules.accepts(item, value)

    def hinted(self, item, person):
        """The fact the hint names (without one: a value by type), or ``None`` (not answered this time)."""
        hint = HINTS[item["key"]]
        if "fact" not in hint:
            value = self.by_type(item, person)
        else:
            value = self.facts.of(hint["fact"], person)
            if value is not None and item["type"] != "group" and not self.fits(item, value):
                value = None
        if value is not None and self.rng.random() >= hint.get("answered", 1):
            return None
        return value

    def by_type(self, item, person):
        return registry.get(item["type"]).demo_value(item, self.rng, person)

    def value(self, item, person, seen):
        if item["type"] == "group":
            return self.group(item, person, seen)
        if self.has_hint(item):
            value = self.hinted(item, person)
        else:
            value = self.by_type(item, person) if self.rng.random() < OPTIONAL_ANSWERED else None
        if value is None and self.required(item, seen):
            value = self.by_type(item, person)
        return value

    def group(self, item, person, seen):
        subitems = [sub for sub in item.get("fields", []) if holds(sub.get("condition"), seen)]
        raw = (self.hinted(item, person) if self.has_hint(item) else None) or []
        entries = []
        for raw_entry in raw[: item.get("max_items") or MAX_GROUP_ENTRIES]:
            entry = {}
            for sub in subitems:
                value = raw_entry.get(sub["key"])
                if value is not None and (
                    HINTS.get(sub["key"], {}).get("type") != sub["type"] or not self.fits(sub, value)
                ):
                    value = None
                if value is None and self.required(sub, seen):
                    value = self.by_type(sub, person)
                if value not in EMPTY:
                    entry[sub["key"]] = value
            if entry:
                entries.append(entry)
        while subitems and len(entries) < (item.get("min_items") or 0):
            entry = {sub["key"]: self.by_type(sub, person) for sub in subitems if self.required(sub, seen)}
            entries.append(entry or {subitems[0]["key"]: self.by_type(subitems[0], person)})
        return entries or None
