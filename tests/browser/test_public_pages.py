"""The public pages on a phone, in Romanian, without JavaScript, with nothing loaded from elsewhere."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from .axe import barriers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    """A 390×844 phone that runs no JavaScript and records every address the page asks for."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ro-RO", java_script_enabled=False)
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def test_romanian_information_page_on_a_phone(phone, live_server, bootstrapped, artifacts):
    response = phone.goto(f"{live_server.url}/ro/ankommen-und-anmelden/")
    assert response.status == 200
    assert phone.locator("html").get_attribute("lang") == "ro"
    assert phone.locator("h1").inner_text() == "Drumul dumneavoastră spre înregistrare"
    assert phone.locator('nav.languages a[lang="bg"]').inner_text() == "Български"
    phone.screenshot(path=artifacts / "info-ro-390.png", full_page=True)

    answer = phone.get_by_text("Nu. Înregistrarea nu depinde de certificatul de eliberare.", exact=False)
    assert not answer.is_visible()
    phone.get_by_text("Am nevoie de certificatul de eliberare ca să mă înregistrez?").click()
    assert answer.is_visible()
    phone.locator("section.faq").screenshot(path=artifacts / "info-ro-390-faq-open.png")

    hosts = {urlsplit(url).netloc for url in phone.requested}
    assert hosts == {urlsplit(live_server.url).netloc}


def test_switching_language_keeps_the_page(phone, live_server, bootstrapped, artifacts):
    phone.goto(f"{live_server.url}/ro/")
    phone.screenshot(path=artifacts / "home-ro-390.png", full_page=True)
    phone.locator("nav.cards").get_by_text("Drumul dumneavoastră spre înregistrare").click()
    assert phone.url == f"{live_server.url}/ro/ankommen-und-anmelden/"
    phone.locator('nav.languages a[lang="hu"]').click()
    assert phone.url == f"{live_server.url}/hu/ankommen-und-anmelden/"
    assert phone.locator("html").get_attribute("lang") == "hu"
    phone.locator("footer").get_by_text("Adatvédelmi tájékoztató").click()
    assert phone.locator("h1").inner_text() == "Adatvédelmi tájékoztató"
    phone.screenshot(path=artifacts / "privacy-hu-390.png", full_page=True)


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {
    "home": "/{}/",
    "information": "/{}/ankommen-und-anmelden/",
    "privacy": "/{}/datenschutz/",
    "imprint": "/{}/impressum/",
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["de", "ro", "bg"])
def test_no_serious_barrier_and_nothing_from_elsewhere(
    browser, live_server, bootstrapped, artifacts, language, viewport
):
    """axe-core (npm, pinned) on home, information, privacy, imprint and the booking entry the home page offers."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale=language)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    found = {}
    for name, path in PAGES.items():
        assert page.goto(live_server.url + path.format(language)).status == 200
        found[name] = barriers(page)
        page.screenshot(path=artifacts / f"axe-{name}-{language}-{viewport}.png", full_page=True)
    page.goto(live_server.url + PAGES["home"].format(language))
    entry = page.locator("ul.actions a.action").first
    if entry.count():  # the booking (scheduling plugin); without it the home page's contact is the way in
        entry.click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{live_server.url}/{language}/")
        found["booking entry"] = barriers(page)
        page.screenshot(path=artifacts / f"axe-booking-{language}-{viewport}.png", full_page=True)
    context.close()
    assert found == {name: [] for name in found}
    assert "booking entry" in found or "plugins.scheduling" not in settings.INSTALLED_APPS
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(live_server.url).netloc}
