"""Start-up failures give one clear line; production settings are safe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7#Qz!p2Lw9@Xv4$Rt8^Mn3&Jb6*Hc1(Gd5)Fe0_Sa7+Ty2=Ui9-Op4~Zx8"


def manage(*args, **env):
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "WAGTAILADMIN_BASE_URL")
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def printed_setting(expression, **env):
    """``settings.<expression>`` as a fresh process with this environment prints it."""
    code = f"from django.conf import settings; print(settings.{expression})"
    return manage("shell", "--no-imports", "-c", code, **env)


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: Production settings: Set the SECRET_KEY")
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 2
    assert "ALLOWED_HOSTS" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_passes_the_deploy_check_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="clearing.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_never_debugs_even_when_asked():
    result = printed_setting(
        "DEBUG",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="clearing.example.org",
        DEBUG="true",
    )
    assert result.stdout.strip() == "False", result.stderr


def test_unreachable_database_is_one_line_naming_it():
    result = manage(
        "migrate",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="postgres://clearing:secret@127.0.0.1:1/clearing",
    )
    assert result.returncode == 3
    assert result.stderr.startswith("Database unreachable (postgres://clearing:***@127.0.0.1:1/clearing):")
    assert "secret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_default_database_is_sqlite_and_default_broker_the_orm():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], settings.Q_CLUSTER['orm'])"
    result = manage("shell", "--no-imports", "-c", code, DJANGO_SETTINGS_MODULE="config.settings.dev")
    assert result.stdout.split() == ["django.db.backends.sqlite3", "default"], result.stderr


def test_production_refuses_demo_data():
    result = manage(
        "bootstrap",
        "--demo",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="clearing.example.org",
    )
    assert result.returncode == 1
    assert "DEMO_DATA_ALLOWED" in result.stderr and "Traceback" not in result.stderr


def test_production_prints_links_to_the_first_allowed_host():
    result = printed_setting(
        "WAGTAILADMIN_BASE_URL",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS=".clearing.example.org,10.0.0.5",
    )
    assert result.stdout.strip() == "https://clearing.example.org", result.stderr


def test_production_wants_a_base_url_when_no_host_is_named():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="*"
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: Production settings: set WAGTAILADMIN_BASE_URL (ALLOWED_HOSTS names no host)."
    )
