import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from pages.models import HomePage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def state():
    return (
        sorted(Locale.objects.values_list("language_code", flat=True)),
        sorted(HomePage.objects.values_list("locale__language_code", "title", "live")),
        Page.objects.count(),
        list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
    )


def test_bootstrap_twice_gives_the_same_state(capsys):
    call_command("bootstrap")
    first = state()
    call_command("bootstrap")
    assert state() == first
    assert "Bootstrap complete." in capsys.readouterr().out


def test_home_page_in_every_content_locale_and_the_site_points_at_the_german_one(bootstrapped):
    codes = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    assert sorted(HomePage.objects.live().values_list("locale__language_code", flat=True)) == sorted(codes)
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.locale.language_code == "de"
    assert HomePage.objects.get(locale__language_code="ro").title == "Bine ați venit la Biroul de Clarificare"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_bootstrap_leaves_pages_a_user_changed(bootstrapped):
    page = HomePage.objects.get(locale__language_code="pl")
    page.title = "Zmieniony tytuł"
    page.save_revision().publish()
    call_command("bootstrap")
    assert HomePage.objects.get(locale__language_code="pl").title == "Zmieniony tytuł"


def test_bootstrap_restores_a_deleted_translation_only(bootstrapped):
    HomePage.objects.get(locale__language_code="hu").delete()
    call_command("bootstrap")
    assert HomePage.objects.filter(locale__language_code="hu").count() == 1
    assert HomePage.objects.count() == len(settings.WAGTAIL_CONTENT_LANGUAGES)
