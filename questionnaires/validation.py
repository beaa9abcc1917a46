"""Consistency of a questionnaire, checked in one pass over its plain form.

Errors come back as ``(path, message)`` with JSON-style paths such as
``("sections", 2, "items", 3, "condition", "field")``; the admin turns them into
block errors on the exact field, the loader into ``$.sections[2]...`` text.
"""

import json

import regex
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError

from .definition import body_to_sections, catalogue_entries, referenced_keys
from .field_types import registry
from .forms import MAX_GROUP_ENTRIES
from .patterns import compile_pattern


def shown(value):
    """A value as the JSON file writes it: ``1`` and ``"1"`` and ``true`` stay apart."""
    return json.dumps(value, ensure_ascii=False)


def catalogue_facts(keys):
    return {
        key: {"type": entry.field_type, "options": [o["value"] for o in entry.option_list()]}
        for key, entry in catalogue_entries(keys).items()
    }


class _Checker:
    def __init__(self, sections, catalogue):
        self.sections = sections
        self.catalogue = catalogue
        self.errors = []
        self.position = {}  # key → order of appearance (top-level items only)
        self.in_group = set()
        self.dependencies = {}  # key or section → keys its visibility depends on

    def error(self, path, message):
        self.errors.append((tuple(path), message))

    def run(self):
        self._index_fields()
        for s, section in enumerate(self.sections):
            path = ("sections", s)
            first_position = self._first_position(section)
            self._check_condition(section.get("condition"), path + ("condition",), before=first_position)
            self.dependencies[f"section:{section.get('key')}"] = self._condition_keys(section.get("condition"))
            for i, item in enumerate(section.get("items", [])):
                self._check_item(item, path + ("items", i), top_level=True)
                for j, sub in enumerate(item.get("fields", [])):
                    self._check_item(sub, path + ("items", i, "fields", j), top_level=False, group=item)
        self._check_cycles()
        return self.errors

    def _first_position(self, section):
        positions = [
            self.position[item["field"]] for item in section.get("items", []) if item["field"] in self.position
        ]
        return min(positions) if positions else len(self.position)

    def _index_fields(self):
        seen_sections = set()
        seen_fields = set()
        order = 0
        for s, section in enumerate(self.sections):
            if section.get("key") in seen_sections:
                self.error(("sections", s, "key"), _("The section key “%s” is used twice.") % section.get("key"))
            seen_sections.add(section.get("key"))
            for i, item in enumerate(section.get("items", [])):
                entries = [(item, ("sections", s, "items", i), True)]
                entries += [
                    (sub, ("sections", s, "items", i, "fields", j), False)
                    for j, sub in enumerate(item.get("fields", []))
                ]
                for entry, path, top_level in entries:
                    key = entry.get("field")
                    if key in seen_fields:
                        self.error(path + ("field",), _("The field “%s” is asked twice in this questionnaire.") % key)
                    seen_fields.add(key)
                    if top_level:
                        self.position.setdefault(key, order)
                        order += 1
                    else:
                        self.in_group.add(key)

    def _check_item(self, item, path, top_level, group=None):
        key = item.get("field")
        facts = self.catalogue.get(key)
        if facts is None:
            self.error(path + ("field",), _("“%s” is not in the field catalogue.") % key)
            return
        kind = facts["type"]
        if top_level and kind == "group" and "fields" not in item:
            self.error(path + ("field",), _("“%s” is a repeatable group; add it as a group.") % key)
        if "fields" in item and kind != "group":
            self.error(path + ("field",), _("“%s” is not a repeatable group.") % key)
        if not top_level and kind == "group":
            self.error(path + ("field",), _("Groups cannot be nested."))
        if registry.get(kind).has_options and not facts["options"]:
            self.error(path + ("field",), _("The choice field “%s” has no options in the catalogue.") % key)
        self._check_rules(item, path, kind)
        if "fields" in item and kind == "group":
            self._check_group(item, path)
        before = self.position.get(key, len(self.position)) if top_level else self.position.get(group["field"])
        self._check_condition(item.get("condition"), path + ("condition",), before=before, own=key)
        self._check_condition(item.get("required_if"), path + ("required_if",), before=None, own=key)
        self.dependencies[key] = self._condition_keys(item.get("condition"))

    def _check_group(self, item, path):
        """The form cannot hold more than ``MAX_GROUP_ENTRIES`` entries; a group has no required flag."""
        if not item["fields"]:
            self.error(path + ("fields",), _("A group needs at least one question."))
        low, high = item.get("min_items"), item.get("max_items")
        if low is not None and not 0 <= low <= MAX_GROUP_ENTRIES:
            self.error(path + ("min_items",), _("“At least” must be between 0 and %d.") % MAX_GROUP_ENTRIES)
        if high is not None and not 1 <= high <= MAX_GROUP_ENTRIES:
            self.error(path + ("max_items",), _("“At most” must be between 1 and %d.") % MAX_GROUP_ENTRIES)
        if low is not None and high is not None and low > high:
            self.error(path + ("max_items",), _("“At most” must not be smaller than “at least”."))
        for name in ("required", "required_if"):
            if item.get(name):
                self.error(path + (name,), _("A repeatable group cannot be required; set “at least” instead."))

    def _check_rules(self, item, path, kind):
        field_type = registry.get(kind)
        if ("min" in item or "max" in item) and not field_type.number_rules:
            self.error(path + ("min" if "min" in item else "max",), _("Minimum and maximum apply to numbers only."))
        if "min" in item and "max" in item and item["min"] > item["max"]:
            self.error(path + ("max",), _("The maximum must not be smaller than the minimum."))
        for name in ("min_length", "max_length", "pattern"):
            if name in item and not field_type.text_rules:
                self.error(path + (name,), _("Lengths and patterns apply to text fields only."))
        if field_type.longest and (item.get("max_length") or 0) > field_type.longest:
            self.error(
                path + ("max_length",), _("A field of this type takes at most %d characters.") % field_type.longest
            )
        if "min_length" in item and "max_length" in item and item["min_length"] > item["max_length"]:
            self.error(path + ("max_length",), _("The maximum length must not be smaller than the minimum length."))
        if "pattern" in item:
            try:
                compile_pattern(item["pattern"])
            except regex.error as error:
                self.error(path + ("pattern",), _("The pattern is not a valid regular expression: %s") % error)
        elif item.get("pattern_message"):
            self.error(path + ("pattern",), _("A message for the pattern needs a pattern."))
        if "date" in item and not field_type.date_rules:
            self.error(path + ("date",), _("Date rules apply to date fields only."))

    def _check_condition(self, condition, path, before, own=None):
        if not condition:
            return
        key = condition.get("field")
        facts = self.catalogue.get(key)
        if facts is None:
            self.error(path + ("field",), _("The condition refers to “%s”, which is not in the catalogue.") % key)
            return
        if key == own:
            self.error(path + ("field",), _("A field cannot depend on itself."))
            return
        if key in self.in_group:
            self.error(path + ("field",), _("A condition cannot refer to a question inside a group."))
            return
        if facts["type"] == "group":
            self.error(path + ("field",), _("A condition cannot refer to a repeatable group."))
            return
        if key not in self.position:
            self.error(
                path + ("field",), _("The condition refers to “%s”, which this questionnaire does not ask.") % key
            )
            return
        if before is not None and self.position[key] >= before:
            self.error(
                path + ("field",),
                _("The condition refers to “%s”, which is asked later; conditions may only look back.") % key,
            )
        op = condition.get("op")
        if op not in ("equals", "one_of", "is_set"):
            self.error(path + ("op",), _("Choose an operator."))
            return
        if op == "is_set":
            return
        field_type = registry.get(facts["type"])
        allowed = field_type.condition_values(facts)
        if allowed is None:
            self.error(path + ("op",), _("For this field type only “is answered” is possible."))
            return
        value = condition.get("value")
        values = value if isinstance(value, list) else [value]
        if op == "one_of" and not isinstance(value, list) or values in ([], [None], [""]):
            self.error(path + ("value",), _("Enter the value(s) the condition compares with."))
            return
        unknown = field_type.unknown_condition_values(values, allowed)
        if unknown:
            listed = ", ".join(shown(v) for v in unknown)
            possible = ", ".join(shown(v) for v in allowed)
            self.error(path + ("value",), field_type.unknown_values_message(listed, possible))

    @staticmethod
    def _condition_keys(condition):
        return [condition["field"]] if condition and condition.get("field") else []

    def _check_cycles(self):
        state = {}

        def visit(node, trail):
            if state.get(node) == "done":
                return None
            if state.get(node) == "active":
                return trail[trail.index(node) :] + [node]
            state[node] = "active"
            for target in self.dependencies.get(node, []):
                cycle = visit(target, trail + [node])
                if cycle:
                    return cycle
            state[node] = "done"
            return None

        for node in list(self.dependencies):
            cycle = visit(node, [])
            if cycle:
                self.error((), _("The conditions form a cycle: %s") % " → ".join(cycle))
                return


def check_sections(sections, catalogue=None):
    """All consistency errors of a plain questionnaire; ``catalogue`` maps key → facts."""
    if catalogue is None:
        catalogue = catalogue_facts(referenced_keys(sections))
    return _Checker(sections, catalogue).run()


def check_body(raw_body):
    catalogue = catalogue_facts(referenced_keys(raw_body))
    sections = body_to_sections(raw_body, {key: facts["type"] for key, facts in catalogue.items()})
    return check_sections(sections, catalogue)


BLOCK_NAMES = {"value": "answer"}
CONTAINER_KINDS = {"items": "stream", "fields": "list"}


def body_errors_as_block_errors(errors):
    """JSON-style error paths → the nested block errors Wagtail shows on each field."""
    tree = {}
    for path, message in errors:
        node = tree
        for step in path[1:] if path and path[0] == "sections" else ():
            node = node.setdefault(BLOCK_NAMES.get(step, step), {})
        node.setdefault("__messages__", []).append(message)

    def build(node, kind):
        messages = node.pop("__messages__", [])
        if kind == "stream":
            return StreamBlockValidationError(
                block_errors={index: build(child, "struct") for index, child in node.items()},
                non_block_errors=messages or None,
            )
        if kind == "list":
            return ListBlockValidationError(
                block_errors={index: build(child, "struct") for index, child in node.items()},
                non_block_errors=messages or None,
            )
        if not node:
            return ValidationError(messages)
        children = {name: build(child, CONTAINER_KINDS.get(name, "struct")) for name, child in node.items()}
        return StructBlockValidationError(block_errors=children, non_block_errors=messages or None)

    return build(tree, "stream")
