"""A form does its work once: each answer is cleaned once, a group's formset class is made once."""

import collections

import pytest
from django import forms

from questionnaires.forms import QuestionnaireForm, post_data

pytestmark = pytest.mark.django_db

ANSWERS = {
    "surname": "Popescu",
    "birth_date": "1990-01-02",
    "nationalities": ["RO"],
    "email": "ana@example.org",
    "stay_category": "worker",
    "employer_name": "Firma",
    "hours_per_week": 40,
}


@pytest.fixture
def validations(monkeypatch):
    """How often each field object ran its validators (what cleaning a value ends in)."""
    counts = collections.Counter()
    original = forms.Field.run_validators

    def counted(field, value):
        counts[id(field)] += 1
        return original(field, value)

    monkeypatch.setattr(forms.Field, "run_validators", counted)
    return counts


def test_each_answer_is_cleaned_once_to_decide_visibility_and_validate(probe_definition, validations):
    form = QuestionnaireForm(probe_definition, data=post_data(probe_definition, ANSWERS))
    required_then = {key: bool(form.items[key].get("required")) for key in form.fields}
    assert form.is_valid(), form.errors
    for key, field in form.fields.items():
        if field.required == required_then[key]:
            # An empty address never reaches its validators: once at most, and once for every answer.
            assert validations[id(field)] == 1 if key in ANSWERS else validations[id(field)] <= 1, key
    # Hidden now, so no longer required: cleaned again under that rule, and then not refused.
    assert not form.fields["sufficient_means"].required
    assert "sufficient_means" not in form.errors


def test_an_invalid_answer_is_refused_with_its_error_from_the_one_cleaning(probe_definition, validations):
    form = QuestionnaireForm(probe_definition, data={**post_data(probe_definition, ANSWERS), "email": "nicht-mail"})
    assert not form.is_valid()
    assert list(form.errors) == ["email"]
    assert validations[id(form.fields["email"])] == 1


def test_a_newly_required_answer_is_cleaned_again_under_its_rule(probe_definition):
    data = post_data(probe_definition, {**ANSWERS, "topics": ["debts"]})
    form = QuestionnaireForm(probe_definition, data=data)
    assert not form.is_valid()
    assert form.errors["notes"] == ["Dieses Feld muss ausgefüllt werden."]


def test_a_groups_formset_class_is_made_once_per_kind_of_form(probe_definition):
    first, second = QuestionnaireForm(probe_definition), QuestionnaireForm(probe_definition)
    draft = QuestionnaireForm(probe_definition, data={}, draft=True)
    assert type(first.formsets["children"]) is type(second.formsets["children"])
    assert type(draft.formsets["children"]) is not type(first.formsets["children"])
    assert not draft.formsets["children"].validate_min and first.formsets["children"].validate_min
