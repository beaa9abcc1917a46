"""Consistency checks of a questionnaire before publishing."""

import copy

import pytest

from plugins.intake.validation import check_sections

from .conftest import QUESTIONNAIRE

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
