"""``form.as_draft()`` is the draft a second build of the same data would be, without that build."""

import copy
from unittest import mock

import pytest
from django import forms
from django.forms.formsets import ManagementForm
from django.http import QueryDict

from questionnaires.entries import ENTRY_ID, stored_id
from questionnaires.field_types import FormFieldBuilder
from questionnaires.forms import QuestionnaireForm, post_data

pytestmark = pytest.mark.django_db

ON_FILE = {
    "surname": "Popescu",
    "birth_date": "1990-01-02",
    "nationalities": ["RO"],
    "email": "ana@example.org",
    "new_address": {"street": "Hauptstr.", "number": "1", "floor": "", "postcode": "10115", "town": "Berlin"},
    "stay_category": "worker",
    "employer_name": "Firma",
    "hours_per_week": 40,
    "topics": ["housing"],
    "has_children": True,
    "children": [
        {ENTRY_ID: "a1", "child_name": "Ana", "child_birth_date": "2015-06-30"},
        {ENTRY_ID: "b2", "child_name": "Radu", "child_birth_date": "2018-01-02"},
    ],
}
NEW_CHILD = {"child_name": "Ioana", "child_birth_date": "2020-03-04"}


def strict(definition):
    """The probe with a required address (every part but the floor required) and required ticks (topics)."""
    definition = copy.deepcopy(definition)
    for section in definition["sections"]:
        for item in section["items"]:
            if item["key"] in ("new_address", "topics"):
                item["required"] = True
    return definition


def posted(definition, answers, **changes):
    """What the page posts for ``answers``, then ``changes`` (None: the input is not posted at all)."""
    data = {**post_data(definition, answers), **changes}
    query = QueryDict(mutable=True)
    for name, value in data.items():
        if value is not None:
            query.setlist(name, value if isinstance(value, list) else [value])
    return query


def new_rows(definition, entries, **changes):
    """The children posted as rows the page added (no entry id yet)."""
    data = post_data(definition, {**ON_FILE, "children": entries})
    return {**{name: None for name in data if name.endswith(f"-{ENTRY_ID}")}, **changes}


CASES = {
    "valid": lambda d: posted(d, ON_FILE),
    "nothing posted": lambda d: QueryDict(mutable=True),
    "required answers left empty": lambda d: posted(d, ON_FILE, surname="", birth_date=""),
    "invalid email over a stored one": lambda d: posted(d, ON_FILE, email="nicht-mail"),
    "number out of range over a stored one": lambda d: posted(d, ON_FILE, hours_per_week="99"),
    "required ticks left unticked": lambda d: posted(d, ON_FILE, topics=None),
    "address partly typed": lambda d: posted(
        d, ON_FILE, new_address_0="Nebenweg", new_address_1="", new_address_3="", new_address_4=""
    ),
    "address partly typed, none on file": lambda d: posted(
        d, {**ON_FILE, "new_address": None}, new_address_0="Nebenweg"
    ),
    "a hidden question posted": lambda d: posted(d, ON_FILE, stay_category="job_seeker", employer_name="Weg"),
    "a hidden section's question": lambda d: posted(d, ON_FILE, stay_category="non_active", sufficient_means=""),
    "required_if newly holding": lambda d: posted(d, ON_FILE, topics=["debts"], notes=""),
    "group hidden, rows posted": lambda d: posted(d, ON_FILE, has_children="no"),
    "new rows": lambda d: posted(
        d,
        {**ON_FILE, "children": [*ON_FILE["children"], NEW_CHILD, NEW_CHILD]},
        **{"children-2-_id": None, "children-3-_id": ""},
    ),
    "new rows only, one without its required name": lambda d: posted(
        d,
        {**ON_FILE, "children": [NEW_CHILD, {"child_birth_date": "2021-01-01"}]},
        **new_rows(d, [NEW_CHILD, {}]),
    ),
    "an entry's invalid date over a stored one": lambda d: posted(d, ON_FILE, **{"children-1-child_birth_date": "x"}),
    "an entry deleted": lambda d: posted(d, ON_FILE, **{"children-0-DELETE": "on"}),
    "the same entry id twice": lambda d: posted(d, ON_FILE, **{"children-1-_id": "a1"}),
    "more entries than allowed": lambda d: posted(d, {**ON_FILE, "children": [*ON_FILE["children"], *[NEW_CHILD] * 5]}),
}


def errors(form):
    """Every message the form holds, its groups' included."""
    found = {key: list(messages) for key, messages in form.errors.items()}
    for key, formset in form.formsets.items():
        if key in form.visible:
            found[key] = ([dict(entry.errors) for entry in formset.forms], list(formset.non_form_errors()))
    return found


def entry_ids(data):
    return {name: data.getlist(name) for name in data if name.endswith(f"-{ENTRY_ID}")}


@pytest.mark.parametrize("strictness", ["probe", "strict"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_draft_of_a_validated_form_is_what_a_second_build_would_be(probe_definition, case, strictness):
    definition = strict(probe_definition) if strictness == "strict" else probe_definition
    form = QuestionnaireForm(definition, data=CASES[case](definition), answers=ON_FILE, prefix=None)
    form.is_valid()
    shown = (errors(form), form.answers(), entry_ids(form.data))

    twin = form.as_draft()
    second = QuestionnaireForm(definition, data=form.data, answers=ON_FILE, draft=True)
    assert twin.is_valid() == second.is_valid()
    assert twin.answers() == second.answers()
    assert errors(twin) == errors(second)
    assert entry_ids(twin.data) == entry_ids(second.data) == entry_ids(form.data)
    assert twin.section_index() == second.section_index()
    # The complete form the page shows is left as it was.
    assert (errors(form), form.answers(), entry_ids(form.data)) == shown


def test_what_a_draft_lets_pass_passes_in_the_draft(probe_definition):
    definition = strict(probe_definition)
    form = QuestionnaireForm(definition, data=posted(definition, ON_FILE, topics=None, surname=""), answers=ON_FILE)
    assert not form.is_valid()
    assert {"topics", "surname"} <= set(form.errors)
    twin = form.as_draft()
    assert twin.is_valid(), twin.errors
    assert "topics" not in twin.answers() and "surname" not in twin.answers()
    assert twin.answers()["email"] == ON_FILE["email"]


def test_a_new_row_keeps_in_the_draft_the_id_the_complete_form_gave_it(probe_definition):
    entries = [*ON_FILE["children"], NEW_CHILD]
    data = posted(probe_definition, {**ON_FILE, "children": entries, "surname": ""}, **{"children-2-_id": None})
    form = QuestionnaireForm(probe_definition, data=data, answers=ON_FILE)
    assert not form.is_valid()
    twin = form.as_draft()
    twin.is_valid()
    given = form.data["children-2-_id"]
    assert given and twin.data["children-2-_id"] == given
    assert twin.answers()["children"][-1][ENTRY_ID] == stored_id(given)


@pytest.fixture
def cleanings(monkeypatch):
    """The field objects cleaned (``Form._clean_fields`` cleans each bound field through this).

    Not those of a formset's management form (its counts, read again by every formset)."""
    cleaned = []
    original = forms.Field._clean_bound_field

    def counted(field, bound_field):
        if not isinstance(bound_field.form, ManagementForm):
            cleaned.append(field)
        return original(field, bound_field)

    monkeypatch.setattr(forms.Field, "_clean_bound_field", counted)
    return cleaned


def test_the_draft_builds_no_field_and_cleans_only_fields_whose_required_differs(probe_definition, cleanings):
    definition = strict(probe_definition)
    data = posted(definition, {**ON_FILE, "surname": "", "children": [*ON_FILE["children"], NEW_CHILD]}, email="x")
    form = QuestionnaireForm(definition, data=data, answers=ON_FILE)
    assert not form.is_valid()
    cleanings.clear()
    with mock.patch.object(FormFieldBuilder, "build", side_effect=AssertionError("a field built again")):
        twin = form.as_draft()
        twin.is_valid()
    required_in_complete = [key for key, field in form.fields.items() if field.required]
    assert {"surname", "topics", "new_address"} <= set(required_in_complete)
    expected = [twin.fields[key] for key in required_in_complete]
    for formset in twin.formsets.values():
        for entry, source in zip(formset.forms, formset.twin_of.forms, strict=True):
            expected += [entry.fields[key] for key, field in source.fields.items() if field.required]
    assert len(cleanings) == len(expected)
    assert {id(field) for field in cleanings} == {id(field) for field in expected}
