"""The answered keys live in the answer set's row: a save writes one row, and the usage counts read them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from questionnaires.answers import answered_keys, save_answers
from questionnaires.entries import ENTRY_ID
from questionnaires.forms import QuestionnaireForm, post_data
from questionnaires.models import AnswerSet, Questionnaire
from questionnaires.usage import answer_counts, answer_sets_using, option_uses

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

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
    writes = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    return answer_set, [verb for verb in writes if verb in ("INSERT", "UPDATE", "DELETE")]


def stored(answer_set):
    return set(AnswerSet.objects.get(pk=answer_set.pk).answered)


def test_a_new_set_is_one_insert_and_holds_its_keys_with_the_groups_sub_fields(probe, probe_definition):
    answer_set, writes = save(probe_definition, probe, ANSWERS)
    assert writes == ["INSERT"]
    assert stored(answer_set) == answered_keys(answer_set.data) >= {"children", "child_name", "child_birth_date"}
    assert ENTRY_ID not in stored(answer_set)


def test_added_and_removed_answers_change_the_keys_in_one_update(probe, probe_definition):
    answer_set, _ = save(probe_definition, probe, ANSWERS)
    # "email" comes, the children (and so their sub-fields) go, the employer goes with the category.
    changed = {**answer_set.data, "email": "ana@example.org", "has_children": False, "stay_category": "non_active"}
    changed["sufficient_means"] = True
    del changed["children"], changed["employer_name"]
    answer_set, writes = save(probe_definition, probe, changed, answer_set)
    assert writes == ["UPDATE"]
    assert stored(answer_set) == answered_keys(answer_set.data)
    assert not {"children", "child_name", "child_birth_date", "employer_name"} & stored(answer_set)
    assert {"email", "sufficient_means"} <= stored(answer_set)


def test_a_group_entry_gaining_and_losing_a_sub_field_changes_the_keys(probe, probe_definition):
    answer_set, _ = save(probe_definition, probe, {**ANSWERS, "children": [{"child_name": "Ana"}]})
    assert "child_birth_date" not in stored(answer_set)
    children = [{**answer_set.data["children"][0], "child_birth_date": "2015-03-04"}]
    answer_set, _ = save(probe_definition, probe, {**answer_set.data, "children": children}, answer_set)
    assert "child_birth_date" in stored(answer_set)
    entry = {ENTRY_ID: answer_set.data["children"][0][ENTRY_ID], "child_name": "Ana"}
    answer_set, _ = save(probe_definition, probe, {**answer_set.data, "children": [entry]}, answer_set)
    assert "child_birth_date" not in stored(answer_set) and "child_name" in stored(answer_set)


def test_the_usage_counts_count_sets_holding_a_key_also_inside_groups_and_per_questionnaire(probe, probe_definition):
    save(probe_definition, probe, ANSWERS)
    save(probe_definition, probe, {**ANSWERS, "children": [{"child_name": "Ion"}]})
    save(probe_definition, probe, {**ANSWERS, "has_children": False, "children": []})
    other = Questionnaire.objects.exclude(pk=probe.pk).first()
    AnswerSet.objects.create(
        questionnaire=other, revision=probe.live_revision, data={"surname": "X"}, answered={"surname": True}
    )
    assert answer_sets_using("child_name") == 2
    assert answer_sets_using("child_birth_date") == 1
    assert answer_sets_using("surname") == 4
    assert answer_sets_using("nobody_answers_this") == 0
    assert answer_counts({"surname", "child_birth_date", "nobody_answers_this"}) == {
        "surname": 4,
        "child_birth_date": 1,
    }
    assert answer_counts({"surname", "child_name"}, probe) == {"surname": 3, "child_name": 2}
    assert answer_counts(set()) == {}
    assert option_uses("stay_category", {"worker", "non_active"}) == {"worker": 3}


def test_the_usage_counts_take_one_query(probe, probe_definition, django_assert_num_queries):
    for _ in range(3):
        save(probe_definition, probe, ANSWERS)
    with django_assert_num_queries(1):
        answer_counts({"surname", "child_name", "email", "employer_name"}, probe)


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_keys_from_their_table_into_the_row_and_back(probe, probe_definition):
    first, _ = save(probe_definition, probe, ANSWERS)
    second, _ = save(probe_definition, probe, {**ANSWERS, "children": [{"child_name": "Ion"}]})
    keys = {first.pk: answered_keys(first.data), second.pk: answered_keys(second.data)}
    executor = MigrationExecutor(connection)
    (row,) = [name for app, name in executor.loader.graph.nodes if app == "questionnaires" and name.startswith("0008")]
    (before,) = executor.loader.graph.node_map[("questionnaires", row)].parents
    try:
        executor.migrate([before.key])
        with connection.cursor() as cursor:
            cursor.execute("SELECT answer_set_id, key FROM questionnaires_answeredfield")
            rows = cursor.fetchall()
            assert {(pk, key) for pk, found in keys.items() for key in found} == set(rows)
            # What the old table says is what moves: one key less for the second set.
            cursor.execute(
                "DELETE FROM questionnaires_answeredfield WHERE answer_set_id = %s AND key = 'surname'", [second.pk]
            )
        executor = MigrationExecutor(connection)
        executor.migrate([("questionnaires", row)])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert stored(first) == keys[first.pk]
    assert stored(second) == keys[second.pk] - {"surname"}
    assert answer_sets_using("surname") == 1
