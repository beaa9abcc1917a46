"""When a condition holds, on the server (authoritative) and as data for the browser."""

import json

EMPTY = (None, "", [], {})


def holds(condition, answers):
    """``answers`` holds JSON-typed values; a hidden or unanswered field counts as unset."""
    if not condition:
        return True
    value = answers.get(condition["field"])
    if condition["op"] == "is_set":
        return value not in EMPTY
    expected = condition.get("value")
    expected = expected if isinstance(expected, list) else [expected]
    actual = value if isinstance(value, list) else [value]
    return any(a in expected and a not in EMPTY for a in actual)


def visible_keys(definition, answers):
    """Keys of the visible questions, plus ``section:<key>`` of visible sections, decided in order."""
    visible = set()
    seen = {}
    for section in definition.get("sections", []):
        section_visible = holds(section.get("condition"), seen)
        for item in section["items"]:
            if section_visible and holds(item.get("condition"), seen):
                visible.add(item["key"])
                seen[item["key"]] = answers.get(item["key"])
        if section_visible:
            visible.add(f"section:{section['key']}")
    return visible


def browser_condition(condition, field_type):
    """The same condition for ``conditions.js``: values as a browser posts them for ``field_type``."""
    if not condition:
        return ""
    values = field_type.browser_values(condition.get("value"))
    return json.dumps({"field": condition["field"], "op": condition["op"], "values": values})
