import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core import roles

pytestmark = pytest.mark.django_db


def test_generates_and_prints_a_password_that_works(capsys, monkeypatch, bootstrapped):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("Password: ")[1].strip()
    user = get_user_model().objects.get(username="admin")
    assert "Administrator: admin" in out
    assert len(password) >= 16 and user.check_password(password)
    assert user.is_superuser and user.groups.filter(name=roles.ADMINISTRATOR).exists()


def test_takes_the_password_from_the_environment(capsys, monkeypatch, bootstrapped):
    monkeypatch.setenv("ADMIN_PASSWORD", "from-env-123")
    call_command("ensure_admin")
    assert "from-env-123" not in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("from-env-123")


def test_second_run_keeps_the_password(capsys, monkeypatch, bootstrapped):
    monkeypatch.setenv("ADMIN_PASSWORD", "first-pass-123")
    call_command("ensure_admin")
    monkeypatch.delenv("ADMIN_PASSWORD")
    call_command("ensure_admin")
    assert "its password was left unchanged" in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("first-pass-123")


def test_says_which_password_is_in_force_when_it_comes_from_the_environment(capsys, monkeypatch, bootstrapped):
    monkeypatch.setenv("ADMIN_PASSWORD", "from-env-123")
    call_command("ensure_admin")
    assert "Password: the one you set in ADMIN_PASSWORD" in capsys.readouterr().out


def test_admin_password_applies_only_when_the_administrator_is_created(capsys, monkeypatch, bootstrapped):
    """Like DEMO_PASSWORD: a later run must not undo a password changed in the admin."""
    monkeypatch.setenv("ADMIN_PASSWORD", "first-pass-123")
    call_command("ensure_admin")
    capsys.readouterr()
    monkeypatch.setenv("ADMIN_PASSWORD", "second-pass-456")
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("first-pass-123")
    assert "Administrator 'admin' exists; its password was left unchanged." in out
    assert "ADMIN_PASSWORD applies only when the administrator is created" in out
    assert "second-pass-456" not in out
