"""A 404 inside the admin stays an admin 404; the public site keeps its language redirect."""

import pytest

from core import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, make_user, bootstrapped):
    make_user("admin-user", roles.ADMINISTRATOR, roles.CLERK, is_superuser=True)
    client.login(username="admin-user", password="pw-for-tests-only")
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/intake/cases/99999/",
        "/admin/intake/cases/99999/interview/",
        "/admin/pages/99999/edit/",
        "/admin/snippets/questionnaires/questionnaire/edit/99999/",
        "/admin/no-such-screen/",
        "/documents/99999/missing.pdf",
    ],
)
def test_a_missing_object_in_the_admin_is_the_admins_404(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 404
    assert "Location" not in response
    if url.startswith("/admin/"):
        assert "wagtailadmin/404.html" in [template.name for template in response.templates]
        assert "Fehler 404: Seite nicht gefunden" in response.content.decode()


def test_a_public_path_without_language_still_gets_its_prefix(client, bootstrapped):
    response = client.get("/kontakt/")
    assert response.status_code == 302 and response["Location"] == "/de/kontakt/"
