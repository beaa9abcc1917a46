"""The answered-field index: a new set only inserts, an update writes only the keys that came or went."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaires.answers import answered_keys, save_answers
from questionnaires.entries import ENTRY_ID
from questionnaires.forms import QuestionnaireForm, post_data
from questionnaires.models import AnsweredField

pytestmark = pytest.mark.django_db

ANSWERS = {
    "surname": "Popescu",
    "birth_date": "1990-01-02",
    "nationalities": ["RO"],
    "stay_category": "worker",
    "employer_name": "Firma",
    "has_children": True,
    "children": [{"child_name": "Ana", "child_birth_date": "2015-03-04"}],
}


def save(definition, probe, answers, answer_set=None):
    form = QuestionnaireForm(definition, data=post_data(definition, answers), answers=(answer_set and answer_set.data))
    assert form.is_valid(), form.errors
    with CaptureQueriesContext(connection) as queries:
        answer_set = save_answers(form, questionnaire=probe, revision=probe.live_revision, answer_set=answer_set)
    index_writes = [q["sql"] for q in queries.captured_queries if "answeredfield" in q["sql"].lower()]
    return answer_set, index_writes


def index_of(answer_set):
    return set(AnsweredField.objects.filter(answer_set=answer_set).values_list("key", flat=True))


def test_a_new_set_only_inserts_its_index(probe, probe_definition):
    answer_set, writes = save(probe_definition, probe, ANSWERS)
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("INSERT")
    assert index_of(answer_set) == answered_keys(answer_set.data) >= {"children", "child_name", "child_birth_date"}


def test_a_changed_answer_that_stays_answered_writes_no_index_row(probe, probe_definition):
    answer_set, _ = save(probe_definition, probe, ANSWERS)
    answer_set, writes = save(probe_definition, probe, {**answer_set.data, "surname": "Ionescu"}, answer_set)
    assert writes == []
    assert answer_set.data["surname"] == "Ionescu"
    assert index_of(answer_set) == answered_keys(answer_set.data)


def test_added_and_removed_answers_write_only_their_keys(probe, probe_definition):
    answer_set, _ = save(probe_definition, probe, ANSWERS)
    # "email" comes, the children (and so their sub-fields) go, the employer goes with the category.
    changed = {**answer_set.data, "email": "ana@example.org", "has_children": False, "stay_category": "non_active"}
    changed["sufficient_means"] = True
    del changed["children"], changed["employer_name"]
    answer_set, writes = save(probe_definition, probe, changed, answer_set)
    assert [sql.lstrip().split()[0].upper() for sql in writes] == ["DELETE", "INSERT"]
    assert index_of(answer_set) == answered_keys(answer_set.data)
    assert not {"children", "child_name", "child_birth_date", "employer_name"} & index_of(answer_set)
    assert {"email", "sufficient_means"} <= index_of(answer_set)


def test_a_group_entry_gaining_and_losing_sub_fields_updates_the_index(probe, probe_definition):
    answer_set, _ = save(probe_definition, probe, {**ANSWERS, "children": [{"child_name": "Ana"}]})
    assert "child_birth_date" not in index_of(answer_set)
    children = [{**answer_set.data["children"][0], "child_birth_date": "2015-03-04"}]
    answer_set, writes = save(probe_definition, probe, {**answer_set.data, "children": children}, answer_set)
    assert [sql.lstrip().split()[0].upper() for sql in writes] == ["INSERT"]
    assert "child_birth_date" in index_of(answer_set)
    entry = {ENTRY_ID: answer_set.data["children"][0][ENTRY_ID], "child_name": "Ana"}
    answer_set, writes = save(probe_definition, probe, {**answer_set.data, "children": [entry]}, answer_set)
    assert [sql.lstrip().split()[0].upper() for sql in writes] == ["DELETE"]
    assert index_of(answer_set) == answered_keys(answer_set.data)
    assert "child_birth_date" not in index_of(answer_set) and "child_name" in index_of(answer_set)
