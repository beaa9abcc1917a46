"""``form_definitions/`` ↔ the CMS: load (validated, all or nothing) and export.

A file that did not change creates nothing; a changed questionnaire file
becomes a new draft revision (published with ``publish=True``). ``only_missing``
(used by the bootstrap) creates what does not exist yet and leaves everything
else as the administrators left it.
"""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from jsonschema import Draft202012Validator
from wagtail.blocks.base import get_error_json_data

from .definition import body_to_sections, sections_to_body
from .dependencies import questionnaire_problems, retype_problems
from .models import CatalogueField, Questionnaire
from .strict_json import json_path, read_json
from .usage import answer_sets_using
from .validation import check_sections
from .vocabulary import REQUIRED_LANGUAGES, content_language_codes

DEFAULT_DIR = Path(settings.BASE_DIR) / "form_definitions"
SCHEMA_NAME = "schema.json"


class DefinitionError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created_fields: list = field(default_factory=list)
    updated_fields: list = field(default_factory=list)
    created_questionnaires: list = field(default_factory=list)
    new_revisions: list = field(default_factory=list)
    published: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


# Where a model field or child block lives in the file, when the names differ.
FILE_PATHS = {
    "label_de": ("label", "de"),
    "label_en": ("label", "en"),
    "help_de": ("help_text", "de"),
    "help_en": ("help_text", "en"),
    "field_type": ("type",),
    "title_de": ("title", "de"),
    "title_en": ("title", "en"),
    "description_de": ("description", "de"),
    "description_en": ("description", "en"),
    "pattern_message_de": ("pattern_message", "de"),
    "pattern_message_en": ("pattern_message", "en"),
    "answer": ("value",),
}


def _block_problems(where, data, path):
    """Wagtail's nested block errors (``as_json_data()``) → one line per message, at its file path."""
    problems = [f"{where}: {json_path(path)}: {message}" for message in data.get("messages", [])]
    for step, child in data.get("blockErrors", {}).items():
        problems += _block_problems(where, child, path + FILE_PATHS.get(step, (step,)))
    return problems


def validation_problems(file_name, path, error):
    """A model's or block's ``ValidationError`` → file, JSON path and message for each problem."""
    if not hasattr(error, "error_dict"):
        return _block_problems(file_name, get_error_json_data(error), path)
    problems = []
    for name, errors in error.error_dict.items():
        for each in errors:
            data = get_error_json_data(each)
            problems += _block_problems(
                file_name, data if name == NON_FIELD_ERRORS else {"blockErrors": {name: data}}, path
            )
    return problems


# -- reading and checking ------------------------------------------------------------
def shipped_schema():
    """Always the shipped schema: a directory's own ``schema.json`` (exports carry one) cannot relax it."""
    return json.loads((DEFAULT_DIR / SCHEMA_NAME).read_text(encoding="utf-8"))


def read_directory(directory):
    """Parsed files by name, plus the problems found; nothing touches the database."""
    directory = Path(directory)
    if not directory.is_dir():
        reason = "is a file, not a directory" if directory.exists() else "does not exist"
        return {}, [f"{directory}: {reason}"]
    paths = sorted(path for path in directory.glob("*.json") if path.name != SCHEMA_NAME)
    if not paths:
        return {}, [f"{directory}: holds no definition files (*.json)"]
    validator = Draft202012Validator(shipped_schema())
    documents, problems = {}, []
    for path in paths:
        document, found = read_json(path)
        problems += found
        if document is None:
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            problems.append(f"{path.name}: {json_path(error.absolute_path)}: {error.message}")
        if not errors:
            documents[path.name] = document
    return documents, problems


def _catalogue_problems(name, fields):
    """What the schema cannot say: unique keys and option values, every language for public fields.

    A help text needs a label in its language: the CMS keeps further languages
    as label + help text pairs and would drop it.
    """
    problems = []
    seen = set()
    every_language = set(content_language_codes())
    for index, entry in enumerate(fields):
        where = f"{name}: {json_path(['fields', index])}"
        if entry["key"] in seen:
            problems.append(f"{where}.key: the key “{entry['key']}” appears twice")
        seen.add(entry["key"])
        for code in sorted(set(entry.get("help_text") or {}) - set(entry["label"])):
            problems.append(f"{where}.help_text.{code}: a help text needs a label in the same language")
        for code in entry.get("unreviewed_translations") or []:
            if code in REQUIRED_LANGUAGES or code not in entry["label"]:
                problems.append(
                    f"{where}.unreviewed_translations: “{code}” is not a further language this field has a label in"
                )
        options = entry.get("options") or []
        codes = [option["value"] for option in options]
        if len(set(codes)) != len(codes):
            problems.append(f"{where}.options: an option value appears twice")
        if entry.get("public"):
            missing = every_language - set(entry["label"])
            missing |= {code for option in options for code in every_language - set(option["label"])}
            if missing:
                problems.append(
                    f"{where}.label: a public field needs every content language; missing {', '.join(sorted(missing))}"
                )
    return problems


def _keys_defined_elsewhere(name, fields, documents):
    """A key in two catalogue files must mean the same in both; otherwise the later would silently win."""
    problems = []
    for other, document in documents.items():
        if other <= name or document["kind"] != "catalogue":  # each pair once, told at the first file
            continue
        theirs = {entry["key"]: (index, entry) for index, entry in enumerate(document["fields"])}
        for index, entry in enumerate(fields):
            if entry["key"] in theirs:
                their_index, their_entry = theirs[entry["key"]]
                if _normalise_entry(entry) != _normalise_entry(their_entry):
                    problems.append(
                        f"{name}: {json_path(['fields', index, 'key'])}: “{entry['key']}” is also in {other} "
                        f"({json_path(['fields', their_index])}) with different content"
                    )
    return problems


def check_documents(documents):
    """Cross-file checks: catalogue consistency and every questionnaire against the catalogue."""
    problems = []
    catalogue = {
        entry.key: {"type": entry.field_type, "options": [o["value"] for o in entry.option_list()]}
        for entry in CatalogueField.objects.all()
    }
    for name, document in documents.items():
        if document["kind"] == "catalogue":
            problems += _catalogue_problems(name, document["fields"])
            problems += _keys_defined_elsewhere(name, document["fields"], documents)
            for index, entry in enumerate(document["fields"]):
                for problem in retype_problems(entry["key"], entry["type"]):
                    problems.append(f"{name}: {json_path(['fields', index, 'type'])}: {problem}")
                catalogue[entry["key"]] = {
                    "type": entry["type"],
                    "options": [o["value"] for o in entry.get("options") or []],
                }
    slugs = {}
    for name, document in documents.items():
        if document["kind"] != "questionnaire":
            continue
        if document["slug"] in slugs:
            problems.append(f"{name}: $.slug: “{document['slug']}” is also used by {slugs[document['slug']]}")
        slugs[document["slug"]] = name
        types = {key: facts["type"] for key, facts in catalogue.items()}
        found = check_sections(document["sections"], catalogue)
        found += questionnaire_problems(document["slug"], document["sections"], types)
        for path, message in found:
            problems.append(f"{name}: {json_path(path)}: {message}")
    return problems


# -- catalogue entries -----------------------------------------------------------------
def _stream_item(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _in_language_order(texts):
    """Texts by language in the order of the shipped files, whatever order the admin added them in."""
    order = content_language_codes()
    return dict(sorted(texts.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)))


def catalogue_entry_to_plain(entry):
    plain = {
        "key": entry.key,
        "type": entry.field_type,
        "label": _in_language_order(entry.labels()),
        "help_text": _in_language_order(entry.help_texts()),
        "unreviewed_translations": list(entry.unreviewed_translations or []),
        "purpose": entry.purpose,
        "legal_basis": entry.legal_basis,
        "sensitivity": entry.sensitivity,
        "retention": entry.retention,
        "public": entry.public,
        "may_go_to": list(entry.may_go_to or []),
        "options": [{**option, "label": _in_language_order(option["label"])} for option in entry.option_list()],
    }
    for optional in ("help_text", "unreviewed_translations", "may_go_to"):
        if not plain[optional]:
            del plain[optional]
    return plain


def _normalise_entry(plain):
    plain = dict(plain)
    plain.setdefault("options", [])
    plain.setdefault("public", False)
    for optional in ("help_text", "unreviewed_translations", "may_go_to"):
        if not plain.get(optional):
            plain.pop(optional, None)
    return plain


def _apply_entry(entry, plain):
    label, help_text = plain["label"], plain.get("help_text") or {}
    entry.field_type = plain["type"]
    entry.label_de, entry.label_en = label["de"], label["en"]
    entry.help_de, entry.help_en = help_text.get("de", ""), help_text.get("en", "")
    others = [code for code in content_language_codes() if code not in REQUIRED_LANGUAGES]
    entry.translations = [
        _stream_item(
            "translation", {"language": code, "label": label.get(code, ""), "help_text": help_text.get(code, "")}
        )
        for code in others
        if code in label
    ]
    entry.options = [
        _stream_item(
            "option",
            {
                "code": option["value"],
                "label_de": option["label"]["de"],
                "label_en": option["label"]["en"],
                "translations": [
                    {
                        "type": "item",
                        "value": {"language": code, "label": option["label"][code]},
                        "id": str(uuid.uuid4()),
                    }
                    for code in others
                    if code in option["label"]
                ],
            },
        )
        for option in plain.get("options") or []
    ]
    entry.unreviewed_translations = list(plain.get("unreviewed_translations") or [])
    entry.purpose = plain["purpose"]
    entry.legal_basis = plain["legal_basis"]
    entry.sensitivity = plain["sensitivity"]
    entry.retention = plain["retention"]
    entry.public = plain.get("public", False)
    entry.may_go_to = list(plain.get("may_go_to") or [])


def _save_entry(entry, plain, where):
    """Problems instead of a traceback when the model refuses what the schema let through."""
    _apply_entry(entry, plain)
    try:
        entry.full_clean()
    except ValidationError as error:
        return validation_problems(*where, error)
    entry.save()
    return []


def _load_catalogue(name, fields, only_missing, report):
    existing = {entry.key: entry for entry in CatalogueField.objects.all()}
    problems = []
    for index, plain in enumerate(fields):
        where = (name, ("fields", index))
        entry = existing.get(plain["key"])
        if entry is None:
            entry = CatalogueField(key=plain["key"])
            found = _save_entry(entry, plain, where)
            problems += found
            if not found:
                report.created_fields.append(entry.key)
            continue
        if only_missing or _normalise_entry(catalogue_entry_to_plain(entry)) == _normalise_entry(plain):
            continue
        if entry.field_type != plain["type"] and answer_sets_using(entry.key):
            problems.append(
                f"{name}: {json_path(where[1] + ('type',))}: “{entry.key}” is held by "
                f"{answer_sets_using(entry.key)} answer sets; its type cannot change from {entry.field_type} "
                f"to {plain['type']}"
            )
            continue
        found = _save_entry(entry, plain, where)
        problems += found
        if not found:
            report.updated_fields.append(entry.key)
    return problems


# -- questionnaires -----------------------------------------------------------------
def questionnaire_to_plain(questionnaire):
    types = dict(CatalogueField.objects.values_list("key", "field_type"))
    plain = {
        "kind": "questionnaire",
        "slug": questionnaire.slug,
        "title": {"de": questionnaire.title_de, "en": questionnaire.title_en},
    }
    description = {
        code: text
        for code, text in (("de", questionnaire.description_de), ("en", questionnaire.description_en))
        if text
    }
    if description:
        plain["description"] = description
    plain["sections"] = body_to_sections(questionnaire.body.get_prep_value(), types)
    for section in plain["sections"]:
        if section["condition"] is None:
            del section["condition"]
    return plain


def _normalise_questionnaire(plain):
    """What means the same compares the same: an absent condition is null, not required is false."""
    plain = json.loads(json.dumps(plain))
    for section in plain["sections"]:
        if not section.get("condition"):
            section.pop("condition", None)
        for item in section["items"]:
            for each in (item, *item.get("fields", [])):
                if each.get("required") is False:
                    del each["required"]
    if not plain.get("description"):
        plain.pop("description", None)
    return plain


def _apply_questionnaire(questionnaire, plain, name):
    """Raises ``DefinitionError`` with file paths when the model or its blocks refuse a value."""
    questionnaire.title_de, questionnaire.title_en = plain["title"]["de"], plain["title"]["en"]
    description = plain.get("description") or {}
    questionnaire.description_de = description.get("de", "")
    questionnaire.description_en = description.get("en", "")
    questionnaire.body = sections_to_body(plain["sections"])
    problems = []
    try:
        questionnaire.full_clean(exclude=["body", "compiled"], validate_unique=False)
    except ValidationError as error:
        problems += validation_problems(name, (), error)
    try:
        Questionnaire._meta.get_field("body").stream_block.clean(questionnaire.body)
    except ValidationError as error:
        problems += validation_problems(name, ("sections",), error)
    if problems:
        raise DefinitionError(problems)


def _load_questionnaire(name, plain, publish, only_missing, report):
    questionnaire = Questionnaire.objects.filter(slug=plain["slug"]).first()
    if questionnaire is None:
        questionnaire = Questionnaire(slug=plain["slug"], live=False)
        _apply_questionnaire(questionnaire, plain, name)
        questionnaire.save()
        revision = questionnaire.save_revision(log_action=True)
        report.created_questionnaires.append(questionnaire.slug)
        if publish:
            revision.publish()
            report.published.append(questionnaire.slug)
        return
    if only_missing:
        return
    latest = questionnaire.get_latest_revision_as_object()
    if _normalise_questionnaire(questionnaire_to_plain(latest)) == _normalise_questionnaire(plain):
        report.unchanged.append(plain["slug"])
        if publish and questionnaire.has_unpublished_changes:
            questionnaire.latest_revision.publish()
            report.published.append(plain["slug"])
        return
    _apply_questionnaire(latest, plain, name)
    revision = latest.save_revision(log_action=True)
    report.new_revisions.append(plain["slug"])
    if publish:
        revision.publish()
        report.published.append(plain["slug"])


def load_directory(directory=DEFAULT_DIR, *, publish=False, only_missing=False):
    """Load every file of ``directory``; raises ``DefinitionError`` and loads nothing on any problem."""
    documents, problems = read_directory(directory)
    if not problems:
        problems = check_documents(documents)
    if problems:
        raise DefinitionError(problems)
    report = LoadReport()
    with transaction.atomic():
        for name, document in documents.items():
            if document["kind"] == "catalogue":
                problems += _load_catalogue(name, document["fields"], only_missing, report)
        if problems:
            raise DefinitionError(problems)
        for name, document in documents.items():
            if document["kind"] == "questionnaire":
                _load_questionnaire(name, document, publish, only_missing, report)
    return report


def export_directory(directory):
    """Write the catalogue and the latest version of every questionnaire as loadable files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name, document):
        (directory / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(name)

    write(SCHEMA_NAME, json.loads((DEFAULT_DIR / SCHEMA_NAME).read_text(encoding="utf-8")))
    fields = [catalogue_entry_to_plain(entry) for entry in CatalogueField.objects.order_by("pk")]
    write("catalogue.json", {"kind": "catalogue", "fields": fields})
    for questionnaire in Questionnaire.objects.order_by("slug"):
        write(f"{questionnaire.slug}.json", questionnaire_to_plain(questionnaire.get_latest_revision_as_object()))
    return written
