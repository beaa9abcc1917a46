"""Country and language choices are built once per language and shared by every field, in that language."""

import pytest
from django import forms
from django.utils import translation

from questionnaires import api
from questionnaires.form_fields import blank_country_field_choices, country_field_choices

pytestmark = pytest.mark.django_db


def choices_of(form, key):
    return form.fields[key].choices


def names(choices):
    return {value: label for group, members in choices if isinstance(members, tuple | list) for value, label in members}


def test_every_country_field_of_every_form_shares_one_list(probe_definition):
    with translation.override("de"):
        first = api.build_form(probe_definition).fields["nationalities"]
        second = api.build_form(probe_definition).fields["nationalities"]
    assert first.choices is second.choices is first.widget.choices
    assert first.choices is country_field_choices()


def test_switching_language_gives_that_languages_names(probe_definition):
    with translation.override("de"):
        german = names(api.build_form(probe_definition).fields["nationalities"].choices)
        german_languages = dict(api.language_choices())
    with translation.override("en"):
        english = names(api.build_form(probe_definition).fields["nationalities"].choices)
        english_languages = dict(api.language_choices())
    with translation.override("de"):
        again = names(api.build_form(probe_definition).fields["nationalities"].choices)
    assert (german["HU"], english["HU"], again["HU"]) == ("Ungarn", "Hungary", "Ungarn")
    assert (german_languages["hu"], english_languages["hu"]) == ("Ungarisch", "Hungarian")


def test_languages_are_sorted_by_their_name_in_the_active_language():
    with translation.override("de"):
        german = [name for _code, name in api.language_choices()]
    with translation.override("en"):
        english = [name for _code, name in api.language_choices()]
    assert german == sorted(german) and english == sorted(english)
    assert german.index("Deutsch") < german.index("Englisch") and english.index("English") < english.index("German")


def test_a_shared_list_validates_and_renders_as_a_list_of_its_own_did():
    with translation.override("de"):
        field = forms.ChoiceField(choices=blank_country_field_choices())
        assert field.clean("HU") == "HU"
        assert 'value="HU"' in field.widget.render("x", "HU") and "Ungarn" in field.widget.render("x", "HU")
        with pytest.raises(forms.ValidationError):
            field.clean("XX")


def test_consumers_get_lists_of_their_own():
    mine = api.country_choices()
    mine[0][1].clear()
    mine.clear()
    assert api.country_choices()[0][1]
    languages = api.language_choices()
    languages.clear()
    assert api.language_choices()
