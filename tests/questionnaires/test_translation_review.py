"""Translations not yet reviewed: kept with the catalogue, loaded and exported, shown and cleared in the admin."""

import copy
import json

import pytest
from django.urls import reverse

from questionnaires.definition_files import DefinitionError, export_directory, load_directory
from questionnaires.models import CatalogueField

from .definitions import CATALOGUE, QUESTIONNAIRE, write_definitions
from .test_admin import admin_client, edit_data  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def catalogue_with_unreviewed(**marks):
    catalogue = copy.deepcopy(CATALOGUE)
    surname = catalogue["fields"][0]
    surname["label"].update(ro="Nume de familie", bg="Фамилно име")
    surname.update(marks)
    return catalogue


def test_the_marker_loads_exports_and_loads_again_unchanged(bootstrapped, tmp_path):
    catalogue = catalogue_with_unreviewed(unreviewed_translations=["ro", "bg"])
    load_directory(write_definitions(tmp_path / "defs", catalogue, [QUESTIONNAIRE]), publish=True)
    assert CatalogueField.objects.get(key="surname").unreviewed_translations == ["ro", "bg"]
    export_directory(tmp_path / "out")
    exported = json.loads((tmp_path / "out" / "catalogue.json").read_text(encoding="utf-8"))
    surname = next(entry for entry in exported["fields"] if entry["key"] == "surname")
    assert surname["unreviewed_translations"] == ["ro", "bg"]
    assert list(surname).index("unreviewed_translations") == list(surname).index("label") + 1
    report = load_directory(write_definitions(tmp_path / "again", exported, [QUESTIONNAIRE]))
    assert report.updated_fields == []


@pytest.mark.parametrize("codes, named", [(["hu"], "hu"), (["de"], "de")])
def test_a_marker_for_a_language_without_a_label_is_refused_with_file_and_place(bootstrapped, tmp_path, codes, named):
    directory = write_definitions(
        tmp_path / "defs", catalogue_with_unreviewed(unreviewed_translations=codes), [QUESTIONNAIRE]
    )
    with pytest.raises(DefinitionError) as refused:
        load_directory(directory)
    assert refused.value.problems == [
        f"catalogue.json: $.fields[0].unreviewed_translations: “{named}” is not a further language "
        "this field has a label in"
    ]


def test_the_catalogue_lists_and_filters_unreviewed_translations_and_an_administrator_clears_them(admin_client):  # noqa: F811
    load_directory(publish=True)
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:list")
    page = admin_client.get(url).content.decode()
    assert "Übersetzung ungeprüft" in page and "ro, bg, pl, hu, hr" in page
    marked = set(CatalogueField.objects.exclude(unreviewed_translations=[]).values_list("key", flat=True))
    assert len(marked) == 41
    filtered = admin_client.get(url, {"unreviewed": "ro", "ordering": "key"}).context
    assert filtered["page_obj"].paginator.count == len(marked)
    assert {field.key for field in filtered["object_list"]} <= marked
    everything = admin_client.get(url).context["page_obj"].paginator.count
    assert everything == CatalogueField.objects.count() > len(marked)

    field = CatalogueField.objects.get(key="work_site")
    translations = {
        "translations-count": "5",
        **{
            f"translations-{index}-{name}": value
            for index, translation in enumerate(field.translations)
            for name, value in {
                "type": "translation",
                "deleted": "",
                "order": str(index),
                "id": translation.id,
                "value-language": translation.value["language"],
                "value-label": translation.value["label"],
                "value-help_text": translation.value["help_text"],
            }.items()
        },
    }
    edit = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    response = admin_client.post(
        edit, edit_data(field, **translations, unreviewed_translations=["bg", "hr"]), follow=True
    )
    assert response.status_code == 200
    field.refresh_from_db()
    assert field.unreviewed_translations == ["bg", "hr"] and field.labels()["ro"] == "Locul efectiv de muncă"
    admin_client.post(edit, edit_data(field, **translations))
    field.refresh_from_db()
    assert field.unreviewed_translations == []
