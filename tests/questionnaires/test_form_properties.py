"""Any payload gives either valid typed answers or field errors, never a server error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaires.forms import QuestionnaireForm

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
        value = self.get(key, default)
        return value if isinstance(value, list) else ([] if value is None else [value])

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[-1] if isinstance(value, list) and value else value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=PAYLOADS)
def test_any_payload_is_answers_or_field_errors(probe_definition, payload):
    form = QuestionnaireForm(probe_definition, data=QueryDict(payload))
    if form.is_valid():
        answers = form.answers()
        json.dumps(answers)
        assert set(answers) <= {item["key"] for s in probe_definition["sections"] for item in s["items"]}
        if "hours_per_week" in answers:
            assert 1 <= answers["hours_per_week"] <= 60
        again = QuestionnaireForm(probe_definition, answers=answers)
        assert again.render()
    else:
        group_errors = [f.errors for f in form.formsets["children"].forms] + [
            form.formsets["children"].non_form_errors()
        ]
        assert form.errors or any(group_errors)
    assert form.render()
