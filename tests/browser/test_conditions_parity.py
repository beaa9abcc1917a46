"""The browser's visibility rules agree with the server's, also for addresses and blank text."""

import copy
from pathlib import Path

import pytest

from questionnaires.api import published
from questionnaires.definition_files import load_directory
from questionnaires.forms import QuestionnaireForm

from ..questionnaires.definitions import QUESTIONNAIRE, write_definitions

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SCRIPT = Path(__file__).resolve().parents[2] / "questionnaires/static/questionnaires/conditions.js"
DEPENDENT = ("email", "hours_per_week")


@pytest.fixture
def definition(bootstrapped, tmp_path):
    document = copy.deepcopy(QUESTIONNAIRE)
    items = {item["field"]: item for section in document["sections"] for item in section["items"]}
    items["email"]["condition"] = {"field": "surname", "op": "is_set"}
    items["hours_per_week"]["condition"] = {"field": "new_address", "op": "is_set"}
    load_directory(write_definitions(tmp_path / "defs", questionnaires=[document]), publish=True)
    return published("probe")[2]


@pytest.mark.parametrize(
    "typed",
    [
        {},
        {"surname": "   "},
        {"surname": "Pop"},
        {"new_address_0": "Marktstraße"},
        {"new_address_3": " "},
        {"surname": "Pop", "new_address_4": "Weißenfels"},
    ],
)
def test_browser_and_server_show_the_same_questions(definition, page, typed):
    server = QuestionnaireForm(definition, data=typed)
    page.set_content(QuestionnaireForm(definition).render())
    page.add_script_tag(path=str(SCRIPT))
    for name, value in typed.items():
        page.fill(f"[name='{name}']", value)
    for key in DEPENDENT:
        shown_in_browser = not page.locator(f"[data-key='{key}']").evaluate("element => element.hidden")
        assert shown_in_browser == (key in server.visible), (key, typed)
