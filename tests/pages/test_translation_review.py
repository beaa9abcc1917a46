"""Translations a person has not checked are marked so in the admin; the German source text counts as checked."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from pages.models import HomePage, InformationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, bootstrapped):
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="root", password="pw-for-tests-only")
    return client


def test_shipped_translations_are_not_checked_and_the_admin_says_so(admin_client):
    german = InformationPage.objects.get(locale__language_code="de", slug="ankommen-und-anmelden")
    romanian = InformationPage.objects.get(locale__language_code="ro", slug="ankommen-und-anmelden")
    assert german.translation_reviewed and not romanian.translation_reviewed
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[romanian.get_parent().pk])).content.decode()
    assert f"{romanian.title} (Übersetzung nicht geprüft)" in listing
    german_listing = admin_client.get(reverse("wagtailadmin_explore", args=[german.get_parent().pk])).content.decode()
    assert "nicht geprüft" not in german_listing
    checked_url = reverse("pages_translation_checked", args=[romanian.pk])
    assert checked_url in listing  # in the page's "more" menu
    assert reverse("pages_translation_checked", args=[german.pk]) not in german_listing

    assert (
        "Rumänisch" in admin_client.get(checked_url).content.decode()
        or "Română" in admin_client.get(checked_url).content.decode()
    )
    admin_client.post(checked_url)
    romanian.refresh_from_db()
    assert romanian.translation_reviewed
    romanian.get_latest_revision().publish()  # a later publish of that text keeps the tick
    romanian.refresh_from_db()
    assert romanian.translation_reviewed
    listing = admin_client.get(reverse("wagtailadmin_explore", args=[romanian.get_parent().pk])).content.decode()
    assert f"{romanian.title} (Übersetzung nicht geprüft)" not in listing


def test_a_german_page_edit_shows_the_box(admin_client):
    german = InformationPage.objects.get(locale__language_code="de", slug="ankommen-und-anmelden")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[german.pk])).content.decode()
    assert 'name="reviewed"' in edit and "Übersetzung von einer Person geprüft" in edit


def test_the_editors_tick_is_kept_and_a_new_translation_starts_unchecked(bootstrapped):
    romanian = InformationPage.objects.get(locale__language_code="ro", slug="ankommen-und-anmelden")
    form_class = InformationPage.get_edit_handler().get_form_class()
    form = form_class(instance=romanian, for_user=None)
    assert form.fields["reviewed"].initial is False
    form.cleaned_data = {"reviewed": True}
    form.save(commit=False)
    romanian.save_revision().publish()
    romanian.refresh_from_db()
    assert romanian.translation_reviewed

    german = HomePage.objects.get(locale__language_code="de")
    page = german.add_child(instance=InformationPage(title="Kita", slug="kita", translation_reviewed=True))
    copy = page.copy_for_translation(Locale.objects.get(language_code="hu"))
    assert copy.translation_reviewed is False
