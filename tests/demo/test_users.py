"""Demo logins and the demo app's place: dev and test only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core import roles
from demo.users import DEMO_USERS, ensure_demo_users

from ..core.test_settings import STRONG_KEY, printed_setting

pytestmark = pytest.mark.django_db


def test_demo_adds_one_user_per_role_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("bootstrap")
    ensure_demo_users(io.StringIO())
    clerk = get_user_model().objects.get(username="sachbearbeitung")
    assert clerk.check_password("demo-pass-123") and clerk.groups.filter(name=roles.CLERK).exists()
    out = io.StringIO()
    ensure_demo_users(out)
    assert "their passwords were left unchanged" in out.getvalue()
    assert get_user_model().objects.filter(username__in=DEMO_USERS).count() == len(DEMO_USERS)


def test_says_which_password_is_in_force(monkeypatch):
    call_command("bootstrap")
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    out = io.StringIO()
    ensure_demo_users(out)
    assert "Demo password: the one you set in DEMO_PASSWORD" in out.getvalue()
    assert "demo-pass-123" not in out.getvalue()
    get_user_model().objects.get(username="controlling").delete()
    monkeypatch.delenv("DEMO_PASSWORD")
    out = io.StringIO()
    ensure_demo_users(out)
    password = out.getvalue().split("Demo password: ")[1].strip()
    assert get_user_model().objects.get(username="controlling").check_password(password)
    assert "Demo users created: controlling" in out.getvalue()
    assert "(their passwords were left unchanged)" in out.getvalue()


def test_demo_password_applies_only_when_a_demo_user_is_created(monkeypatch):
    call_command("bootstrap")
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    ensure_demo_users(io.StringIO())
    monkeypatch.setenv("DEMO_PASSWORD", "other-pass-456")
    out = io.StringIO()
    ensure_demo_users(out)
    assert get_user_model().objects.get(username="sachbearbeitung").check_password("demo-pass-123")
    assert "DEMO_PASSWORD applies only when a demo user is created." in out.getvalue()


def test_production_settings_do_not_install_the_demo_app():
    production = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "clearing.example.org"}
    result = printed_setting("INSTALLED_APPS", DJANGO_SETTINGS_MODULE="config.settings.production", **production)
    assert "'questionnaires'" in result.stdout, result.stderr
    assert "'demo'" not in result.stdout
    assert "'demo'" in printed_setting("INSTALLED_APPS", DJANGO_SETTINGS_MODULE="config.settings.dev").stdout
