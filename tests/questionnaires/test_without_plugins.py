"""The engine is platform: with every plugin switched off its catalogue and questionnaires still work.

Without intake, nothing reads the interview's core keys, so they may go or change their type.
"""

import pytest

from ..core.test_plugins import ADMIN_SESSION, run_python

ENGINE_ALONE = (
    ADMIN_SESSION
    + """
import json, pathlib, shutil, tempfile
from django.conf import settings
from questionnaires.api import published
from questionnaires.definition_files import load_directory
from questionnaires.models import CatalogueField, Questionnaire

questionnaire = Questionnaire.objects.get(slug="erstgespraech")
field = CatalogueField.objects.get(key="surname")
pages = [
    client.get(f"/admin/snippets/questionnaires/questionnaire/edit/{questionnaire.pk}/").status_code,
    client.get(f"/admin/snippets/questionnaires/cataloguefield/edit/{field.pk}/").status_code,
]
folder = pathlib.Path(tempfile.mkdtemp())
for path in (settings.BASE_DIR / "form_definitions").glob("*.json"):
    shutil.copy(path, folder)
document = json.loads((folder / "erstgespraech.json").read_text())
document["title"]["de"] = "Erstgespräch (geändert)"
for section in document["sections"]:  # what intake reads may go when intake is off
    section["items"] = [item for item in section["items"] if item["field"] != "date_of_birth"]
catalogue = json.loads((folder / "catalogue.json").read_text())
next(entry for entry in catalogue["fields"] if entry["key"] == "date_of_birth")["type"] = "text"
(folder / "catalogue.json").write_text(json.dumps(catalogue, ensure_ascii=False))
(folder / "erstgespraech.json").write_text(json.dumps(document, ensure_ascii=False))
load_directory(folder, publish=True)
definition = published("erstgespraech").definition
keys = {item["key"] for section in definition["sections"] for item in section["items"]}
retyped = CatalogueField.objects.get(key="date_of_birth").field_type
print(*pages, definition["title"]["de"], "date_of_birth" in keys, retyped, sep="|")
"""
)


@pytest.mark.parametrize("plugins", ["", "scheduling"])
def test_catalogue_and_questionnaires_work_without_intake(tmp_path, plugins):
    result = run_python(ENGINE_ALONE, tmp_path, CLEARING_PLUGINS=plugins)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "200|200|Erstgespräch (geändert)|False|text"
