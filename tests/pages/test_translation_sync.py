"""A German edit reaches another language only through that language's translation, never as German text."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from pages.models import HomePage, InformationPage

pytestmark = pytest.mark.django_db


def translate_everything(translation, prefix):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": prefix + segment.string.data},
        )


@pytest.fixture
def admin_client(client, make_user, bootstrapped):
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="root", password="pw-for-tests-only")
    return client


@pytest.fixture
def synced_page(bootstrapped, django_capture_on_commit_callbacks):
    """A German page with a Romanian translation made in wagtail-localize, fully translated and published."""
    home = HomePage.objects.get(locale__language_code="de")
    german = home.add_child(
        instance=InformationPage(title="Schule und Kita", slug="schule", body=[("heading", "Anmeldung in der Schule")])
    )
    german.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        source, _created = TranslationSource.get_or_create_from_instance(german)
        translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="ro"))
        translate_everything(translation, "RO: ")
        translation.save_target(publish=True)
    return german, source, translation


def sync(admin_client, source, capture):
    """The admin's "sync translated pages" with "publish immediately"; committed, so the page cache is purged."""
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with capture(execute=True):
        return admin_client.post(url, {"publish_translations": "on"}, follow=True)


def test_a_german_edit_synced_with_publish_does_not_show_german_on_the_romanian_page(
    admin_client, synced_page, django_capture_on_commit_callbacks
):
    german, source, translation = synced_page
    url = InformationPage.objects.get(locale__language_code="ro", translation_key=german.translation_key).url
    assert "RO: Anmeldung in der Schule" in admin_client.get(url).content.decode()

    german.body.append(("text", RichText("<p>Bitte bringen Sie das Zeugnis mit.</p>")))
    german.save_revision().publish()
    response = sync(admin_client, source, django_capture_on_commit_callbacks)
    assert "Nicht veröffentlicht in Română: noch sind nicht alle Texte übersetzt." in response.content.decode()
    romanian = admin_client.get(url).content.decode()
    assert "Bitte bringen Sie das Zeugnis mit." not in romanian
    assert "RO: Anmeldung in der Schule" in romanian

    translate_everything(translation, "RO: ")
    sync(admin_client, source, django_capture_on_commit_callbacks)
    romanian = admin_client.get(url).content.decode()
    assert "RO: Bitte bringen Sie das Zeugnis mit." in romanian


def test_a_page_sent_for_translation_is_not_published_in_german_in_the_other_language(admin_client, bootstrapped):
    home = HomePage.objects.get(locale__language_code="de")
    german = home.add_child(instance=InformationPage(title="Sprachkurse", slug="sprachkurse"))
    german.save_revision().publish()
    bulgarian = Locale.objects.get(language_code="bg")
    url = reverse("wagtail_localize:submit_page_translation", args=[german.pk])
    admin_client.post(url, {"locales": [bulgarian.pk]})
    copy = InformationPage.objects.get(locale=bulgarian, translation_key=german.translation_key)
    assert not copy.live
    assert admin_client.get("/bg/sprachkurse/").status_code == 404


def test_a_german_edit_of_a_shipped_page_synced_with_publish_keeps_the_romanian_page(
    admin_client, bootstrapped, django_capture_on_commit_callbacks
):
    german = InformationPage.objects.get(locale__language_code="de", slug="ankommen-und-anmelden")
    before = admin_client.get("/ro/ankommen-und-anmelden/").content.decode()
    german.body.append(("text", RichText("<p>Ab Januar auch mittwochs geöffnet.</p>")))
    german.save_revision().publish()
    sync(admin_client, TranslationSource.objects.get_for_instance(german), django_capture_on_commit_callbacks)
    after = admin_client.get("/ro/ankommen-und-anmelden/").content.decode()
    assert "Ab Januar auch mittwochs geöffnet." not in after
    assert after == before
