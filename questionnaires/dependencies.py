"""What other apps read from the answers (``QUESTIONNAIRE_DEPENDENCIES``), and the edits that would break them.

A consumer such as intake copies the surname or the date of birth from the
answers into its case file. An administrator who drops that question, makes it
optional or retypes it would silently empty the case file, so those edits are
refused with the consumer's name, wherever they are made: questionnaire admin,
catalogue admin and ``form_definitions/``.
"""

from django.apps import apps
from django.utils.translation import gettext as _
from wagtail import hooks

from core.hooks import QUESTIONNAIRE_DEPENDENCIES


def declared():
    return [dependency for provide in hooks.get_hooks(QUESTIONNAIRE_DEPENDENCIES) for dependency in provide()]


def needing(key):
    return [dependency for dependency in declared() if dependency.key == key]


def consumer_name(dependency):
    try:
        name = apps.get_app_config(dependency.consumer).verbose_name
    except LookupError:
        name = dependency.consumer
    return f"{name} ({dependency.consumer})"


def _type_name(kind):
    from .models import CatalogueField

    return str(dict(CatalogueField._meta.get_field("field_type").flatchoices).get(kind, kind))


def readers_of(slug):
    """Who reads questionnaire ``slug`` (``consumer_name``), sorted; empty when nobody does."""
    return sorted({consumer_name(dependency) for dependency in declared() if dependency.questionnaire == slug})


def retype_problems(key, new_type):
    """Messages for each consumer that needs ``key`` as another type than ``new_type``."""
    return [
        _("%(consumer)s reads “%(key)s” as %(type)s; its type cannot change.")
        % {"consumer": consumer_name(dependency), "key": key, "type": _type_name(dependency.field_type)}
        for dependency in needing(key)
        if dependency.field_type != new_type
    ]


def questionnaire_problems(slug, sections, field_types):
    """``(path, message)`` for every dependency on questionnaire ``slug`` that ``sections`` (plain form) break."""
    asked = {}
    for s, section in enumerate(sections):
        for i, item in enumerate(section.get("items", [])):
            asked[item.get("field")] = (("sections", s), ("sections", s, "items", i), item, section)
    problems = []
    for dependency in declared():
        if dependency.questionnaire != slug:
            continue
        facts = {"consumer": consumer_name(dependency), "key": dependency.key}
        facts["type"] = _type_name(dependency.field_type)
        if dependency.key not in asked:
            message = _("%(consumer)s reads “%(key)s” from this questionnaire; keep asking it.")
            problems.append((("sections",), message % facts))
            continue
        section_path, path, item, section = asked[dependency.key]
        if field_types.get(dependency.key) != dependency.field_type:
            message = _("%(consumer)s reads “%(key)s” as %(type)s; its catalogue field must have that type.")
            problems.append((path + ("field",), message % facts))
        if not dependency.required:
            continue
        if not item.get("required"):
            message = _("%(consumer)s needs “%(key)s” answered in every case; keep it required.")
            problems.append((path + ("required",), message % facts))
        if item.get("condition"):
            message = _("%(consumer)s needs “%(key)s” answered in every case; it must not depend on a condition.")
            problems.append((path + ("condition",), message % facts))
        if section.get("condition"):
            message = _("%(consumer)s needs “%(key)s” answered in every case; show its section always.")
            problems.append((section_path + ("condition",), message % facts))
    return problems
