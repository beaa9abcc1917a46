"""One helper for all free text: NFC, no hidden characters, and the folded copy that search compares."""

import pytest
from django import forms
from django.utils import translation

from core.text import TextField, fold, hidden, normalise, without_hidden

pytestmark = pytest.mark.postgres

HIDDEN_MESSAGE = (
    "Der Text enthielt unsichtbare Zeichen (Steuerzeichen, Schreibrichtungszeichen oder Leerzeichen ohne Breite). "
    "Sie wurden entfernt; bitte prüfen Sie den Text."
)
BIDI_AND_ZERO_WIDTH = [
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *"\u200b\u200c\u200d\u2060\ufeff",
]


@pytest.mark.parametrize(
    "typed, searched",
    [
        ("Petruț", "petrut"),
        ("PETRUŢ", "petrut"),  # t with cedilla, as old keyboards type it
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Đurđević", "durdevic"),
        ("Søren Ærø", "soren aero"),
        ("Çağrı İnce", "cagri ince"),
        ("Nagy  Éva\u200b", "nagy eva"),
        ("Й", "и"),
        ("ℌans ㎒", "hans mhz"),  # compatibility letters that decompose to capitals
    ],
)
def test_fold_ignores_accents_case_and_hidden_characters(typed, searched):
    assert fold(typed) == searched


def test_normalise_composes_what_was_typed_in_parts():
    assert normalise("Petrut\u0326") == "Petruț" and len(normalise("Petrut\u0326")) == 6


@pytest.mark.parametrize("character", BIDI_AND_ZERO_WIDTH + ["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u00ad"])
def test_hidden_characters_are_found_and_removed(character):
    assert hidden(f"Ana{character}Pop") == [character]
    assert without_hidden(f"Ana{character}Pop") == "AnaPop"


def test_a_multi_line_text_keeps_its_line_breaks_and_a_single_line_gets_spaces():
    assert hidden("one\r\ntwo\tthree", multiline=True) == []
    assert without_hidden("one\r\ntwo", multiline=False) == "one  two"


class Names(forms.Form):
    name = TextField(max_length=20)
    note = TextField(max_length=100, multiline=True, required=False)


@pytest.mark.parametrize("character", BIDI_AND_ZERO_WIDTH + ["\x00", "\x01", "\t"])
def test_the_field_refuses_hidden_characters_in_german_and_shows_the_text_without_them(character):
    form = Names({"name": f"Popescu{character}Ana", "note": ""})
    with translation.override("de"):
        assert not form.is_valid()
        assert form.errors["name"] == [HIDDEN_MESSAGE]
    assert form["name"].value() in ("PopescuAna", "Popescu Ana")
    assert f'value="{form["name"].value()}"' in str(form["name"])


def test_the_field_stores_nfc_and_a_note_its_line_breaks():
    form = Names({"name": " Petrut\u0326 ", "note": "erste Zeile\r\nzweite Zeile"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Petruț", "note": "erste Zeile\r\nzweite Zeile"}


def test_a_null_byte_gets_one_message_not_two():
    form = Names({"name": "Ana\x00", "note": "x\x00"})
    assert not form.is_valid()
    assert len(form.errors["name"]) == 1 and len(form.errors["note"]) == 1


def test_ten_kilobytes_are_refused_by_length():
    form = Names({"name": "A" * 10_000})
    with translation.override("de"):
        assert not form.is_valid()
        assert "höchstens 20 Zeichen" in form.errors["name"][0]
