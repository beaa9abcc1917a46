import re
from pathlib import Path

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from core import roles

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html[^>]*lang="([^"]+)"', response.content.decode()).group(1)


def test_german_catalogue_is_compiled_and_used():
    with translation.override("de"):
        assert translation.gettext("First interview") == "Erstgespräch"
        assert translation.gettext("audit log") == "Protokoll"


def test_admin_speaks_german_to_an_english_browser(client, make_user, bootstrapped):
    make_user("clerk", roles.CLERK)
    client.login(username="clerk", password="pw-for-tests-only")
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "de"
    assert "Ihre Rollen" in response.content.decode()
    assert "Führt das Erstgespräch und stellt Freigabescheine aus" in response.content.decode()


def test_a_user_may_choose_english(client, make_user, bootstrapped):
    user = make_user("clerk", roles.CLERK)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.login(username="clerk", password="pw-for-tests-only")
    response = client.get("/admin/")
    assert html_lang(response) == "en"
    assert "Your roles" in response.content.decode()


def test_only_german_and_english_are_offered_for_the_admin(client, make_user, bootstrapped):
    make_user("clerk", roles.CLERK)
    client.login(username="clerk", password="pw-for-tests-only")
    response = client.get("/admin/account/")
    options = re.findall(r'<option value="(\w\w)"', response.content.decode())
    assert set(options) & {"ro", "bg", "pl", "hu", "hr"} == set()
    assert {"de", "en"} <= set(options)


@pytest.mark.parametrize(
    "code, title",
    [
        ("de", "Willkommen bei der Clearingstelle"),
        ("en", "Welcome to the Clearing Office"),
        ("ro", "Bine ați venit la Biroul de Clarificare"),
        ("bg", "Добре дошли в Бюрото за първоначално консултиране"),
        ("pl", "Witamy w Punkcie Pierwszego Kontaktu"),
        ("hu", "Üdvözöljük az Első Kapcsolatfelvételi Irodában"),
        ("hr", "Dobro došli u Ured za prvi razgovor"),
    ],
)
def test_public_home_page_in_every_locale(client, bootstrapped, code, title):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_lang(response) == code
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_root_redirects_to_the_browser_language(client, bootstrapped):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ro-RO,ro;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/ro/"


CATALOGUES = sorted(
    path.relative_to(ROOT)
    for path in ROOT.glob("**/locale/de/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "site-packages" not in path.parts
)


def test_every_app_owns_its_catalogue():
    owners = {str(path.parents[3]) for path in CATALOGUES}
    assert owners == {
        "config",
        "core",
        "demo",
        "pages",
        "plugins/intake",
        "plugins/referrals",
        "plugins/scheduling",
        "questionnaires",
    }


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_each_german_catalogue_is_complete_and_compiled(catalogue):
    import polib

    po = polib.pofile(str(ROOT / catalogue))
    assert [e.msgid for e in po if not e.translated() and not e.obsolete] == []
    mo = polib.mofile(str(ROOT / catalogue.with_suffix(".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in mo if entry.msgid}
    expected = {entry.msgid: entry.msgstr for entry in po.translated_entries() if not entry.msgid_plural}
    assert {k: compiled.get(k) for k in expected} == expected, "run `make messages` after changing the .po file"


def test_core_holds_only_its_own_strings_and_the_others_still_speak_german():
    import polib

    core = {entry.msgid for entry in polib.pofile(str(ROOT / "core/locale/de/LC_MESSAGES/django.po"))}
    assert "Field catalogue" not in core and "Verify certificate" not in core
    with translation.override("de"):
        assert translation.gettext("Field catalogue") == "Feldkatalog"
        assert translation.gettext("Verify certificate") == "Freigabeschein prüfen"
