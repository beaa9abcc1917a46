"""Condition values on fields with options: what the builder offers, and the loader's refusal of anything else."""

import copy

import pytest
from django.utils import translation

from questionnaires.blocks import ConditionAnswerInput, condition_choices
from questionnaires.definition_files import DefinitionError, load_directory

from .definitions import QUESTIONNAIRE, write_definitions

pytestmark = pytest.mark.django_db


def test_the_builder_offers_the_options_with_german_labels_for_choice_and_yes_no_fields(tmp_path):
    load_directory(write_definitions(tmp_path / "defs"))
    with translation.override("de"):
        choices = condition_choices()
    assert choices["stay_category"] == [
        ("worker", "Arbeitnehmer"),
        ("job_seeker", "Arbeitsuchend"),
        ("non_active", "Nichterwerbstätig"),
    ]
    assert choices["topics"] == [("housing", "Wohnen"), ("debts", "Schulden")]
    assert choices["has_children"] == [("true", "Ja"), ("false", "Nein")]
    assert "surname" not in choices and "birth_date" not in choices and "nationalities" not in choices


def test_the_widget_posts_the_typed_value_and_carries_the_options(tmp_path):
    load_directory(write_definitions(tmp_path / "defs"))
    with translation.override("de"):
        html = ConditionAnswerInput().render("body-0-value-condition-answer", "worker")
    assert 'name="body-0-value-condition-answer"' in html and 'value="worker"' in html
    assert 'data-controller="clearing-condition-answer"' in html
    assert "Nichterwerbstätig" in html and "keine Option dieses Feldes" in html


@pytest.mark.parametrize("value", ["Arbeitnehmer/in", ["worker", "Arbeitnehmer"]])
def test_a_file_whose_condition_value_is_no_option_is_refused(tmp_path, value):
    document = copy.deepcopy(QUESTIONNAIRE)
    condition = document["sections"][1]["items"][1]["condition"]
    condition.update(value=value, op="one_of" if isinstance(value, list) else "equals")
    with translation.override("de"), pytest.raises(DefinitionError) as error:
        load_directory(write_definitions(tmp_path / "defs", questionnaires=[document]))
    unknown = value if isinstance(value, str) else value[1]
    assert error.value.problems == [
        f'probe.json: $.sections[1].items[1].condition.value: Unbekannter Wert "{unknown}"; '
        'möglich: "worker", "job_seeker", "non_active"'
    ]
