"""Stored answers as a person reads them: labels of the revision they were given against, values in words."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries

from .conditions import EMPTY


def _text(texts, language):
    return (texts or {}).get(language) or (texts or {}).get("de") or ""


def _country(code):
    return dict(countries).get(code, code)


def _language(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def display_value(item, value, language="de"):
    kind = item["type"]
    if value in EMPTY:
        return ""
    if kind == "date":
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if kind == "yes_no":
        return _("Yes") if value else _("No")
    if kind in ("choice", "multi_choice"):
        labels = {option["value"]: _text(option["label"], language) for option in item.get("options", [])}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values)
    if kind == "country":
        return _country(value)
    if kind == "nationality":
        return ", ".join(_country(code) for code in value)
    if kind == "language":
        return _language(value)
    if kind == "address":
        street = " ".join(part for part in (value.get("street"), value.get("number")) if part)
        town = " ".join(part for part in (value.get("postcode"), value.get("town")) if part)
        return ", ".join(part for part in (street, value.get("floor"), town) if part)
    if kind == "number":
        return f"{value:n}" if isinstance(value, float) else str(value)
    return str(value)


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
                        (_text(sub["label"], language), display_value(sub, entry.get(sub["key"]), language))
                        for sub in subitems
                        if entry.get(sub["key"]) not in EMPTY
                    ]
                    for entry in value
                ]
                rows.append({"label": _text(item["label"], language), "entries": entries})
            elif allowed is None or item["key"] in allowed:
                rows.append({"label": _text(item["label"], language), "value": display_value(item, value, language)})
        if rows:
            sections.append({"title": _text(section.get("title"), language), "rows": rows})
    return sections
