"""Too few or too many entries of a group: the project's German words with the group's label, not Django's."""

import copy

import pytest
from django.utils import translation

from questionnaires.forms import QuestionnaireForm, post_data

pytestmark = pytest.mark.django_db


def children_errors(definition, count, **limits):
    definition = copy.deepcopy(definition)
    group = next(item for section in definition["sections"] for item in section["items"] if item["key"] == "children")
    group.update(limits)
    answers = {"has_children": True, "children": [{"child_name": f"Kind {n}"} for n in range(count)]}
    with translation.override("de"):
        form = QuestionnaireForm(definition, data=post_data(definition, answers))
        assert not form.is_valid()
        return list(form.formsets["children"].non_form_errors()), group


@pytest.mark.parametrize(
    "minimum, expected",
    [(1, "Bitte für „Kinder“ mindestens 1 Eintrag angeben."), (2, "Bitte für „Kinder“ mindestens 2 Einträge angeben.")],
)
def test_too_few_entries_name_the_group_and_the_number(probe_definition, minimum, expected):
    errors, _ = children_errors(probe_definition, minimum - 1, min_items=minimum)
    assert errors == [expected]


def test_too_many_entries_name_the_group_and_the_number(probe_definition):
    errors, group = children_errors(probe_definition, 6)
    assert group["max_items"] == 5
    # The second line says what became of the entries (none was stored before).
    assert errors == ["Bitte für „Kinder“ höchstens 5 Einträge angeben.", "Diese Einträge wurden nicht gespeichert."]


def test_a_percent_sign_in_the_label_is_shown_as_it_is(probe_definition):
    errors, _ = children_errors(probe_definition, 0, min_items=1, label={"de": "Kinder (100 %)", "en": "Children"})
    assert errors == ["Bitte für „Kinder (100 %)“ mindestens 1 Eintrag angeben."]
