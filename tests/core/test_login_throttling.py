"""Logins are throttled per username and client address (django-axes); administrators unlock them."""

import importlib
import re

import pytest
from axes.models import AccessAttempt
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse

from core import roles
from core.models import AuditEntry
from tests.core.test_audit_report import log_mentions
from tests.core.test_settings import STRONG_KEY, printed_setting

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
LOCKED = "Anmeldung gesperrt"
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": STRONG_KEY}


def sign_in(client, username, password, url=ADMIN_LOGIN, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


def signed_in(client):
    return "_auth_user_id" in client.session


def fail_five_times(client, username="clerk", url=ADMIN_LOGIN, **headers):
    return [sign_in(client, username, "wrong", url, **headers).status_code for _ in range(5)]


def test_five_wrong_passwords_lock_the_pair_then_the_right_one_is_refused(client, clerk):
    assert fail_five_times(client) == [200, 200, 200, 200, 429]

    response = sign_in(client, "clerk", "pw-for-tests-only")

    assert response.status_code == 429 and not signed_in(client)
    page = response.content.decode()
    assert LOCKED in page
    assert "5 fehlgeschlagene Anmeldungen als „clerk“ von diesem Rechner" in page
    assert "für 30 Minuten gesperrt" in page and "Die Administration kann sie früher entsperren." in page


def test_another_user_at_the_same_address_and_the_user_elsewhere_still_sign_in(client, clerk, make_user):
    make_user("colleague")
    fail_five_times(client)

    assert sign_in(client, "colleague", "pw-for-tests-only").status_code == 302 and signed_in(client)
    client.logout()
    assert sign_in(client, "clerk", "pw-for-tests-only", REMOTE_ADDR="10.0.0.8").status_code == 302
    assert signed_in(client)


def test_a_correct_sign_in_before_the_limit_resets_the_count(client, clerk):
    assert [sign_in(client, "clerk", "wrong").status_code for _ in range(4)] == [200] * 4
    assert sign_in(client, "clerk", "pw-for-tests-only").status_code == 302
    client.logout()
    assert fail_five_times(client) == [200, 200, 200, 200, 429]


def test_the_public_sites_sign_in_is_throttled_too(client, clerk):
    url = reverse("wagtailcore_login")
    assert fail_five_times(client, url=url)[-1] == 429
    response = sign_in(client, "clerk", "pw-for-tests-only", url)
    assert response.status_code == 429 and LOCKED in response.content.decode() and not signed_in(client)


def test_an_administrator_sees_the_lock_and_unlocks_it(client, clerk, make_user):
    fail_five_times(client)
    make_user("verwaltung", roles.ADMINISTRATOR)
    admin = type(client)()
    admin.login(username="verwaltung", password="pw-for-tests-only")

    listing = admin.get("/admin/login-lockouts/").content.decode()
    assert "clerk" in listing and "127.0.0.1" in listing and "gesperrt" in listing
    attempt = AccessAttempt.objects.get(username="clerk")
    unlock_url = f"/admin/login-lockouts/{attempt.pk}/unlock/"
    assert "„clerk“ wieder von 127.0.0.1 anmelden lassen?" in admin.get(unlock_url).content.decode()
    assert admin.post(unlock_url).status_code == 302

    assert sign_in(client, "clerk", "pw-for-tests-only").status_code == 302 and signed_in(client)
    entry = AuditEntry.objects.get(action="login.unlock")
    details = {"attempt": attempt.pk, "user": clerk.pk, "ip_address": "127.0.0.1"}
    assert (entry.actor_name, entry.details) == ("verwaltung", details)


def test_unlocking_a_name_typed_in_the_login_box_keeps_the_text_out_of_the_log(client, make_user, bootstrapped):
    fail_five_times(client, username="Petrov Ivan")
    admin = type(client)()
    admin.force_login(make_user("verwaltung", roles.ADMINISTRATOR))
    attempt = AccessAttempt.objects.get(username="Petrov Ivan")
    assert admin.post(f"/admin/login-lockouts/{attempt.pk}/unlock/").status_code == 302
    entry = AuditEntry.objects.get(action="login.unlock")
    assert entry.details == {"attempt": attempt.pk, "ip_address": "127.0.0.1"}
    assert not log_mentions("Petrov")

    officer = type(client)()
    officer.force_login(make_user("dpo", roles.DATA_PROTECTION))
    page = officer.get(reverse("clearing_audit_log")).content.decode()
    assert "Anmeldung entsperrt" in page and f"Anmeldeversuch: {attempt.pk}; Adresse: 127.0.0.1" in page


def test_a_superuser_sees_the_list_with_nothing_to_add_or_edit(client, clerk, make_user):
    fail_five_times(client)
    client.force_login(make_user("root", is_superuser=True))
    response = client.get("/admin/login-lockouts/")
    assert response.status_code == 200 and "Entsperren" in response.content.decode()


def test_only_the_role_with_the_permission_unlocks(client, clerk, make_user):
    fail_five_times(client)
    make_user("other", roles.CLERK)
    other = type(client)()
    other.login(username="other", password="pw-for-tests-only")
    attempt = AccessAttempt.objects.get(username="clerk")

    assert other.get("/admin/login-lockouts/").status_code == 403
    assert other.post(f"/admin/login-lockouts/{attempt.pk}/unlock/").status_code == 403
    assert AccessAttempt.objects.filter(username="clerk").exists()


def test_the_lockout_list_takes_the_same_queries_for_many_attempts(
    client, make_user, bootstrapped, django_assert_max_num_queries
):
    make_user("verwaltung", roles.ADMINISTRATOR)
    client.login(username="verwaltung", password="pw-for-tests-only")

    def attempts(prefix, count):
        AccessAttempt.objects.bulk_create(
            AccessAttempt(username=f"{prefix}{n}", ip_address=f"10.0.0.{n}", failures_since_start=5)
            for n in range(count)
        )

    attempts("few", 2)
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/login-lockouts/")
    attempts("many", 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/admin/login-lockouts/").status_code == 200


@pytest.fixture
def behind_one_proxy(monkeypatch):
    """Production's way of finding the client address, with its default of one reverse proxy."""
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("ALLOWED_HOSTS", "clearing.example.org")
    production = importlib.import_module("config.settings.production")
    names = ["AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT"]
    with override_settings(**{name: getattr(production, name) for name in names}):
        yield


def test_behind_the_proxy_the_lock_is_on_the_clients_address(client, clerk, behind_one_proxy):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # A client's own X-Forwarded-For comes first; the proxy appends the address it saw.
    attacker = [
        sign_in(client, "clerk", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5", **proxy)
        for n in range(5)
    ]
    assert attacker[-1].status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"

    colleague = sign_in(client, "clerk", "pw-for-tests-only", HTTP_X_FORWARDED_FOR="192.0.2.7", **proxy)
    assert colleague.status_code == 302


def test_production_sessions_end_after_8_idle_hours_and_with_the_browser():
    env = {**PRODUCTION, "ALLOWED_HOSTS": "clearing.example.org"}
    assert printed_setting("SESSION_COOKIE_AGE", **env).stdout.strip() == str(8 * 60 * 60)
    assert printed_setting("SESSION_SAVE_EVERY_REQUEST", **env).stdout.strip() == "True"
    assert printed_setting("SESSION_EXPIRE_AT_BROWSER_CLOSE", **env).stdout.strip() == "True"


def test_production_reads_the_number_of_proxies_from_the_environment():
    env = {**PRODUCTION, "ALLOWED_HOSTS": "clearing.example.org"}
    assert printed_setting("AXES_IPWARE_PROXY_COUNT", **env).stdout.strip() == "0"
    assert printed_setting("AXES_IPWARE_PROXY_COUNT", TRUSTED_PROXIES="2", **env).stdout.strip() == "1"
    direct = printed_setting("AXES_IPWARE_META_PRECEDENCE_ORDER", TRUSTED_PROXIES="0", **env)
    assert direct.stdout.strip() == "('REMOTE_ADDR',)", direct.stderr


def test_an_unlock_whose_audit_entry_fails_unlocks_nothing(client, clerk, make_user, monkeypatch):
    fail_five_times(client)
    admin = type(client)()
    admin.force_login(make_user("verwaltung", roles.ADMINISTRATOR))
    attempt = AccessAttempt.objects.get(username="clerk")

    def failing_record(*args, **kwargs):
        raise DatabaseError("audit log unavailable")

    monkeypatch.setattr("core.login_lockouts.audit.record", failing_record)
    with pytest.raises(DatabaseError):
        admin.post(f"/admin/login-lockouts/{attempt.pk}/unlock/")
    assert AccessAttempt.objects.filter(username="clerk").exists()


def test_the_lockout_list_offers_no_unpaginated_export(client, make_user, bootstrapped):
    AccessAttempt.objects.bulk_create(
        AccessAttempt(username=f"user{n}", ip_address="10.0.0.1", failures_since_start=1) for n in range(30)
    )
    client.force_login(make_user("verwaltung", roles.ADMINISTRATOR))
    response = client.get("/admin/login-lockouts/", {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    shown = set(re.findall(r"\buser\d+\b", response.content.decode()))
    assert 0 < len(shown) < 30  # one page of the list, not all of it
