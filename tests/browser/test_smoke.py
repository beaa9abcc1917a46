"""The admin and the public pages as a person sees them, in Debian's Chromium."""

import pytest
from django.conf import settings

from core import roles

from .conftest import admin_menu_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_dashboard_is_german(page, live_server, bootstrapped, make_user, login, artifacts):
    make_user("clerk", roles.CLERK)
    login(page, "clerk")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("heading", name="Ihre Rollen").is_visible()
    page.screenshot(path=artifacts / "admin-dashboard-de.png", full_page=True)


@pytest.mark.parametrize("role", [None, *roles.ROLES])
def test_every_admin_menu_entry_opens_without_error(page, live_server, bootstrapped, make_user, login, artifacts, role):
    user = make_user("someone", role) if role else make_user("someone", is_superuser=True, is_staff=True)
    login(page, "someone")
    urls = admin_menu_urls(user)
    assert len(urls) >= (12 if role is None else 1)
    failures = []
    for label, url in urls:
        response = page.goto(f"{live_server.url}{url}")
        if response.status >= 400 or page.locator("text=Server Error").count():
            failures.append((label, url, response.status))
    page.screenshot(path=artifacts / f"admin-menu-{role or 'superuser'}.png".replace(" ", "-"))
    assert failures == []


@pytest.mark.parametrize("code", [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES])
def test_public_home_page_answers_in_every_locale(page, live_server, bootstrapped, artifacts, code):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(f"{live_server.url}/{code}/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("h1").inner_text().strip()
    assert page.locator(f'nav.languages a[hreflang="{code}"][aria-current="page"]').count() == 1
    page.screenshot(path=artifacts / f"home-{code}.png", full_page=True)
