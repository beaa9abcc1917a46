"""Which required answers stored answers leave empty: decided on the stored JSON, no form built."""

from .conditions import EMPTY, holds, visible_keys
from .field_types import localized


def _required(item, answers):
    return bool(item.get("required") or (item.get("required_if") and holds(item["required_if"], answers)))


def missing_by_section(definition, answers, language="de"):
    """``{section key: labels of its visible required questions that answers leave empty}``, visible sections only."""
    visible = visible_keys(definition, answers)
    shown = {key: value for key, value in answers.items() if key in visible}
    by_section = {}
    for section in definition.get("sections", []):
        if f"section:{section['key']}" not in visible:
            continue
        missing = by_section[section["key"]] = []
        for item in section["items"]:
            if item["key"] not in visible:
                continue
            label = localized(item["label"], language)
            value = answers.get(item["key"])
            if item["type"] != "group":
                if _required(item, shown) and value in EMPTY:
                    missing.append(label)
                continue
            entries = value or []
            if len(entries) < (item.get("min_items") or 0):
                missing.append(label)
            for sub in item.get("fields", []):
                if _required(sub, shown) and holds(sub.get("condition"), shown):
                    if any(entry.get(sub["key"]) in (None, "", []) for entry in entries):
                        missing.append(f"{label}: {localized(sub['label'], language)}")
    return by_section


def missing_answers(definition, answers, language="de"):
    """Labels of visible required questions (and group entries) that ``answers`` leave empty."""
    return [label for labels in missing_by_section(definition, answers, language).values() for label in labels]
