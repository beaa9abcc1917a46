"""Any payload gives either valid typed answers or field errors, never a server error."""

import collections
import json
import random

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from demo.answers import AnswerMaker
from demo.people import People
from questionnaires.forms import QuestionnaireForm, post_data

pytestmark = pytest.mark.django_db

KEYS = [
    "surname",
    "birth_date",
    "nationalities",
    "email",
    "stay_category",
    "employer_name",
    "hours_per_week",
    "has_children",
    "topics",
    "notes",
    "sufficient_means",
    "new_address_0",
    "new_address_1",
    "new_address_2",
    "new_address_3",
    "new_address_4",
    "children-TOTAL_FORMS",
    "children-INITIAL_FORMS",
    "children-MIN_NUM_FORMS",
    "children-MAX_NUM_FORMS",
    "children-0-child_name",
    "children-0-child_birth_date",
    "children-1-child_name",
    "children-0-DELETE",
]
SCALARS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "worker",
            "job_seeker",
            "non_active",
            "yes",
            "no",
            "RO",
            "BG",
            "housing",
            "debts",
            "1990-01-01",
            "2999-12-31",
            "0",
            "-1",
            "60",
            "1e309",
            "nan",
            "2",
            "1000000",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4))
PAYLOADS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=len(KEYS))


class QueryDict(dict):
    """What Django hands a form: getlist for multi-valued keys."""

    def getlist(self, key, default=None):
        value = super().get(key, default)
        return value if isinstance(value, list) else ([] if value is None else [value])

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[-1] if isinstance(value, list) and value else value


def without_entry_ids(answers):
    return {
        key: [{k: v for k, v in entry.items() if k != "_id"} for entry in value] if key == "children" else value
        for key, value in answers.items()
    }


def valid_answer_sets(definition, count=40):
    """What the demo's invented people answer: valid by construction, so the valid branch is exercised."""
    town = People(random.Random(20261202), count)
    maker = AnswerMaker(definition, town)
    return [maker.answers(town.person(timezone.localdate())) for _ in range(count)]


def test_any_payload_is_answers_or_field_errors(probe_definition):
    answer_sets = valid_answer_sets(probe_definition)
    outcomes = collections.Counter()
    # A valid payload as it is, with some keys typed over, or any payload at all.
    payloads = st.one_of(
        st.tuples(st.sampled_from(range(len(answer_sets))), st.just({})),
        st.tuples(st.sampled_from(range(len(answer_sets))), PAYLOADS),
        st.tuples(st.none(), PAYLOADS),
    )

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(case=payloads)
    def check(case):
        index, overrides = case
        payload = {**post_data(probe_definition, answer_sets[index]), **overrides} if index is not None else overrides
        form = QuestionnaireForm(probe_definition, data=QueryDict(payload))
        if form.is_valid():
            outcomes["valid"] += 1
            answers = form.answers()
            json.dumps(answers)
            assert set(answers) <= {item["key"] for s in probe_definition["sections"] for item in s["items"]}
            if "hours_per_week" in answers:
                assert 1 <= answers["hours_per_week"] <= 60
            if index is not None and not overrides:
                # The demo writes entries without ids; the form names them by position (``p0``, …).
                assert without_entry_ids(answers) == answer_sets[index]
            again = QuestionnaireForm(probe_definition, answers=answers)
            assert again.render()
        else:
            outcomes["invalid"] += 1
            group_errors = [f.errors for f in form.formsets["children"].forms] + [
                form.formsets["children"].non_form_errors()
            ]
            assert form.errors or any(group_errors)
        assert form.render()

    check()
    assert outcomes["valid"] >= 20 and outcomes["invalid"] >= 20, outcomes
