"""form_definitions/: schema, loading (idempotent, all or nothing), export round trip."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from jsonschema import Draft202012Validator
from wagtail.models import Revision

from questionnaires.answers import save_answers
from questionnaires.definition import sections_to_body
from questionnaires.definition_files import DEFAULT_DIR, DefinitionError, export_directory, load_directory
from questionnaires.forms import MAX_GROUP_ENTRIES, QuestionnaireForm
from questionnaires.models import CatalogueField, Questionnaire

from .definitions import CATALOGUE, QUESTIONNAIRE, write_definitions

pytestmark = pytest.mark.django_db

SHIPPED = sorted(path.name for path in DEFAULT_DIR.glob("*.json") if path.name != "schema.json")
SCHEMA = json.loads((DEFAULT_DIR / "schema.json").read_text(encoding="utf-8"))


def questionnaire_revisions():
    return Revision.objects.filter(content_type__model="questionnaire").count()


def test_the_shipped_files_are_the_expected_ones():
    assert SHIPPED == ["beratung.json", "catalogue.json", "erstgespraech.json", "freizuegigkeit.json"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_file_matches_the_schema(name):
    document = json.loads((DEFAULT_DIR / name).read_text(encoding="utf-8"))
    assert list(Draft202012Validator(SCHEMA).iter_errors(document)) == []


@pytest.mark.parametrize("name", [name for name in SHIPPED if name != "catalogue.json"])
def test_every_shipped_questionnaire_loads_publishes_and_builds_a_form(name):
    load_directory(publish=True)
    slug = json.loads((DEFAULT_DIR / name).read_text(encoding="utf-8"))["slug"]
    questionnaire = Questionnaire.objects.get(slug=slug)
    assert questionnaire.live and questionnaire.live_revision is not None
    compiled = questionnaire.live_revision.content["compiled"]
    expected_keys = {
        item["field"]
        for section in json.loads((DEFAULT_DIR / name).read_text(encoding="utf-8"))["sections"]
        for item in section["items"]
    }
    assert {item["key"] for section in compiled["sections"] for item in section["items"]} == expected_keys
    form = QuestionnaireForm(compiled)
    assert "clearing-section" in form.render()


def test_erstgespraech_has_sections_a_to_g_in_german_and_english():
    load_directory(publish=True)
    compiled = Questionnaire.objects.get(slug="erstgespraech").compiled
    titles = [section["title"]["de"][:2] for section in compiled["sections"]]
    assert titles == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert all(section["title"]["en"] for section in compiled["sections"])


def test_loading_twice_changes_nothing():
    load_directory(publish=True)
    revisions = questionnaire_revisions()
    report = load_directory(publish=True)
    assert questionnaire_revisions() == revisions
    assert report.created_fields == report.updated_fields == report.new_revisions == []


def test_a_changed_file_becomes_a_draft_or_is_published_when_asked(tmp_path):
    load_directory(write_definitions(tmp_path / "v1", questionnaires=[QUESTIONNAIRE]), publish=True)
    changed = copy.deepcopy(QUESTIONNAIRE)
    changed["title"]["de"] = "Probe, neue Fassung"
    directory = write_definitions(tmp_path / "v2", questionnaires=[changed])

    report = load_directory(directory)
    probe = Questionnaire.objects.get(slug="probe")
    assert report.new_revisions == ["probe"] and report.published == []
    assert probe.title_de == "Probe" and probe.has_unpublished_changes
    assert probe.get_latest_revision_as_object().title_de == "Probe, neue Fassung"

    report = load_directory(directory, publish=True)
    probe.refresh_from_db()
    assert report.published == ["probe"] and probe.title_de == "Probe, neue Fassung"
    assert not probe.has_unpublished_changes


def test_export_then_load_is_lossless(tmp_path):
    load_directory(publish=True)
    first = tmp_path / "first"
    export_directory(first)
    revisions = questionnaire_revisions()

    report = load_directory(first, publish=True)
    assert questionnaire_revisions() == revisions
    assert report.updated_fields == report.new_revisions == []

    second = tmp_path / "second"
    export_directory(second)
    for path in sorted(first.glob("*.json")):
        assert path.read_text(encoding="utf-8") == (second / path.name).read_text(encoding="utf-8"), path.name
    for name in SHIPPED:
        shipped = json.loads((DEFAULT_DIR / name).read_text(encoding="utf-8"))
        exported = json.loads((first / name).read_text(encoding="utf-8"))
        if name == "catalogue.json":
            by_key = {entry["key"]: entry for entry in exported["fields"]}
            for entry in shipped["fields"]:
                assert by_key[entry["key"]] == {"options": [], "public": False, **entry}, entry["key"]
        else:
            assert exported == shipped, name


def broken(tmp_path, mutate):
    catalogue = copy.deepcopy(CATALOGUE)
    questionnaire = copy.deepcopy(QUESTIONNAIRE)
    mutate(catalogue, questionnaire)
    return write_definitions(tmp_path / "broken", catalogue, [questionnaire])


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (
            lambda c, q: c["fields"][0].update(type="slider"),
            "catalogue.json: $.fields[0].type: 'slider' is not one of",
        ),
        (
            lambda c, q: q["sections"][1]["items"][1]["condition"].update(field="hours_per_week"),
            "probe.json: $.sections[1].items[1].condition.field: Die Bedingung verweist auf „hours_per_week“, "
            "das erst später abgefragt wird",
        ),
        (
            lambda c, q: c["fields"][2].update(options=[]),
            "catalogue.json: $.fields[2].options: [] should be non-empty",
        ),
        (
            lambda c, q: q["sections"][0]["items"].append({"field": "no_such_field"}),
            "probe.json: $.sections[0].items[5].field: „no_such_field“ steht nicht im Feldkatalog.",
        ),
    ],
)
def test_a_bad_file_names_file_and_path_and_loads_nothing(tmp_path, mutate, expected):
    before = (CatalogueField.objects.count(), Questionnaire.objects.count(), questionnaire_revisions())
    with pytest.raises(DefinitionError) as error:
        load_directory(broken(tmp_path, mutate), publish=True)
    assert any(problem.startswith(expected) for problem in error.value.problems), error.value.problems
    assert (CatalogueField.objects.count(), Questionnaire.objects.count(), questionnaire_revisions()) == before


def test_invalid_json_names_file_line_and_column(tmp_path):
    directory = write_definitions(tmp_path / "defs", questionnaires=[QUESTIONNAIRE])
    (directory / "probe.json").write_text('{"kind": "questionnaire",\n  "slug": }')
    before = CatalogueField.objects.count()
    with pytest.raises(CommandError, match=r"Nothing was loaded:\nprobe.json: line 2, column 11: Expecting value"):
        call_command("load_form_definitions", str(directory))
    assert CatalogueField.objects.count() == before


def test_retyping_a_field_that_answers_hold_is_refused_and_nothing_changes(tmp_path, probe, probe_definition):
    form = QuestionnaireForm(
        probe_definition,
        data={"surname": "Nagy", "birth_date": "1980-01-01", "nationalities": ["HU"], "stay_category": "job_seeker"},
    )
    assert form.is_valid(), form.errors
    save_answers(form, questionnaire=probe, revision=probe.live_revision)
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["fields"][0]["type"] = "long_text"
    catalogue["fields"][1]["label"]["de"] = "Geburtstag"
    with pytest.raises(DefinitionError, match="„surname“|“surname”"):
        load_directory(write_definitions(tmp_path / "retyped", catalogue, [QUESTIONNAIRE]))
    assert CatalogueField.objects.get(key="surname").field_type == "text"
    assert CatalogueField.objects.get(key="birth_date").label_de == "Geburtsdatum"


def test_bootstrap_loads_only_what_is_missing():
    call_command("bootstrap")
    field = CatalogueField.objects.get(key="surname")
    field.label_de = "Nachname (geändert)"
    field.save()
    revisions = questionnaire_revisions()
    call_command("bootstrap")
    assert CatalogueField.objects.get(key="surname").label_de == "Nachname (geändert)"
    assert questionnaire_revisions() == revisions
    assert Questionnaire.objects.filter(live=True).count() == 3


def test_export_command_writes_loadable_files(tmp_path, capsys):
    """What the command writes, loaded into an empty CMS, is everything again: exported once more, the same files."""
    load_directory(publish=True)
    fields = sorted(CatalogueField.objects.values_list("key", flat=True))
    questionnaires = sorted(Questionnaire.objects.filter(live=True).values_list("slug", flat=True))
    call_command("export_form_definitions", str(tmp_path / "out"))
    written = sorted(Path(tmp_path / "out").glob("*.json"))
    assert [p.name for p in written] == [
        "beratung.json",
        "catalogue.json",
        "erstgespraech.json",
        "freizuegigkeit.json",
        "schema.json",
    ]
    assert capsys.readouterr().out.count("wrote ") == len(written)

    Questionnaire.objects.all().delete()
    CatalogueField.objects.all().delete()
    load_directory(tmp_path / "out", publish=True)
    assert sorted(CatalogueField.objects.values_list("key", flat=True)) == fields
    assert sorted(Questionnaire.objects.filter(live=True).values_list("slug", flat=True)) == questionnaires
    call_command("export_form_definitions", str(tmp_path / "again"))
    for path in written:
        assert path.read_text(encoding="utf-8") == (tmp_path / "again" / path.name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (
            lambda c, q: c["fields"][0]["label"].update(de="x" * 256),
            "catalogue.json: $.fields[0].label.de: 'xxxx",
        ),
        (
            lambda c, q: q["sections"][0]["title"].update(de="x" * 256),
            "probe.json: $.sections[0].title.de: 'xxxx",
        ),
        (
            lambda c, q: c["fields"][2]["options"][1]["label"].update(hu="x" * 256),
            "catalogue.json: $.fields[2].options[1].label.hu: 'xxxx",
        ),
        (
            lambda c, q: q["sections"][1]["items"][4].update(max_items=31),
            "probe.json: $.sections[1].items[4].max_items: 31 is greater than the maximum of 30",
        ),
        (
            lambda c, q: q["sections"][1]["items"][4].update(min_items=31, max_items=None),
            "probe.json: $.sections[1].items[4].min_items: 31 is greater than the maximum of 30",
        ),
        (
            lambda c, q: q["title"].update(ro="Probă"),
            "probe.json: $.title: Additional properties are not allowed ('ro' was unexpected)",
        ),
        (
            # A section title may be in every content language (read along in the interview), no other.
            lambda c, q: q["sections"][0]["title"].update(ar="هوية"),
            "probe.json: $.sections[0].title: Additional properties are not allowed ('ar' was unexpected)",
        ),
        (
            lambda c, q: c["fields"][0].update(help_text={"de": "wie im Pass", "ro": "ca în pașaport"}),
            "catalogue.json: $.fields[0].help_text.ro: a help text needs a label in the same language",
        ),
    ],
)
def test_what_the_cms_cannot_hold_is_refused_with_file_and_path(tmp_path, mutate, expected):
    def without_nulls(c, q):
        mutate(c, q)
        for item in q["sections"][1]["items"]:
            for name in [name for name, value in item.items() if value is None]:
                del item[name]

    test_a_bad_file_names_file_and_path_and_loads_nothing(tmp_path, without_nulls, expected)


def test_the_schema_limits_groups_as_the_form_does():
    bounds = SCHEMA["$defs"]["item"]["properties"]
    assert bounds["min_items"]["maximum"] == bounds["max_items"]["maximum"] == MAX_GROUP_ENTRIES


def without_length_limits(node):
    """A schema without length limits, to reach the models' own checks behind it."""
    if isinstance(node, dict):
        return {key: without_length_limits(value) for key, value in node.items() if key != "maxLength"}
    if isinstance(node, list):
        return [without_length_limits(value) for value in node]
    return node


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda c, q: c["fields"][0]["label"].update(de="x" * 256), "catalogue.json: $.fields[0].label.de: "),
        (lambda c, q: c["fields"][0].update(legal_basis="x" * 256), "catalogue.json: $.fields[0].legal_basis: "),
        (lambda c, q: q["title"].update(en="x" * 256), "probe.json: $.title.en: "),
        (lambda c, q: q["sections"][2]["title"].update(de="x" * 256), "probe.json: $.sections[2].title.de: "),
        (lambda c, q: q["sections"][2].update(key="k" * 65), "probe.json: $.sections[2].key: "),
    ],
)
def test_what_the_models_refuse_names_file_and_path_and_the_command_loads_nothing(
    tmp_path, monkeypatch, mutate, expected
):
    directory = broken(tmp_path, mutate)
    monkeypatch.setattr("questionnaires.definition_files.shipped_schema", lambda: without_length_limits(SCHEMA))
    before = (CatalogueField.objects.count(), Questionnaire.objects.count(), questionnaire_revisions())
    with pytest.raises(CommandError) as error:
        call_command("load_form_definitions", str(directory), "--publish")
    lines = str(error.value).splitlines()
    assert lines[0] == "Nothing was loaded:"
    assert any(line.startswith(expected) and ("255" in line or "64" in line) for line in lines[1:]), lines
    assert (CatalogueField.objects.count(), Questionnaire.objects.count(), questionnaire_revisions()) == before


def test_a_required_group_is_refused(tmp_path):
    mutate = lambda c, q: q["sections"][1]["items"][4].update(required=True)  # noqa: E731
    with translation.override("en"), pytest.raises(DefinitionError) as error:
        load_directory(broken(tmp_path, mutate))
    assert error.value.problems == [
        "probe.json: $.sections[1].items[4].required: A repeatable group cannot be required; set “at least” instead."
    ]


def load_twice(directory):
    load_directory(directory, publish=True)
    revisions = questionnaire_revisions()
    report = load_directory(directory, publish=True)
    assert questionnaire_revisions() == revisions
    return report


def test_not_required_written_out_loads_twice_without_a_new_revision(tmp_path):
    questionnaire = copy.deepcopy(QUESTIONNAIRE)
    questionnaire["sections"][0]["items"][3]["required"] = False
    questionnaire["sections"][1]["items"][4]["fields"][1]["required"] = False
    report = load_twice(write_definitions(tmp_path / "defs", questionnaires=[questionnaire]))
    assert report.new_revisions == report.published == [] and report.unchanged == ["probe"]


def test_labels_and_help_texts_in_further_languages_load_twice_without_an_update(tmp_path):
    catalogue = copy.deepcopy(CATALOGUE)
    catalogue["fields"][0]["label"]["ro"] = "Nume de familie"
    catalogue["fields"][0]["help_text"] = {"de": "wie im Pass", "ro": "ca în pașaport"}
    catalogue["fields"][1]["help_text"] = {"de": "nur auf Deutsch"}
    report = load_twice(write_definitions(tmp_path / "defs", catalogue, [QUESTIONNAIRE]))
    assert report.created_fields == report.updated_fields == []
    assert CatalogueField.objects.get(key="surname").help_texts() == {"de": "wie im Pass", "ro": "ca în pașaport"}


def test_what_the_admin_accepts_exports_and_loads_back_unchanged(bootstrapped, tmp_path):
    """German-only help text and description, a pattern without a message, a message in one language."""
    email = CatalogueField(
        key="work_email",
        field_type="email",
        label_de="Dienstliche E-Mail",
        label_en="Work email",
        help_de="Nur die Adresse beim Arbeitgeber",
        translations=[{"type": "translation", "value": {"language": "ro", "label": "E-mail", "help_text": "doar"}}],
        purpose="Kontakt",
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
        retention="intake",
    )
    email.full_clean()
    email.save()
    sections = [
        {
            "key": "contact",
            "title": {"de": "Kontakt", "en": "Contact"},
            "items": [
                {"field": "work_email", "pattern": r".*@example\.org"},
                {"field": "surname", "pattern": "[A-Z].*", "pattern_message": {"en": "Start with a capital."}},
            ],
        }
    ]
    questionnaire = Questionnaire(
        slug="admin_built", title_de="Im Admin gebaut", title_en="Built in the admin", description_de="Nur deutsch"
    )
    questionnaire.body = sections_to_body(sections)
    Questionnaire._meta.get_field("body").stream_block.clean(questionnaire.body)  # as the admin's publish does
    questionnaire.save()
    questionnaire.save_revision().publish()

    first = tmp_path / "first"
    export_directory(first)
    exported = json.loads((first / "admin_built.json").read_text(encoding="utf-8"))
    assert exported["description"] == {"de": "Nur deutsch"} and exported["sections"] == sections
    report = load_twice(first)
    assert report.created_fields == report.updated_fields == report.new_revisions == []
    second = tmp_path / "second"
    export_directory(second)
    for path in sorted(first.glob("*.json")):
        assert path.read_text(encoding="utf-8") == (second / path.name).read_text(encoding="utf-8"), path.name
