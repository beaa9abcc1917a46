"""The section index's states and the read-along labels, decided by the engine (item 17)."""

import copy
import json

import pytest

from questionnaires.api import build_form, published
from questionnaires.definition_files import DEFAULT_DIR, load_directory
from questionnaires.progress import COMPLETE, MISSING, NOT_STARTED, section_states

from ..intake.test_cases import COMPLETE_INTERVIEW

pytestmark = pytest.mark.django_db
FURTHER = ["ro", "bg", "pl", "hu", "hr"]


@pytest.fixture
def definition(bootstrapped):
    load_directory(publish=True)  # the shipped files as they are now, also on a kept test database
    return published("erstgespraech").definition


def states_of(form):
    return {section["key"]: section["state"] for section in form.section_index() if not section["hidden"]}


def test_nothing_answered_is_not_started_and_a_hidden_section_has_no_state(definition):
    states = section_states(definition, {})
    assert set(states.values()) == {NOT_STARTED}
    form = build_form(definition, prefix="q")
    index = {section["key"]: section for section in form.section_index()}
    assert index["a_procedure"]["state"] == NOT_STARTED
    assert str(index["a_procedure"]["state_label"]) == "nicht begonnen"
    hidden = [section for section in definition["sections"] if section.get("condition")]
    for section in hidden:
        assert index[section["key"]]["hidden"] and index[section["key"]]["state"] == ""


def test_a_section_started_is_missing_answers_until_its_required_ones_are_given(definition):
    assert section_states(definition, {"interview_language": "ro"})["a_procedure"] == MISSING
    typed = {key: value for key, value in COMPLETE_INTERVIEW.items() if not key.startswith("q-surname")}
    form = build_form(definition, data=typed, prefix="q", draft=True)
    states = states_of(form)
    assert states["a_procedure"] == COMPLETE
    assert states["b_identity"] == MISSING  # the surname is required
    assert states_of(build_form(definition, data=COMPLETE_INTERVIEW, prefix="q", draft=True))["b_identity"] == COMPLETE


def test_a_typed_group_entry_counts_and_its_required_questions_are_asked(definition):
    data = {
        **COMPLETE_INTERVIEW,
        "q-household_members-TOTAL_FORMS": "1",
        "q-household_members-0-member_birth_date": "1992-03-04",
    }
    group_section = next(
        section["key"]
        for section in definition["sections"]
        if any(item["key"] == "household_members" for item in section["items"])
    )
    without = states_of(build_form(definition, data=COMPLETE_INTERVIEW, prefix="q", draft=True))
    with_entry = states_of(build_form(definition, data=data, prefix="q", draft=True))
    assert without[group_section] != MISSING
    assert with_entry[group_section] == MISSING  # the member's name is required
    removed = {**data, "q-household_members-0-DELETE": "on"}
    assert (
        states_of(build_form(definition, data=removed, prefix="q", draft=True))[group_section] == without[group_section]
    )


def test_questions_read_along_in_the_persons_language_and_german_only_where_it_has_none(definition):
    definition = copy.deepcopy(definition)
    surname = next(item for section in definition["sections"] for item in section["items"] if item["key"] == "surname")
    del surname["label"]["ro"]
    html = build_form(definition, prefix="q", read_along="ro").render()
    assert '<span class="clearing-read-along" lang="ro">Prenume</span>' in html
    assert '<span class="clearing-read-along" lang="ro">B. Identitate</span>' in html
    assert "Nume de familie" not in html and "Familienname" in html
    assert "ca în actul de identitate" in html  # the help text read along too
    for language in ("de", "ar", None):
        assert "clearing-read-along" not in build_form(definition, read_along=language).render()


def test_every_erstgespraech_question_and_section_has_its_label_in_the_further_languages(definition):
    items = [
        each
        for section in definition["sections"]
        for item in section["items"]
        for each in (item, *item.get("fields", []))
    ]
    assert len(items) == 74
    missing = [
        (item["key"], code)
        for item in items
        for code in FURTHER
        if not item["label"].get(code) or (item["help_text"].get("de") and not item["help_text"].get(code))
    ]
    missing += [
        (section["key"], code)
        for section in definition["sections"]
        for code in FURTHER
        if not section["title"].get(code)
    ]
    assert missing == []


def test_the_translations_added_here_are_marked_unreviewed_in_the_shipped_catalogue():
    catalogue = json.loads((DEFAULT_DIR / "catalogue.json").read_text(encoding="utf-8"))
    marked = {entry["key"] for entry in catalogue["fields"] if entry.get("unreviewed_translations") == FURTHER}
    assert len(marked) == 41 and {"stay_category", "document_serial_number", "health_notes"} <= marked
