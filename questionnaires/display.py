"""Stored answers as a person reads them: labels of the revision they were given against, values in words."""

from .conditions import EMPTY
from .field_types import localized, registry


def display_value(item, value, language="de"):
    if value in EMPTY:
        return ""
    return registry.get(item["type"]).display(item, value, language)


def answer_sections(definition, answers, language="de", keys=None):
    """Sections with ``(label, value)`` rows for every answered question; groups as nested rows.

    ``keys`` restricts the rows to those catalogue keys (a group's key brings all its questions).
    """
    allowed = None if keys is None else set(keys)
    sections = []
    for section in definition.get("sections", []):
        rows = []
        for item in section["items"]:
            value = answers.get(item["key"])
            if value in EMPTY:
                continue
            if item["type"] == "group":
                subitems = [
                    sub
                    for sub in item.get("fields", [])
                    if allowed is None or item["key"] in allowed or sub["key"] in allowed
                ]
                if not subitems:
                    continue
                entries = [
                    [
                        (localized(sub["label"], language), display_value(sub, entry.get(sub["key"]), language))
                        for sub in subitems
                        if entry.get(sub["key"]) not in EMPTY
                    ]
                    for entry in value
                ]
                rows.append({"label": localized(item["label"], language), "entries": entries})
            elif allowed is None or item["key"] in allowed:
                rows.append(
                    {"label": localized(item["label"], language), "value": display_value(item, value, language)}
                )
        if rows:
            sections.append({"title": localized(section.get("title"), language), "rows": rows})
    return sections
