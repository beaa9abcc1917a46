import copy

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from questionnaires.definition_files import load_directory
from questionnaires.models import Questionnaire

from ..questionnaires.definitions import QUESTIONNAIRE, write_definitions


def admin_menu_urls(user):
    """Every URL the admin's main menu offers this user, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = []

    def walk(menu):
        for item in menu.menu_items_for_request(request):
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu)
            elif item.url.startswith("/admin/"):
                urls.append((item.label, item.url))

    walk(admin_menu)
    return urls


@pytest.fixture
def login(live_server):
    """Log a user in through the real login form."""

    def log_in(page, username, password="pw-for-tests-only"):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in


pytestmark = pytest.mark.browser


@pytest.fixture
def probe_without_employer(tmp_path):
    """The test questionnaire without „Arbeitgeber (Name)“, for the builder to add it."""
    document = copy.deepcopy(QUESTIONNAIRE)
    purpose = document["sections"][1]["items"]
    purpose[:] = [item for item in purpose if item["field"] != "employer_name"]
    load_directory(write_definitions(tmp_path / "defs", questionnaires=[document]), publish=True)
    return Questionnaire.objects.get(slug="probe")


@pytest.fixture
def no_autosave(settings):
    """Wagtail's autosave (every 500 ms) can still be in flight when the test clicks Publish at machine
    speed; the editor then reports a version „saved in another window“ instead of publishing."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
