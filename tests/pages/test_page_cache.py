"""The page cache: a cached page costs no query, a publish shows at once everywhere, nothing personal is stored."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from wagtail import hooks
from wagtail.models import PageViewRestriction

from core.office import OfficeDetails
from pages import cache as page_cache
from pages.models import HomePage, ImprintPage, InformationPage, NewsPage

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
BASE_DIR = Path(__file__).resolve().parents[2]


def cached(response):
    """Whether the answer came from the cache (Django's cache middleware adds ``Age`` to what it serves)."""
    assert response.status_code == 200, response.status_code
    return response.has_header("Age")


def test_a_page_is_served_from_the_cache_without_a_query(client, bootstrapped, django_assert_num_queries):
    first = client.get("/ro/ankommen-und-anmelden/")
    assert not cached(first)
    assert first["Cache-Control"] == "max-age=0"  # browsers ask again: a publish reaches them at once
    with django_assert_num_queries(0):
        second = client.get("/ro/ankommen-und-anmelden/")
    assert cached(second) and second.content == first.content


def test_publishing_shows_the_new_text_at_once_on_every_page_that_shows_it(
    client, bootstrapped, django_capture_on_commit_callbacks
):
    romanian = InformationPage.objects.get(locale__language_code="ro", slug="ankommen-und-anmelden")
    for url in ("/ro/", "/ro/ankommen-und-anmelden/", "/ro/impressum/", "/de/ankommen-und-anmelden/"):
        client.get(url)
        assert cached(client.get(url))
    romanian.title = "Drumul dumneavoastră spre înregistrare (nou)"
    with django_capture_on_commit_callbacks(execute=True):
        romanian.save_revision().publish()
    for url in ("/ro/", "/ro/ankommen-und-anmelden/", "/ro/impressum/"):  # the navigation shows the title
        response = client.get(url)
        assert not cached(response)
        assert "Drumul dumneavoastră spre înregistrare (nou)" in response.content.decode(), url
    assert "(nou)" not in client.get("/de/ankommen-und-anmelden/").content.decode()


def test_a_change_of_the_office_details_shows_in_every_language(
    client, bootstrapped, django_capture_on_commit_callbacks
):
    for code in CODES:
        client.get(f"/{code}/impressum/")
    office = OfficeDetails.load()
    office.name = "Stadt Weißenfels – Clearingstelle im Rathaus"
    with django_capture_on_commit_callbacks(execute=True):
        office.save()
    for code in CODES:
        assert "Clearingstelle im Rathaus" in client.get(f"/{code}/impressum/").content.decode(), code


def test_unpublishing_removes_the_page_from_the_cache(client, bootstrapped, django_capture_on_commit_callbacks):
    assert client.get("/hu/impressum/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        ImprintPage.objects.get(locale__language_code="hu").unpublish()
    assert client.get("/hu/impressum/").status_code == 404
    assert 'hreflang="hu" href=' not in client.get("/de/impressum/").content.decode()


def test_a_page_rendered_while_a_purge_runs_is_not_served_after_it(client, bootstrapped):
    """The old content read before the purge must not come back from the cache once the purge is done."""
    calls = []

    def purge_meanwhile(page, request, args, kwargs):
        if not calls:
            calls.append(page.pk)
            page_cache.purge()

    with hooks.register_temporarily("before_serve_page", purge_meanwhile):
        assert not cached(client.get("/bg/impressum/"))
    assert not cached(client.get("/bg/impressum/"))
    assert cached(client.get("/bg/impressum/"))


def test_a_password_protected_page_is_never_stored(bootstrapped):
    imprint = ImprintPage.objects.get(locale__language_code="pl")
    restriction = PageViewRestriction.objects.create(
        page=imprint, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    reader, stranger = Client(), Client()
    form = reader.get("/pl/impressum/")
    assert "private" in form["Cache-Control"] and not cached(form)
    assert "csrfmiddlewaretoken" in form.content.decode()
    url = f"/pl/_util/authenticate_with_password/{restriction.pk}/{imprint.pk}/"
    reader.post(url, {"password": "tajne", "return_url": "/pl/impressum/"})
    shown = reader.get("/pl/impressum/")
    assert f"<h1>{imprint.title}</h1>" in shown.content.decode() and "private" in shown["Cache-Control"]
    answer = stranger.get("/pl/impressum/")
    assert f"<h1>{imprint.title}</h1>" not in answer.content.decode() and not cached(answer)


def test_the_booking_pages_are_not_cached(client, bootstrapped):
    if "plugins.scheduling" not in settings.INSTALLED_APPS:
        pytest.skip("the scheduling plugin is switched off")
    for _ in range(2):
        response = client.get("/ro/termin/", follow=True)
        assert response.status_code == 200 and not response.has_header("Age")


def test_a_purge_by_another_process_reaches_this_one(client, bootstrapped, tmp_path):
    """The shipped file cache: a purge in the task cluster (scheduled publishing) or another worker counts here."""
    location = tmp_path / "page-cache"
    shared = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(location)}
    with override_settings(CACHES={**settings.CACHES, "pages": shared}):
        client.get("/hr/")
        assert cached(client.get("/hr/"))
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); from pages.cache import purge; purge()"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.dev",
                "PAGE_CACHE_URL": f"filecache://{location}",
            },
            check=True,
        )
        assert not cached(client.get("/hr/"))


def test_the_home_page_lists_a_news_item_published_after_it_was_cached(
    client, bootstrapped, django_capture_on_commit_callbacks
):
    client.get("/de/")
    home = HomePage.objects.get(locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        news = home.add_child(instance=NewsPage(title="Neue Sprechzeiten ab März", slug="sprechzeiten"))
        news.save_revision().publish()
    assert "Neue Sprechzeiten ab März" in client.get("/de/").content.decode()
