"""Building, validating and storing answers of a questionnaire."""

import copy
import datetime
from unittest import mock

import pytest

from questionnaires.answers import save_answers
from questionnaires.field_types import FormFieldBuilder
from questionnaires.forms import QuestionnaireForm

pytestmark = pytest.mark.django_db

VALID = {
    "surname": "Țurcanu",
    "birth_date": "1990-04-01",
    "nationalities": ["RO"],
    "stay_category": "worker",
    "employer_name": "Fleisch GmbH",
    "hours_per_week": "38.5",
    "has_children": "yes",
    "children-TOTAL_FORMS": "2",
    "children-INITIAL_FORMS": "0",
    "children-MIN_NUM_FORMS": "0",
    "children-MAX_NUM_FORMS": "5",
    "children-0-child_name": "Ana",
    "children-0-child_birth_date": "2015-06-30",
    "children-1-child_name": "",
    "children-1-child_birth_date": "",
    "new_address_0": "Marktstraße",
    "new_address_1": "12",
    "new_address_2": "2. OG links",
    "new_address_3": "06667",
    "new_address_4": "Weißenfels",
}


def test_valid_answers_are_typed_json(probe_definition):
    form = QuestionnaireForm(probe_definition, data=VALID)
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["children"]])
    assert form.answers() == {
        "surname": "Țurcanu",
        "birth_date": "1990-04-01",
        "nationalities": ["RO"],
        "stay_category": "worker",
        "employer_name": "Fleisch GmbH",
        "hours_per_week": 38.5,
        "has_children": True,
        "children": [{"_id": mock.ANY, "child_name": "Ana", "child_birth_date": "2015-06-30"}],
        "new_address": {
            "street": "Marktstraße",
            "number": "12",
            "floor": "2. OG links",
            "postcode": "06667",
            "town": "Weißenfels",
        },
    }


def test_a_visible_required_field_is_required(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**VALID, "employer_name": ""})
    assert not form.is_valid()
    assert "employer_name" in form.errors


def test_a_hidden_required_field_is_not_required_and_its_answer_is_ignored(probe_definition):
    data = {**VALID, "stay_category": "job_seeker", "employer_name": "should be ignored"}
    form = QuestionnaireForm(probe_definition, data=data)
    assert form.is_valid(), form.errors
    assert "employer_name" not in form.answers()
    assert form.answers()["hours_per_week"] == 38.5


def test_a_hidden_field_with_broken_input_does_not_block(probe_definition):
    data = {**VALID, "stay_category": "non_active", "hours_per_week": "viele", "sufficient_means": "yes"}
    form = QuestionnaireForm(probe_definition, data=data)
    assert form.is_valid(), form.errors
    assert "hours_per_week" not in form.answers()


def test_a_section_condition_shows_and_requires_its_fields(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**VALID, "stay_category": "non_active"})
    assert not form.is_valid()
    assert "sufficient_means" in form.errors
    hidden = QuestionnaireForm(probe_definition, data={**VALID, "sufficient_means": "no"})
    assert hidden.is_valid() and "sufficient_means" not in hidden.answers()


def test_a_hidden_group_is_dropped(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**VALID, "has_children": "no"})
    assert form.is_valid(), form.errors
    assert "children" not in form.answers()


def test_group_entries_are_validated(probe_definition):
    data = {**VALID, "children-0-child_name": "", "children-0-child_birth_date": "2015-06-30"}
    form = QuestionnaireForm(probe_definition, data=data)
    assert not form.is_valid()
    assert form.formsets["children"].forms[0].errors["child_name"]


def test_required_if_makes_a_field_required(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**VALID, "topics": ["debts"]})
    assert not form.is_valid() and "notes" in form.errors
    form = QuestionnaireForm(probe_definition, data={**VALID, "topics": ["housing"]})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    "change, field",
    [
        ({"birth_date": (datetime.date.today() + datetime.timedelta(days=1)).isoformat()}, "birth_date"),
        ({"hours_per_week": "61"}, "hours_per_week"),
        ({"hours_per_week": "inf"}, "hours_per_week"),
        ({"surname": "x" * 101}, "surname"),
        ({"email": "not-an-email"}, "email"),
        ({"nationalities": ["XX"]}, "nationalities"),
        ({"new_address_3": ""}, "new_address"),
    ],
)
def test_rules_give_field_errors(probe_definition, change, field):
    form = QuestionnaireForm(probe_definition, data={**VALID, **change})
    assert not form.is_valid()
    assert field in form.errors


def test_messages_are_german_by_default(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**VALID, "surname": ""})
    form.is_valid()
    assert form.errors["surname"] == ["Dieses Feld muss ausgefüllt werden."]


def test_labels_follow_the_language(probe_definition):
    assert QuestionnaireForm(probe_definition, language="en").fields["surname"].label == "Surname"
    assert QuestionnaireForm(probe_definition, language="ro").fields["surname"].label == "Familienname"


def test_unknown_type_is_rejected_with_the_valid_types():
    with pytest.raises(ValueError, match=r"Unknown field type 'slider' for 'mood'; valid types: text, long_text"):
        FormFieldBuilder("de").build({"key": "mood", "type": "slider"})


def test_stored_answers_render_again_and_round_trip(probe, probe_definition, make_user):
    clerk = make_user("clerk")
    form = QuestionnaireForm(probe_definition, data=VALID)
    assert form.is_valid()
    answer_set = save_answers(form, questionnaire=probe, revision=probe.live_revision, user=clerk)
    answer_set.refresh_from_db()
    assert answer_set.data == form.answers()
    assert answer_set.revision == probe.live_revision
    assert set(answer_set.answered) == set(form.answers()) | {
        "child_name",
        "child_birth_date",
    }

    again = QuestionnaireForm(answer_set.definition(), answers=answer_set.data)
    html = again.render()
    assert 'value="Țurcanu"' in html and 'value="Ana"' in html and 'value="1990-04-01"' in html
    assert 'data-key="employer_name"' in html


def test_rendering_hides_what_the_stored_answers_hide(probe_definition):
    html = QuestionnaireForm(probe_definition, answers={"stay_category": "job_seeker"}).render()
    assert 'data-key="employer_name" data-condition=' in html
    employer = html.split('data-key="employer_name"')[1].split(">")[0]
    assert "hidden" in employer
    assert '"values": ["worker"]' in html.replace("&quot;", '"')


def test_a_date_on_file_keeps_passing_a_rule_that_time_has_broken(probe_definition):
    definition = copy.deepcopy(probe_definition)
    items = {item["key"]: item for section in definition["sections"] for item in section["items"]}
    items["birth_date"]["date"] = "not_past"  # like the Bürgerbüro appointment: upcoming when entered
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    stored = {"birth_date": yesterday}

    unchanged = QuestionnaireForm(definition, data={**VALID, "birth_date": yesterday}, answers=stored)
    assert unchanged.is_valid(), unchanged.errors

    earlier = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    changed = QuestionnaireForm(definition, data={**VALID, "birth_date": earlier}, answers=stored)
    assert not changed.is_valid()
    assert changed.errors["birth_date"][0] == "Das Datum darf nicht in der Vergangenheit liegen."


def test_saving_again_unchanged_keeps_the_stored_group_entries(probe_definition):
    first = QuestionnaireForm(probe_definition, data=VALID)
    assert first.is_valid()
    stored = first.answers()
    again = QuestionnaireForm(
        probe_definition,
        data={**VALID, "children-TOTAL_FORMS": "1", "children-INITIAL_FORMS": "1"},
        answers=stored,
    )
    assert again.is_valid(), [f.errors for f in again.formsets["children"]]
    assert again.answers()["children"] == stored["children"]

    deleted = QuestionnaireForm(
        probe_definition,
        data={**VALID, "children-TOTAL_FORMS": "1", "children-INITIAL_FORMS": "1", "children-0-DELETE": "on"},
        answers=stored,
    )
    assert deleted.is_valid() and "children" not in deleted.answers()
