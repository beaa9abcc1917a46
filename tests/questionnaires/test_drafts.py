"""Drafts keep what is on file: invalid entries, and more entries than a group allows, are not stored."""

import pytest

from questionnaires.forms import QuestionnaireForm

from .test_form import VALID

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
ON_FILE = [
    {"_id": "a1", "child_name": "Ana", "child_birth_date": "2015-06-30"},
    {"_id": "b2", "child_name": "Radu", "child_birth_date": "2018-01-02"},
]


def children(count, **extra):
    data = {
        **{key: value for key, value in VALID.items() if not key.startswith("children-")},
        "children-TOTAL_FORMS": str(count),
        "children-INITIAL_FORMS": "2",
    }
    for index in range(count):
        data[f"children-{index}-child_name"] = f"Kind {index}"
    data.update(extra)
    return data


def draft(definition, data):
    form = QuestionnaireForm(definition, data=data, answers={**VALID_ANSWERS, "children": ON_FILE}, draft=True)
    form.is_valid()
    return form


VALID_ANSWERS = {"surname": "Țurcanu", "has_children": True}


def test_an_invalid_input_in_an_entry_keeps_the_stored_value_of_that_entry(probe_definition):
    form = draft(
        probe_definition,
        children(
            2,
            **{
                "children-0-_id": "a1",
                "children-0-child_name": "Ana Maria",
                "children-0-child_birth_date": "kein Datum",
                "children-1-_id": "b2",
            },
        ),
    )

    assert form.answers()["children"][0] == {"_id": "a1", "child_name": "Ana Maria", "child_birth_date": "2015-06-30"}
    errors = form.formsets["children"].forms[0].errors["child_birth_date"]
    assert errors[-1] == "Diese Eingabe wurde nicht gespeichert; gespeichert bleibt die bisherige Angabe: 30.06.2015"


@pytest.mark.parametrize("count", [7, 35])
def test_more_entries_than_allowed_are_refused_in_a_draft_too_and_stay_on_the_page(probe_definition, count):
    form = draft(probe_definition, children(count, **{"children-0-_id": "a1", "children-1-_id": "b2"}))

    assert form.answers()["children"] == ON_FILE  # the group allows 5: what is on file stays
    errors = form.formsets["children"].non_form_errors()
    assert "Diese Einträge wurden nicht gespeichert; die 2 bisher gespeicherten Einträge bleiben." in errors
    html = form.render()
    assert all(f'value="Kind {index}"' in html for index in range(count))  # nothing typed is lost


def test_too_many_new_entries_store_none(probe_definition):
    form = QuestionnaireForm(probe_definition, data={**children(6), "children-INITIAL_FORMS": "0"}, draft=True)
    form.is_valid()

    assert "children" not in form.answers()
    assert "Diese Einträge wurden nicht gespeichert." in form.formsets["children"].non_form_errors()


def test_entries_on_file_but_not_on_the_page_stay(probe_definition):
    """A page opened before a colleague added an entry never showed it; saving that page keeps it."""
    data = children(1, **{"children-0-_id": "a1", "children-0-child_name": "Ana"})
    form = draft(probe_definition, {**data, "children-INITIAL_FORMS": "1"})

    assert [entry["_id"] for entry in form.answers()["children"]] == ["a1", "b2"]


def test_a_new_entry_gets_its_id_on_the_page_it_is_saved_from(probe_definition):
    """Shown again (a draft with errors), the new entry carries the id it was stored under, marked as
    posted new: posting it again matches the stored entry, so there is no duplicate later."""
    form = draft(probe_definition, children(3, **{"children-0-_id": "a1", "children-1-_id": "b2"}))

    new = form.answers()["children"][2]
    assert new["child_name"] == "Kind 2" and new["_id"] not in ("a1", "b2")
    assert f'name="children-2-_id" value="n{new["_id"]}"' in form.render()
