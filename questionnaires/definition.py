"""Between the three shapes of a questionnaire.

- the *body*: the StreamField the admin edits (raw block data);
- the *plain* form: the JSON of ``form_definitions/`` (items name catalogue keys);
- the *compiled* form: plain plus everything the catalogue says about each key,
  self-contained, stored with every revision and used to build the forms.
"""

import uuid

from .field_types import registry

ITEM_RULES = ("required", "min", "max", "min_length", "max_length", "pattern", "date")


def _labels(de, en):
    return {code: text for code, text in (("de", de), ("en", en)) if text}


def condition_answers(block):
    """What a condition block compares with, as typed in the admin (one_of: comma-separated)."""
    if (block.get("op") or "equals") == "is_set":
        return []
    raw = (block.get("answer") or "").strip()
    return [part.strip() for part in raw.split(",") if part.strip()] if block.get("op") == "one_of" else [raw]


def _condition_to_plain(block, field_types):
    if not block or not block.get("field"):
        return None
    op = block.get("op") or "equals"
    plain = {"field": block["field"], "op": op}
    if op == "is_set":
        return plain
    values = condition_answers(block)
    kind = field_types.get(block["field"])
    if kind in registry:
        values = [registry.get(kind).condition_value(v) for v in values]
    plain["value"] = values if op == "one_of" else values[0]
    return plain


def _condition_to_block(plain):
    if not plain:
        return {"field": "", "op": "", "answer": ""}
    value = plain.get("value", "")
    values = value if isinstance(value, list) else [value]
    text = ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values if v != "")
    return {"field": plain["field"], "op": plain["op"], "answer": text}


def _item_to_plain(block, field_types):
    item = {"field": block.get("field") or ""}
    for rule in ITEM_RULES:
        value = block.get(rule)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # the admin's number block stores 0.0; a file says 0
        if value is not None and value != "" and value is not False:
            item[rule] = value
    message = _labels(block.get("pattern_message_de"), block.get("pattern_message_en"))
    if message:
        item["pattern_message"] = message
    for name in ("required_if", "condition"):
        condition = _condition_to_plain(block.get(name), field_types)
        if condition:
            item[name] = condition
    return item


def _item_to_block(item):
    message = item.get("pattern_message") or {}
    return {
        "field": item["field"],
        "required": bool(item.get("required")),
        "required_if": _condition_to_block(item.get("required_if")),
        "condition": _condition_to_block(item.get("condition")),
        "min": item.get("min"),
        "max": item.get("max"),
        "min_length": item.get("min_length"),
        "max_length": item.get("max_length"),
        "pattern": item.get("pattern", ""),
        "pattern_message_de": message.get("de", ""),
        "pattern_message_en": message.get("en", ""),
        "date": item.get("date", ""),
    }


def _section_title(block):
    title = _labels(block.get("title_de"), block.get("title_en"))
    for child in block.get("title_translations") or []:
        value = child.get("value", child)
        if value.get("language") and value.get("title"):
            title[value["language"]] = value["title"]
    return title


def body_to_sections(raw_body, field_types):
    """StreamField raw data → the plain ``sections`` list."""
    sections = []
    for section_child in raw_body or []:
        block = section_child["value"]
        section = {
            "key": block.get("key") or "",
            "title": _section_title(block),
            "condition": _condition_to_plain(block.get("condition"), field_types),
            "items": [],
        }
        for item_child in block.get("items") or []:
            value = item_child["value"]
            if item_child["type"] == "group":
                item = {"field": value.get("field") or ""}
                condition = _condition_to_plain(value.get("condition"), field_types)
                if condition:
                    item["condition"] = condition
                for bound in ("min_items", "max_items"):
                    if value.get(bound) is not None:
                        item[bound] = value[bound]
                item["fields"] = [
                    _item_to_plain(sub.get("value", sub), field_types) for sub in (value.get("fields") or [])
                ]
            else:
                item = _item_to_plain(value, field_types)
            section["items"].append(item)
        sections.append(section)
    return sections


def sections_to_body(sections):
    """The plain ``sections`` list → StreamField raw data (list items with stable ids)."""
    body = []
    for section in sections:
        items = []
        for item in section["items"]:
            if "fields" in item:
                value = {
                    "field": item["field"],
                    "condition": _condition_to_block(item.get("condition")),
                    "min_items": item.get("min_items"),
                    "max_items": item.get("max_items"),
                    "fields": [
                        {"type": "item", "value": _item_to_block(sub), "id": str(uuid.uuid4())}
                        for sub in item["fields"]
                    ],
                }
                items.append({"type": "group", "value": value, "id": str(uuid.uuid4())})
            else:
                items.append({"type": "question", "value": _item_to_block(item), "id": str(uuid.uuid4())})
        body.append(
            {
                "type": "section",
                "value": {
                    "key": section["key"],
                    "title_de": section["title"].get("de", ""),
                    "title_en": section["title"].get("en", ""),
                    "title_translations": [
                        {"type": "item", "value": {"language": code, "title": text}, "id": str(uuid.uuid4())}
                        for code, text in section["title"].items()
                        if code not in ("de", "en")
                    ],
                    "condition": _condition_to_block(section.get("condition")),
                    "items": items,
                },
                "id": str(uuid.uuid4()),
            }
        )
    return body


def raw_dicts(raw):
    """Every dict in raw block data, depth first: sections, questions, conditions and what they hold."""
    if isinstance(raw, dict):
        yield raw
        for value in raw.values():
            yield from raw_dicts(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from raw_dicts(value)


def referenced_keys(raw):
    """Every catalogue key named anywhere in raw block data (items and conditions)."""
    return {block["field"] for block in raw_dicts(raw) if isinstance(block.get("field"), str) and block["field"]}


def catalogue_entries(keys):
    """Catalogue facts for the given keys, in one query."""
    from .models import CatalogueField

    return {field.key: field for field in CatalogueField.objects.filter(key__in=set(keys))}


def _compile_item(item, entry):
    compiled = {
        "key": item["field"],
        "type": entry.field_type,
        "label": entry.labels(),
        "help_text": entry.help_texts(),
        "sensitivity": entry.sensitivity,
        "public": entry.public,
    }
    if registry.get(entry.field_type).has_options:
        compiled["options"] = entry.option_list()
    for name in (*ITEM_RULES, "pattern_message", "required_if", "condition", "min_items", "max_items"):
        if name in item:
            compiled[name] = item[name]
    return compiled


def compile_questionnaire(questionnaire):
    """Body + catalogue → self-contained definition. Keys not in the catalogue are left out."""
    raw_body = questionnaire.body.get_prep_value()
    entries = catalogue_entries(referenced_keys(raw_body))
    sections = body_to_sections(raw_body, {key: entry.field_type for key, entry in entries.items()})
    compiled_sections = []
    for section in sections:
        items = []
        for item in section["items"]:
            entry = entries.get(item["field"])
            if entry is None:
                continue
            compiled = _compile_item(item, entry)
            if "fields" in item:
                compiled["fields"] = [
                    _compile_item(sub, entries[sub["field"]]) for sub in item["fields"] if sub["field"] in entries
                ]
            items.append(compiled)
        compiled_sections.append({**section, "items": items})
    return {
        "slug": questionnaire.slug,
        "title": _labels(questionnaire.title_de, questionnaire.title_en),
        "description": _labels(questionnaire.description_de, questionnaire.description_en),
        "sections": compiled_sections,
    }
