"""Consistency checks of a questionnaire before publishing."""

import copy

import pytest
from django.utils import translation

from questionnaires.validation import check_sections

from .definitions import QUESTIONNAIRE

CATALOGUE = {
    "surname": {"type": "text", "options": []},
    "birth_date": {"type": "date", "options": []},
    "nationalities": {"type": "nationality", "options": []},
    "email": {"type": "email", "options": []},
    "new_address": {"type": "address", "options": []},
    "stay_category": {"type": "choice", "options": ["worker", "job_seeker", "non_active"]},
    "employer_name": {"type": "text", "options": []},
    "hours_per_week": {"type": "number", "options": []},
    "has_children": {"type": "yes_no", "options": []},
    "children": {"type": "group", "options": []},
    "child_name": {"type": "text", "options": []},
    "child_birth_date": {"type": "date", "options": []},
    "topics": {"type": "multi_choice", "options": ["housing", "debts"]},
    "notes": {"type": "long_text", "options": []},
    "sufficient_means": {"type": "yes_no", "options": []},
    "empty_choice": {"type": "choice", "options": []},
}


def sections():
    return copy.deepcopy(QUESTIONNAIRE["sections"])


def messages(data):
    return [(path, message) for path, message in check_sections(data, CATALOGUE)]


def test_the_sample_is_consistent():
    assert messages(sections()) == []


def test_duplicate_field_is_reported_at_the_second_place():
    data = sections()
    data[1]["items"].append({"field": "surname"})
    assert messages(data) == [
        (("sections", 1, "items", 7, "field"), "Das Feld „surname“ wird in diesem Fragebogen zweimal abgefragt.")
    ]


def test_duplicate_section_key():
    data = sections()
    data[2]["key"] = "identity"
    assert (("sections", 2, "key"), "Der Abschnittsschlüssel „identity“ wird zweimal verwendet.") in messages(data)


def test_condition_on_an_unknown_field():
    data = sections()
    data[1]["items"][1]["condition"]["field"] = "employer_type"
    assert messages(data) == [
        (
            ("sections", 1, "items", 1, "condition", "field"),
            "Die Bedingung verweist auf „employer_type“, das nicht im Feldkatalog steht.",
        )
    ]


def test_condition_on_a_later_field():
    data = sections()
    data[0]["items"][3]["condition"] = {"field": "stay_category", "op": "equals", "value": "worker"}
    [(path, message)] = messages(data)
    assert path == ("sections", 0, "items", 3, "condition", "field")
    assert "später abgefragt" in message


def test_cycle_in_conditions_is_named():
    data = sections()
    data[1]["items"][0]["condition"] = {"field": "has_children", "op": "is_set"}
    data[1]["items"][3]["condition"] = {"field": "stay_category", "op": "is_set"}
    found = messages(data)
    assert any(path == () and "Kreis" in message and "stay_category" in message for path, message in found)


def test_condition_value_must_be_an_option():
    data = sections()
    data[1]["items"][1]["condition"]["value"] = "arbeitnehmer"
    [(path, message)] = messages(data)
    assert path == ("sections", 1, "items", 1, "condition", "value")
    assert "arbeitnehmer" in message and "worker" in message


def test_choice_without_options():
    data = sections()
    data[0]["items"].append({"field": "empty_choice"})
    [(path, message)] = messages(data)
    assert path == ("sections", 0, "items", 5, "field") and "keine Optionen" in message


@pytest.mark.parametrize(
    "item, path_end, fragment",
    [
        ({"field": "surname", "min": 3}, "min", "nur für Zahlen"),
        ({"field": "hours_per_week", "min": 10, "max": 5}, "max", "Maximum"),
        ({"field": "surname", "pattern": "[a-"}, "pattern", "regulärer Ausdruck"),
        ({"field": "surname", "date": "past"}, "date", "Datumsfelder"),
        ({"field": "children", "fields": [{"field": "children", "fields": []}]}, "field", "nicht verschachtelt"),
        ({"field": "children"}, "field", "als Gruppe"),
        (
            [
                {"field": "children", "fields": [{"field": "child_name"}]},
                {"field": "employer_name", "condition": {"field": "child_name", "op": "is_set"}},
            ],
            "field",
            "innerhalb einer Gruppe",
        ),
        ({"field": "employer_name", "condition": {"field": "employer_name", "op": "is_set"}}, "field", "selbst"),
    ],
)
def test_rules_that_do_not_fit(item, path_end, fragment):
    items = item if isinstance(item, list) else [item]
    data = [{"key": "only", "title": {"de": "A", "en": "A"}, "items": items}]
    found = messages(data)
    assert any(path[-1] == path_end and fragment in message for path, message in found), found


def only(*items):
    return [{"key": "only", "title": {"de": "A", "en": "A"}, "items": list(items)}]


def english(data):
    with translation.override("en"):
        return messages(data)


CHILDREN = {"field": "children", "fields": [{"field": "child_name"}]}


@pytest.mark.parametrize(
    "bounds, path_end, message",
    [
        ({"max_items": 31}, "max_items", "“At most” must be between 1 and 30."),
        ({"max_items": 0}, "max_items", "“At most” must be between 1 and 30."),
        ({"min_items": 31}, "min_items", "“At least” must be between 0 and 30."),
        ({"min_items": 5, "max_items": 3}, "max_items", "“At most” must not be smaller than “at least”."),
    ],
)
def test_group_sizes_the_form_cannot_hold_are_refused(bounds, path_end, message):
    assert (("sections", 0, "items", 0, path_end), message) in english(only({**CHILDREN, **bounds}))


@pytest.mark.parametrize("rule", ["required", "required_if"])
def test_a_group_cannot_be_required(rule):
    value = True if rule == "required" else {"field": "has_children", "op": "is_set"}
    found = english(only({"field": "has_children"}, {**CHILDREN, rule: value}))
    message = "A repeatable group cannot be required; set “at least” instead."
    assert (("sections", 0, "items", 1, rule), message) in found


@pytest.mark.parametrize("rule", ["condition", "required_if"])
def test_a_condition_cannot_refer_to_a_repeatable_group(rule):
    found = english(only(CHILDREN, {"field": "notes", rule: {"field": "children", "op": "is_set"}}))
    assert found == [(("sections", 0, "items", 1, rule, "field"), "A condition cannot refer to a repeatable group.")]


def test_a_section_condition_cannot_refer_to_a_repeatable_group():
    data = only(CHILDREN)
    data.append({"key": "later", "title": {"de": "B", "en": "B"}, "items": [{"field": "notes"}]})
    data[1]["condition"] = {"field": "children", "op": "is_set"}
    assert english(data) == [(("sections", 1, "condition", "field"), "A condition cannot refer to a repeatable group.")]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("has_children", 1, "Unknown value 1; possible: true, false"),
        ("has_children", 0, "Unknown value 0; possible: true, false"),
        ("has_children", "true", 'Unknown value "true"; possible: true, false'),
        ("has_children", [True, 1], "Unknown value 1; possible: true, false"),
        ("stay_category", ["worker", 1], 'Unknown value 1; possible: "worker", "job_seeker", "non_active"'),
        ("nationalities", "hu", 'Unknown country code "hu"; use two capital letters as in ISO 3166, e.g. HU.'),
    ],
)
def test_condition_values_are_typed_strictly(field, value, message):
    op = "one_of" if isinstance(value, list) else "equals"
    data = only({"field": field}, {"field": "notes", "condition": {"field": field, "op": op, "value": value}})
    assert english(data) == [(("sections", 0, "items", 1, "condition", "value"), message)]


@pytest.mark.parametrize(
    "field, value",
    [("has_children", True), ("has_children", False), ("stay_category", "worker"), ("nationalities", "HU")],
)
def test_condition_values_of_the_right_type_pass(field, value):
    data = only({"field": field}, {"field": "notes", "condition": {"field": field, "op": "equals", "value": value}})
    assert messages(data) == []


def test_a_pattern_message_needs_a_pattern():
    found = english(only({"field": "surname", "pattern_message": {"de": "Nur Buchstaben"}}))
    assert found == [(("sections", 0, "items", 0, "pattern"), "A message for the pattern needs a pattern.")]


def test_a_pattern_is_checked_as_the_form_uses_it():
    assert messages(only({"field": "surname", "pattern": "(?i)[a-z]+"})) == []
    [(path, message)] = messages(only({"field": "surname", "pattern": "a)|(b"}))
    assert path == ("sections", 0, "items", 0, "pattern") and "regulärer Ausdruck" in message
