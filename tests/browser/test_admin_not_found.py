"""A missing case in the admin: the admin's own 404, the clerk still logged in (item 19)."""

import pytest

from core import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_missing_case_shows_the_admin_404_and_keeps_the_clerk_logged_in(
    page, live_server, bootstrapped, make_user, login, artifacts, viewport
):
    make_user("clerk", roles.CLERK)
    page.set_viewport_size(viewport)
    login(page, "clerk")
    url = f"{live_server.url}/admin/intake/cases/99999/"
    response = page.goto(url)
    assert response.status == 404
    assert page.url == url
    assert page.title().startswith("Fehler 404: Seite nicht gefunden")
    assert page.locator(".page404__text").inner_text() == "Die angeforderte Seite konnte nicht gefunden werden."
    page.screenshot(path=artifacts / f"admin-404-{viewport['width']}.png")
    page.get_by_role("link", name="Zum Wagtail Admin-Interface").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.get_by_role("heading", name="Ihre Rollen").is_visible()
