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
    assert "password unchanged" in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("first-pass-123")
