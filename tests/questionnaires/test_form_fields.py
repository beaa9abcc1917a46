"""Rules of a single item as its form field enforces them: patterns and lengths on every text type."""

import time

import pytest
from django import forms
from django.utils import translation

from questionnaires.field_types import FormFieldBuilder
from questionnaires.validation import check_sections


def field(**item):
    return FormFieldBuilder("en").build({"key": "answer", "label": {"de": "A", "en": "A"}, **item})


def errors(form_field, value):
    with translation.override("en"):
        try:
            form_field.clean(value)
        except forms.ValidationError as error:
            return error.messages
    return []


def test_a_pattern_with_a_global_flag_passes_validation_and_works_in_the_form():
    item = {"field": "surname", "pattern": "(?i)[a-z]+"}
    sections = [{"key": "only", "title": {"de": "A", "en": "A"}, "items": [item]}]
    assert check_sections(sections, {"surname": {"type": "text", "options": []}}) == []
    surname = field(type="text", pattern=item["pattern"])
    assert errors(surname, "Nagy") == []
    assert errors(surname, "Nagy 2") == ["The answer does not have the expected form."]


@pytest.mark.parametrize(
    "pattern, answer, message",
    [
        ("(a+)+", "a" * 26 + "!", "The answer does not have the expected form."),
        ("(a|aa)+", "a" * 40 + "!", "The answer could not be checked against the expected form; please shorten it."),
    ],
)
def test_a_backtracking_pattern_gives_a_field_error_in_bounded_time(pattern, answer, message):
    started = time.monotonic()
    assert errors(field(type="text", pattern=pattern), answer) == [message]
    assert time.monotonic() - started < 1


def test_a_pattern_message_missing_in_the_language_falls_back_to_the_general_one():
    item = {"key": "answer", "type": "text", "pattern": "[0-9]+", "pattern_message": {"en": "Digits only."}}
    assert errors(FormFieldBuilder("en").build(item), "x") == ["Digits only."]
    german = FormFieldBuilder("de").build(item)
    with translation.override("de"):
        with pytest.raises(forms.ValidationError) as error:
            german.clean("x")
    assert error.value.messages == ["Die Angabe hat nicht das erwartete Format."]


@pytest.mark.parametrize(
    "kind, rules, value, broken",
    [
        ("email", {"pattern": r".*@example\.org", "pattern_message": {"en": "Use your org address."}}, "a@b.de", True),
        ("email", {"pattern": r".*@example\.org"}, "ana@example.org", False),
        ("email", {"min_length": 16}, "ana@example.org", True),
        ("email", {"max_length": 10}, "ana@example.org", True),
        ("phone", {"pattern": r"\+49.*"}, "+40 21 123 4567", True),
        ("phone", {"pattern": r"\+49.*"}, "+49 3443 123456", False),
        ("phone", {"min_length": 12}, "0345 12345", True),
        ("phone", {"max_length": 8}, "0345 12345", True),
    ],
)
def test_email_and_phone_enforce_the_questionnaires_text_rules(kind, rules, value, broken):
    assert bool(errors(field(type=kind, **rules), value)) is broken
