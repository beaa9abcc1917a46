"""The public pages: every default page in every language, their blocks, the hooks they offer and ask."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail import hooks
from wagtail.documents.models import Document
from wagtail.models import Page

from core.contracts import OpeningHours, OpeningRange, PrivacyNotice, PublicLink
from core.hooks import OPENING_HOURS, PRIVACY_NOTICE, PUBLIC_LINKS
from core.office import OfficeDetails
from pages.bootstrap import default_page_files
from pages.models import (
    AccessibilityStatementPage,
    HomePage,
    ImprintPage,
    InformationPage,
    NewsPage,
    PrivacyNoticePage,
)

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
SPECS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in default_page_files()}


@pytest.fixture
def no_plugin_providers(monkeypatch):
    """The pages as they are without the scheduling plugin: nobody provides opening hours or links."""
    hooks.search_for_hooks()
    for hook in (OPENING_HOURS, PUBLIC_LINKS):
        monkeypatch.setitem(hooks._hooks, hook, [])


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def german_sentences(spec):
    """Sentences of the German default text, as sentinels: none may show on a page in another language."""
    texts = [spec["pages"]["de"]["title"], strip_tags(spec["pages"]["de"].get("intro", ""))]
    return [sentence for text in texts for sentence in re.split(r"(?<=[.?!])\s+", text) if len(sentence) > 25]


def test_every_default_file_has_every_language():
    assert {name: sorted(spec["pages"]) for name, spec in SPECS.items()} == {name: sorted(CODES) for name in SPECS}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_default_page_answers_in_every_language_without_german_text(client, bootstrapped, name, code):
    spec = SPECS[name]
    page = html(client.get(f"/{code}/{spec['slug']}/"))
    assert re.search(r'<html lang="([^"]+)"', page).group(1) == code
    assert f"<h1>{spec['pages'][code]['title']}</h1>" in page
    if code != "de":
        assert [sentence for sentence in german_sentences(spec) if sentence in page] == []


def test_the_information_page_renders_its_blocks_as_plain_html(client, bootstrapped, no_plugin_providers):
    page = html(client.get("/ro/ankommen-und-anmelden/"))
    assert page.count("<details><summary>") == 5
    assert re.search(r"<ol><li><strong>Faceți o programare", page)
    assert "<li>cartea de identitate sau pașaportul</li>" in page
    assert "Marți și joi, 8:30–12:00 și 13:00–16:30." in page
    assert "https://www.openstreetmap.org/search?query=Markt+1%2C+06667+Wei%C3%9Fenfels" in page
    assert "Arată pe hartă (OpenStreetMap)" in page
    assert "<script" not in page


def test_opening_hours_come_from_a_provider_when_there_is_one(client, bootstrapped, no_plugin_providers):
    def provide(language):
        ranges = (
            OpeningRange(1, datetime.time(8, 30), datetime.time(12)),
            OpeningRange(1, datetime.time(13), datetime.time(16, 30)),
            OpeningRange(3, datetime.time(8, 30), datetime.time(12)),
        )
        closures = ((datetime.date(2026, 12, 24), datetime.date(2026, 12, 31), "Crăciun"),)
        return [OpeningHours(label="Clearingstelle", ranges=ranges, closures=closures)]

    with hooks.register_temporarily(OPENING_HOURS, provide):
        page = html(client.get("/ro/ankommen-und-anmelden/"))
    section = re.search(r'<section class="opening-hours">.*?</section>', page, re.S).group(0)
    assert "Marți și joi" not in section
    assert re.search(r"<dt>Marți</dt><dd><time>08:30</time>–<time>12:00</time>, <time>13:00</time>", section)
    assert "<dt>Joi</dt>" in section and "Închis" in section and "24.12.2026–31.12.2026: Crăciun" in section


def test_a_document_block_links_the_file_with_its_format(client, bootstrapped):
    document = Document(title="Merkblatt Anmeldung")
    document.file.save("merkblatt.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    page = InformationPage.objects.get(locale__language_code="de", slug="ankommen-und-anmelden")
    page.body.append(("document", {"document": document, "title": "", "description": "Zum Ausdrucken."}))
    page.save_revision().publish()
    text = html(client.get("/de/ankommen-und-anmelden/"))
    assert re.search(
        rf'<a href="{re.escape(document.url)}" download>Merkblatt Anmeldung</a> <span class="file">\(PDF', text
    )


def test_public_links_show_in_the_navigation_and_on_the_home_page(client, bootstrapped, no_plugin_providers):
    def provide(language):
        return [PublicLink(label=f"Programare ({language})", url="/ro/termin/", description="Online")]

    with hooks.register_temporarily(PUBLIC_LINKS, provide):
        home = html(client.get("/ro/"))
        info = html(client.get("/ro/ankommen-und-anmelden/"))
    assert home.count('href="/ro/termin/">Programare (ro)</a>') == 2  # navigation and the home page's actions
    assert 'href="/ro/termin/">Programare (ro)</a>' in info


def test_the_privacy_notice_hook_gives_version_and_language(bootstrapped):
    (provide,) = hooks.get_hooks(PRIVACY_NOTICE)
    notice = provide("ro")
    assert notice == PrivacyNotice(
        version="1", language="ro", title="Informare privind protecția datelor", url="/ro/datenschutz/"
    )
    PrivacyNoticePage.objects.get(locale__language_code="hr").unpublish()
    assert provide("hr") == PrivacyNotice(
        version="1", language="de", title="Datenschutzhinweise", url="/de/datenschutz/"
    )
    for page in PrivacyNoticePage.objects.live():
        page.unpublish()
    assert provide("ro") is None


def test_a_new_german_version_leaves_the_translation_at_the_version_of_its_text(bootstrapped):
    german = PrivacyNoticePage.objects.get(locale__language_code="de")
    german.version = "2"
    german.save_revision().publish()
    (provide,) = hooks.get_hooks(PRIVACY_NOTICE)
    assert (provide("de").version, provide("ro").version) == ("2", "1")


def test_the_pages_print_the_office_setting_and_never_an_empty_detail(
    client, bootstrapped, django_capture_on_commit_callbacks
):
    imprint = html(client.get("/de/impressum/"))
    assert "Stadt Weißenfels – Clearingstelle" in imprint and "Markt 1<br>06667 Weißenfels" in imprint
    assert "Telefon:" not in imprint and "mailto:" not in imprint
    privacy = html(client.get("/de/datenschutz/"))
    assert "<h2>Verantwortlicher</h2>" in privacy and "Datenschutzbeauftragte(r)" not in privacy

    office = OfficeDetails.load()
    office.phone = "03443 370-0"
    office.data_protection_officer = "Datenschutzbeauftragte der Stadt\nMarkt 1"
    with django_capture_on_commit_callbacks(execute=True):  # the cached pages are purged once it is committed
        office.save()
    assert 'Telefon: <a href="tel:03443370-0">03443 370-0</a>' in html(client.get("/de/impressum/"))
    assert "<h2>Datenschutzbeauftragte(r)</h2>" in html(client.get("/de/datenschutz/"))


def test_language_switcher_hreflang_and_x_default(client, bootstrapped):
    page = html(client.get("/bg/datenschutz/"))
    for code in CODES:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/datenschutz/">' in page
        assert f'href="/{code}/datenschutz/" lang="{code}" hreflang="{code}"' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/de/datenschutz/">' in page
    assert 'hreflang="bg" aria-current="page">Български</a>' in page


def test_the_switcher_leads_to_the_home_page_of_a_language_without_this_page(client, bootstrapped):
    ImprintPage.objects.get(locale__language_code="hu").unpublish()
    page = html(client.get("/de/impressum/"))
    assert 'href="/hu/" lang="hu" hreflang="hu">Magyar</a>' in page
    assert 'hreflang="hu" href=' not in page


@pytest.mark.parametrize(
    "header, target", [("ro-RO,ro;q=0.9", "/ro/"), ("hu-HU", "/hu/"), ("xx-YY,zz;q=0.8", "/de/"), ("", "/de/")]
)
def test_root_follows_accept_language_and_falls_back_to_german(client, bootstrapped, header, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert (response.status_code, response["Location"]) == (302, target)


def test_dates_in_each_languages_format(client, bootstrapped):
    news = NewsPage.objects.filter(slug="neues-verfahren")
    news.update(first_published_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 10)))
    assert 'Veröffentlicht am <time datetime="2026-03-05">5. März 2026</time>' in html(
        client.get("/de/neues-verfahren/")
    )
    assert 'Publicat la <time datetime="2026-03-05">5 Martie 2026</time>' in html(client.get("/ro/neues-verfahren/"))
    assert '<time datetime="2026-03-05">5 marca 2026</time>' in html(client.get("/pl/neues-verfahren/"))
    assert '<time datetime="2026-03-05">2026. március 5.</time>' in html(client.get("/hu/neues-verfahren/"))
    assert "2026-03-05" in html(client.get("/de/"))  # the home page lists the news


PAGE_TYPES = [HomePage, InformationPage, NewsPage, PrivacyNoticePage, AccessibilityStatementPage, ImprintPage]


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_admin_edit_and_preview_of_every_page_type(client, make_user, bootstrapped, model):
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="root", password="pw-for-tests-only")
    page = model.objects.get(locale__language_code="ro")
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    preview = page.make_preview_request()
    text = preview.rendered_content if hasattr(preview, "rendered_content") else preview.content.decode()
    assert re.search(r'<html lang="ro">', text) and f"<h1>{page.title}</h1>" in text


def test_an_information_page_costs_a_bounded_number_of_queries(client, bootstrapped, django_assert_max_num_queries):
    client.get("/ro/ankommen-und-anmelden/")
    with django_assert_max_num_queries(25):
        html(client.get("/ro/ankommen-und-anmelden/"))


def test_the_default_pages_sit_below_each_languages_home_page(bootstrapped):
    for code in CODES:
        home = HomePage.objects.get(locale__language_code=code)
        slugs = set(Page.objects.child_of(home).values_list("slug", flat=True))
        assert {spec["slug"] for spec in SPECS.values()} <= slugs
