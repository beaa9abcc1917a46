"""The engine's front door: what plugins, ``core`` and ``pages`` call.

Everything else in ``questionnaires`` is the engine's own and may change; a
consumer that needs more asks for it here. Definitions are the *compiled*
form (see ``definition``): self-contained, stored with every revision.
"""

from typing import NamedTuple

from django.http import Http404
from wagtail.models import Revision

from . import answers as _answers
from . import display as _display
from . import usage as _usage
from .answers import StaleAnswers
from .compiled import compiled_definition
from .form_fields import country_choices, language_choices
from .forms import QuestionnaireForm
from .models import AnswerSet, CatalogueField, Questionnaire
from .required import missing_answers

AUDIENCES = {
    # The citizen answers these on the public site before the appointment ("may be answered in advance").
    "public": lambda item: bool(item.get("public")),
}


class NotPublished(Http404):
    """The questionnaire does not exist or was never published (a 404 in a view)."""


class Published(NamedTuple):
    questionnaire: Questionnaire
    revision: Revision
    definition: dict


def published(slug):
    """The live version of questionnaire ``slug``: ``(questionnaire, revision, definition)``.

    One query for which revision is live, and one the first time this process reads that revision.
    The questionnaire's body and compiled copy and the revision's content are not loaded (deferred):
    ``definition`` is what they hold for the form; it is shared, so never change it.
    """
    questionnaire = (
        Questionnaire.objects.select_related("live_revision")
        .defer("body", "compiled", "live_revision__content")
        .filter(slug=slug, live=True)
        .first()
    )
    if questionnaire is None or questionnaire.live_revision is None:
        raise NotPublished(f"questionnaire {slug!r} is not published")
    revision = questionnaire.live_revision
    return Published(questionnaire, revision, compiled_definition(revision, questionnaire.last_published_at))


def for_audience(definition, audience):
    """Only the questions of one audience (``AUDIENCES``); sections left empty are dropped.

    A condition on a question outside the audience cannot be answered there:
    the question is then shown unconditionally and not required.
    """
    wanted = AUDIENCES[audience]
    kept_keys = set()
    sections = []
    for section in definition.get("sections", []):
        items = []
        for item in section["items"]:
            if not wanted(item):
                continue
            item = dict(item)
            if item["type"] == "group":
                item["fields"] = [sub for sub in item.get("fields", []) if wanted(sub)]
                if not item["fields"]:
                    continue
            for name in ("condition", "required_if"):
                if item.get(name) and item[name]["field"] not in kept_keys:
                    del item[name]
                    item.pop("required", None)
            items.append(item)
            kept_keys.add(item["key"])
        if items:
            condition = section.get("condition")
            if condition and condition["field"] not in kept_keys:
                condition = None
            sections.append({**section, "condition": condition, "items": items})
    return {**definition, "sections": sections}


# Include it with ``form`` beside the form, both inside an element of class ``clearing-with-index``;
# optional: ``states_url`` (a view answering ``form.section_index()`` as JSON for a POST of the form)
# and ``sticky_below`` (a CSS selector of a header that sticks to the top: the index stays below it).
SECTION_INDEX_TEMPLATE = "questionnaires/section_index.html"


def build_form(
    definition, *, data=None, answers=None, language="de", audience=None, prefix=None, draft=False, read_along=None
):
    """The runtime form of ``definition`` (optionally of one ``audience`` only), labelled in ``language``.

    ``read_along``: a second language each question is also shown in (where the catalogue has it),
    for the person to read along; ``form.section_index()`` gives each section's state.
    """
    if audience is not None:
        definition = for_audience(definition, audience)
    return QuestionnaireForm(
        definition, data=data, answers=answers, language=language, prefix=prefix, draft=draft, read_along=read_along
    )


def save_answers(form, *, questionnaire, revision, user=None, answer_set=None, expected_version=None):
    """Store a validated form's answers (a new ``AnswerSet`` or ``answer_set`` updated); returns the set.

    ``expected_version``: the ``AnswerSet.version`` the form was edited from (0 before the set exists);
    a save from any other version raises ``StaleAnswers`` and stores nothing. ``None`` skips the check.
    """
    return _answers.save_answers(
        form,
        questionnaire=questionnaire,
        revision=revision,
        user=user,
        answer_set=answer_set,
        expected_version=expected_version,
    )


def save_answers_in_bulk(questionnaire, revision, answers, *, language="de", times=None):
    """Many answer sets at once from answers already valid (demo data, imports); returns them in order.

    ``times`` gives each set's ``(created_at, updated_at)``.
    """
    return _answers.save_answers_in_bulk(questionnaire, revision, answers, language=language, times=times)


def missing_required(answer_set, language="de"):
    """Labels of the visible required questions that the stored answers leave empty."""
    return missing_answers(answer_set.definition(), answer_set.data, language)


def answer_sections(answer_set, *, language="de", keys=None):
    """The answers as a person reads them, by section; only ``keys`` when given (a scoped view)."""
    return _display.answer_sections(answer_set.definition(), answer_set.data, language, keys=keys)


def answer_counts(keys, questionnaire=None):
    """``{key: number of answer sets holding it}``, in one query."""
    return _usage.answer_counts(keys, questionnaire)


class CatalogueEntry(NamedTuple):
    """What a consumer may know of a catalogue field: enough to choose, label and guard it in a scope."""

    key: str
    field_type: str
    label: str
    purpose: str
    sensitivity: str
    may_go_to: tuple


def catalogue_entries(keys=None, *, language="de"):
    """``{key: CatalogueEntry}`` of the field catalogue (only ``keys`` when given), in key order, one query."""
    fields = CatalogueField.objects.only(
        "key", "field_type", "label_de", "label_en", "translations", "purpose", "sensitivity", "may_go_to"
    )
    if keys is not None:
        fields = fields.filter(key__in=list(keys))
    return {
        field.key: CatalogueEntry(
            field.key,
            field.field_type,
            field.labels().get(language) or field.label_de,
            field.purpose,
            field.sensitivity,
            tuple(field.may_go_to or ()),
        )
        for field in fields
    }


def usage_summary(key):
    """What deleting catalogue field ``key`` would break, in words; empty when nothing uses it."""
    return _usage.usage_summary(key)


__all__ = [
    "AUDIENCES",
    "SECTION_INDEX_TEMPLATE",
    "AnswerSet",
    "NotPublished",
    "Published",
    "StaleAnswers",
    "answer_counts",
    "CatalogueEntry",
    "answer_sections",
    "catalogue_entries",
    "build_form",
    "country_choices",
    "for_audience",
    "language_choices",
    "missing_required",
    "published",
    "save_answers",
    "save_answers_in_bulk",
    "usage_summary",
]
