"""load_form_definitions on hostile or broken input: one line naming file and place, exit 1, nothing loaded."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from questionnaires.definition_files import DEFAULT_DIR, export_directory, load_directory
from questionnaires.models import CatalogueField, Questionnaire

from .definitions import CATALOGUE, QUESTIONNAIRE, write_definitions

pytestmark = pytest.mark.django_db


def state():
    return (
        CatalogueField.objects.count(),
        Questionnaire.objects.count(),
        Revision.objects.filter(content_type__model="questionnaire").count(),
    )


def refused(directory):
    """The command's lines after „Nothing was loaded:“; asserts that nothing was."""
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("load_form_definitions", str(directory), "--publish")
    assert error.value.returncode == 1
    lines = str(error.value).splitlines()
    assert lines[0] == "Nothing was loaded:"
    assert state() == before
    return lines[1:]


@pytest.fixture
def directory(tmp_path):
    return write_definitions(tmp_path / "defs", questionnaires=[QUESTIONNAIRE])


def test_a_file_that_is_not_utf8_names_line_and_column(directory):
    text = json.dumps(CATALOGUE, ensure_ascii=False, indent=2).replace("Familienname", "Familienstraße")
    (directory / "catalogue.json").write_bytes(text.encode("latin-1"))
    line = next(number for number, each in enumerate(text.splitlines(), 1) if "Familienstraße" in each)
    column = text.splitlines()[line - 1].index("ß") + 1
    assert refused(directory) == [
        f"catalogue.json: line {line}, column {column}: byte 0xDF is not UTF-8; save the file as UTF-8"
    ]


def test_deeply_nested_json_is_refused_without_a_traceback(directory):
    nested = "[" * 100_000 + "]" * 100_000
    (directory / "probe.json").write_text(f'{{"kind": "questionnaire",\n "slug": {nested}}}', encoding="utf-8")
    assert refused(directory) == ["probe.json: line 2, column 41: nested more than 32 levels deep"]


def test_a_number_of_5000_digits_is_refused_without_a_traceback(directory):
    probe = copy.deepcopy(QUESTIONNAIRE)
    probe["sections"][0]["items"][0]["max_length"] = 7
    text = json.dumps(probe).replace('"max_length": 7', '"max_length": ' + "9" * 5000)
    (directory / "probe.json").write_text(text, encoding="utf-8")
    column = text.index("9999") + 1
    assert refused(directory) == [f"probe.json: line 1, column {column}: a number of 5000 characters; at most 20"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e999"])
def test_numbers_json_cannot_hold_are_refused(directory, number):
    probe = copy.deepcopy(QUESTIONNAIRE)
    (directory / "probe.json").write_text(json.dumps(probe).replace('"min": 1', f'"min": {number}'), encoding="utf-8")
    problems = refused(directory)
    assert len(problems) == 1 and problems[0].startswith("probe.json: "), problems
    assert ("is not a JSON number" in problems[0]) != (number == "1e999")
    if number == "1e999":
        assert problems == ["probe.json: $.sections[1].items[2].min: the number is too large"]


@pytest.mark.parametrize(
    "character, described",
    [
        ("\u0000", "the hidden character U+0000"),
        ("\u001b", "the hidden character U+001B"),
        ("\u202e", "the bidirectional control U+202E"),
        ("\u200b", "the hidden character U+200B"),
        ("\ud800", "the hidden character U+D800"),
    ],
)
def test_control_characters_in_a_label_are_refused_with_file_and_path(directory, character, described):
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["fields"][2]["options"][1]["label"]["de"] = f"Arbeit{character}suchend"
    (directory / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    assert refused(directory) == [
        f"catalogue.json: $.fields[2].options[1].label.de: the text contains {described}; remove it"
    ]


def test_line_breaks_and_tabs_in_a_help_text_load(directory):
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["fields"][0]["help_text"] = {"de": "Wie im Pass.\r\n\tOhne Titel."}
    write_definitions(directory, catalogue, [QUESTIONNAIRE])
    load_directory(directory)
    assert CatalogueField.objects.get(key="surname").help_de == "Wie im Pass.\r\n\tOhne Titel."


def test_a_key_twice_in_one_object_is_refused_not_the_last_taken(directory):
    text = json.dumps(CATALOGUE, ensure_ascii=False).replace(
        '"label": {"de": "Familienname",', '"label": {"de": "Nachname", "de": "Familienname",', 1
    )
    (directory / "catalogue.json").write_text(text, encoding="utf-8")
    assert refused(directory) == ["catalogue.json: $.fields[0].label: the key “de” appears more than once"]


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_path_that_is_no_directory_is_refused(tmp_path, make):
    path = tmp_path / "form_definitions"
    if make == "file":
        path.write_text("{}", encoding="utf-8")
    reason = "is a file, not a directory" if make == "file" else "does not exist"
    assert refused(path) == [f"{path}: {reason}"]


def test_an_empty_directory_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    assert refused(tmp_path / "empty") == [f"{tmp_path / 'empty'}: holds no definition files (*.json)"]


def test_the_command_exits_with_1_and_one_line_per_problem(tmp_path):
    missing = tmp_path / "nowhere"
    result = subprocess.run(
        [sys.executable, "manage.py", "load_form_definitions", str(missing)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["CommandError: Nothing was loaded:", f"{missing}: does not exist"]
    assert "Nothing changed" not in result.stdout


def second_catalogue(directory, entry):
    (directory / "more_fields.json").write_text(
        json.dumps({"kind": "catalogue", "fields": [entry]}, ensure_ascii=False), encoding="utf-8"
    )


def test_one_key_in_two_catalogue_files_with_different_content_is_refused_naming_both(directory):
    surname = copy.deepcopy(CATALOGUE["fields"][0])
    surname["label"]["de"] = "Nachname"
    second_catalogue(directory, surname)
    assert refused(directory) == [
        "catalogue.json: $.fields[0].key: “surname” is also in more_fields.json ($.fields[0]) with different content"
    ]


def test_one_key_in_two_catalogue_files_with_the_same_content_loads(directory):
    second_catalogue(directory, copy.deepcopy(CATALOGUE["fields"][0]))
    report = load_directory(directory)
    assert (report.created_fields + report.updated_fields).count("surname") <= 1
    assert CatalogueField.objects.get(key="surname").label_de == "Familienname"


def test_a_schema_file_in_the_directory_does_not_replace_the_shipped_schema(directory):
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["fields"][0]["colour"] = "red"
    write_definitions(directory, catalogue, [QUESTIONNAIRE])
    (directory / "schema.json").write_text("{}", encoding="utf-8")
    assert refused(directory) == [
        "catalogue.json: $.fields[0]: Additional properties are not allowed ('colour' was unexpected)"
    ]


def test_exporting_the_shipped_defaults_after_an_admin_save_reproduces_the_files_byte_for_byte(tmp_path):
    """The admin's number blocks hold 0.0 where the file says 0; the export writes 0 again."""
    load_directory(publish=True)
    body_block = Questionnaire._meta.get_field("body").stream_block
    for questionnaire in Questionnaire.objects.all():
        questionnaire.body = body_block.clean(body_block.to_python(questionnaire.body.get_prep_value()))
        questionnaire.save_revision().publish()
    assert 0.0 in [
        item["value"]["min"]
        for section in Questionnaire.objects.get(slug="erstgespraech").body.get_prep_value()
        for item in section["value"]["items"]
        if item["type"] == "question"
    ]
    export_directory(tmp_path / "out")
    for path in sorted(DEFAULT_DIR.glob("*.json")):
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes(), path.name
    assert sorted(p.name for p in Path(tmp_path / "out").glob("*.json")) == sorted(
        p.name for p in DEFAULT_DIR.glob("*.json")
    )


def test_an_export_writes_languages_in_the_shipped_order_whatever_order_the_admin_added_them(tmp_path):
    load_directory(publish=True)
    field = CatalogueField.objects.get(key="interview_language")
    field.translations = list(reversed([{"type": t.block_type, "value": t.value} for t in field.translations]))
    field.save()
    stay = CatalogueField.objects.get(key="sex")
    options = stay.options.get_prep_value()
    for option in options:
        option["value"]["translations"].reverse()
    stay.options = options
    stay.save()
    export_directory(tmp_path / "out")
    assert (tmp_path / "out" / "catalogue.json").read_bytes() == (DEFAULT_DIR / "catalogue.json").read_bytes()


def test_a_raw_nul_byte_inside_a_string_names_line_and_column(directory):
    text = json.dumps(CATALOGUE, ensure_ascii=False, indent=2).replace("Familienname", "Familien\x00name")
    (directory / "catalogue.json").write_text(text, encoding="utf-8")
    line = next(number for number, each in enumerate(text.splitlines(), 1) if "\x00" in each)
    column = text.splitlines()[line - 1].index("\x00") + 1
    assert refused(directory) == [f"catalogue.json: line {line}, column {column}: Invalid control character at"]
