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
    assert "passwords unchanged" in out.getvalue()
    assert get_user_model().objects.filter(username__in=DEMO_USERS).count() == len(DEMO_USERS)


def test_production_settings_do_not_install_the_demo_app():
    production = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "clearing.example.org"}
    result = printed_setting("INSTALLED_APPS", DJANGO_SETTINGS_MODULE="config.settings.production", **production)
    assert "'questionnaires'" in result.stdout, result.stderr
    assert "'demo'" not in result.stdout
    assert "'demo'" in printed_setting("INSTALLED_APPS", DJANGO_SETTINGS_MODULE="config.settings.dev").stdout
