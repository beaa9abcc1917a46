"""The demo's answers: valid against the real form, realistic where hinted, never a copy of the form's rules."""

import copy
import random
from unittest import mock

import pytest
from django.utils import timezone

from demo import facts
from demo.answers import HINTS, AnswerMaker
from demo.people import People
from questionnaires.api import published
from questionnaires.entries import with_entry_ids
from questionnaires.forms import QuestionnaireForm, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition(bootstrapped):
    return published("erstgespraech").definition


def people(seed, n):
    return People(random.Random(seed), n)


def interview_day(offset):
    return timezone.localdate() - timezone.timedelta(days=offset)


def test_five_hundred_generated_interviews_pass_the_real_form(definition):
    town = people(20261201, 500)
    maker = AnswerMaker(definition, town)
    checked = 0
    for index in range(500):
        person = town.person(interview_day(index % 300))
        answers = with_entry_ids(maker.answers(person))
        # The date rules are relative to the interview day, as on that day.
        with mock.patch("django.utils.timezone.localdate", return_value=person.today):
            form = QuestionnaireForm(definition, data=post_data(definition, answers))
            valid = form.is_valid()
        groups = {key: [f.errors for f in formset] for key, formset in form.formsets.items() if key in form.visible}
        assert valid, (index, form.errors, groups)
        assert form.answers() == answers, index
        checked += 1
    assert checked == 500


def test_every_hint_names_a_fact_that_exists(definition):
    person = people(1, 10).person(timezone.localdate())
    makers = facts.Facts(people(1, 10))
    for key, hint in HINTS.items():
        if "fact" in hint:
            makers.of(hint["fact"], person)  # raises KeyError for a fact nobody wrote
        assert 0 < hint.get("answered", 1) <= 1, key


def test_a_rule_an_administrator_adds_is_asked_of_the_form_not_copied(definition):
    """Surnames are longer than three letters; with max_length 3 the form refuses them and the demo follows."""
    narrowed = copy.deepcopy(definition)
    surname = next(item for s in narrowed["sections"] for item in s["items"] if item["key"] == "surname")
    surname["max_length"] = 3
    maker = AnswerMaker(narrowed, people(5, 20))
    for _ in range(20):
        answers = maker.answers(maker.people.person(timezone.localdate()))
        assert 1 <= len(answers["surname"]) <= 3


def test_a_question_without_a_hint_is_answered_by_its_type(definition):
    added = copy.deepcopy(definition)
    added["sections"][0]["items"].append(
        {"key": "shoe_size", "type": "number", "label": {"de": "Schuhgröße"}, "required": True, "min": 35, "max": 48}
    )
    maker = AnswerMaker(added, people(9, 20))
    sizes = {maker.answers(maker.people.person(timezone.localdate()))["shoe_size"] for _ in range(20)}
    assert sizes and all(35 <= size <= 48 for size in sizes)
