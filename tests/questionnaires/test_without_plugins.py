"""The engine is platform: with every plugin switched off its catalogue and questionnaires still work.

Without intake, nothing reads the interview's core keys, so they may go.
"""

import pytest

from ..core.test_plugins import run_python

ENGINE_ALONE = """
import json, pathlib, shutil, sys, tempfile
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
from questionnaires.api import published
from questionnaires.definition_files import load_directory
from questionnaires.models import CatalogueField, Questionnaire

call_command("migrate", verbosity=0)
call_command("bootstrap", stdout=open("/dev/null", "w"))
get_user_model().objects.create_superuser("root", password="pw")
client = Client(HTTP_HOST="localhost")
client.login(username="root", password="pw")
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
(folder / "erstgespraech.json").write_text(json.dumps(document, ensure_ascii=False))
load_directory(folder, publish=True)
definition = published("erstgespraech").definition
keys = {item["key"] for section in definition["sections"] for item in section["items"]}
print(*pages, definition["title"]["de"], "date_of_birth" in keys, sep="|")
"""


@pytest.mark.parametrize("plugins", ["", "scheduling"])
def test_catalogue_and_questionnaires_work_without_intake(tmp_path, plugins):
    result = run_python(ENGINE_ALONE, tmp_path, CLEARING_PLUGINS=plugins)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "200|200|Erstgespräch (geändert)|False"
