"""The default pages: loaded once, never over an administrator's edit, never as German text in another language."""

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

from pages.bootstrap import _ensure_page, default_page_files, ensure_default_pages
from pages.models import HomePage, InformationPage, PrivacyNoticePage

pytestmark = pytest.mark.django_db
SPECS = default_page_files()


def snapshot():
    return sorted(
        (page.locale.language_code, page.slug, page.title, page.live, page.latest_revision_id)
        for page in Page.objects.select_related("locale")
    )


def test_bootstrap_twice_changes_nothing(bootstrapped):
    before = snapshot()
    call_command("bootstrap")
    assert ensure_default_pages() == 0
    assert snapshot() == before


def test_edits_to_the_german_page_and_a_translation_survive_bootstrap(bootstrapped):
    german = InformationPage.objects.get(locale__language_code="de")
    german.title = "Angekommen in Weißenfels"
    german.save_revision().publish()
    romanian = InformationPage.objects.get(locale__language_code="ro")
    romanian.body = [("heading", "Text scris de administrator")]
    romanian.save_revision().publish()
    call_command("bootstrap")
    assert InformationPage.objects.get(locale__language_code="de").title == "Angekommen in Weißenfels"
    body = InformationPage.objects.get(locale__language_code="ro").body
    assert [(block.block_type, block.value) for block in body] == [("heading", "Text scris de administrator")]


def test_a_deleted_translation_comes_back_in_its_own_language(bootstrapped):
    PrivacyNoticePage.objects.get(locale__language_code="hu").delete()
    call_command("bootstrap")
    restored = PrivacyNoticePage.objects.get(locale__language_code="hu")
    assert restored.title == "Adatvédelmi tájékoztató" and restored.live and restored.version == "1"
    assert PrivacyNoticePage.objects.count() == 7


def test_a_language_missing_from_the_file_gets_no_copy_of_the_german_page(bootstrapped):
    home = HomePage.objects.get(locale__language_code="de")
    spec = {
        "type": "pages.InformationPage",
        "slug": "schule",
        "fields": {},
        "pages": {"de": {"title": "Schule und Kita"}, "ro": {"title": "Școală și grădiniță"}},
    }
    assert _ensure_page(spec, home) == 2
    assert sorted(InformationPage.objects.filter(slug="schule").values_list("locale__language_code", "title")) == [
        ("de", "Schule und Kita"),
        ("ro", "Școală și grădiniță"),
    ]


def test_shipped_translations_are_wagtail_localize_translations_and_a_sync_changes_nothing(client, bootstrapped):
    translations = Translation.objects.select_related("target_locale")
    assert translations.count() == 6 * len(SPECS)
    assert {translation.get_progress()[0] == translation.get_progress()[1] for translation in translations} == {True}
    romanian = translations.get(target_locale__language_code="ro", source__object_repr="Ihr Weg zur Anmeldung")
    before = client.get("/ro/ankommen-und-anmelden/").content.decode()
    romanian.save_target(publish=True)
    assert client.get("/ro/ankommen-und-anmelden/").content.decode() == before
