"""The plugin contract: which sets of plugins start, and how a wrong set fails."""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.plugins import available_plugins, parse_plugin_list

ROOT = Path(__file__).resolve().parents[2]

ALLOWED_SUBSETS = [
    "",
    "intake",
    "scheduling",
    "intake,scheduling",
    "intake,referrals",
    "intake,scheduling,referrals",
]

# A fresh database, bootstrapped, and ``client`` logged in to the admin as a superuser.
ADMIN_SESSION = """
import django, sys
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
call_command("migrate", verbosity=0)
call_command("bootstrap", stdout=open("/dev/null", "w"))
client = Client(HTTP_HOST="localhost")
client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
"""

SERVE_ADMIN = (
    ADMIN_SESSION
    + """
from django.apps import apps
response = client.get("/admin/")
plugins = sorted(c.label for c in apps.get_app_configs() if c.name.startswith("plugins."))
german = "Dashboard" in response.text and 'lang="de"' in response.text
print(response.status_code, ",".join(plugins), german, sep="|")
"""
)


def run_python(code, tmp_path, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


def test_the_three_plugins_are_available():
    assert available_plugins() == ["intake", "referrals", "scheduling"]


def test_unknown_plugin_is_named_with_the_valid_ones():
    with pytest.raises(ImproperlyConfigured, match=r"unknown plugin 'booking' \(available: intake, referrals"):
        parse_plugin_list("intake,booking")


def test_unmet_need_names_plugin_and_need():
    with pytest.raises(ImproperlyConfigured, match="plugin 'referrals' needs 'intake', which is not enabled"):
        parse_plugin_list("scheduling, referrals")


def test_order_and_duplicates_are_forgiven():
    assert parse_plugin_list(" referrals ; intake,intake ") == ["referrals", "intake"]


def test_each_allowed_subset_migrates_and_serves_the_admin(tmp_path_factory):
    folders = {subset: tmp_path_factory.mktemp("plugins") for subset in ALLOWED_SUBSETS}

    def start(subset):
        return subset, run_python(SERVE_ADMIN, folders[subset], CLEARING_PLUGINS=subset)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(start, ALLOWED_SUBSETS))
    for subset, result in results:
        assert result.returncode == 0, f"{subset!r}: {result.stderr[-2000:]}"
        status, plugins, german_dashboard = result.stdout.strip().splitlines()[-1].split("|")
        assert status == "200", subset
        assert plugins == ",".join(sorted(filter(None, subset.split(",")))), subset
        assert german_dashboard == "True", subset


@pytest.mark.parametrize(
    "subset, message",
    [
        ("referrals", "Configuration error: CLEARING_PLUGINS: plugin 'referrals' needs 'intake'"),
        ("intake,forms", "Configuration error: CLEARING_PLUGINS: unknown plugin 'forms'"),
    ],
)
def test_invalid_subset_stops_manage_py_with_one_line(tmp_path, subset, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "CLEARING_PLUGINS": subset, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_platform_never_imports_a_plugin():
    plugin_import = re.compile(r"^\s*(from|import)\s+plugins\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("config", "pages", "core", "questionnaires", "demo")
        for path in (ROOT / folder).rglob("*.py")
        if plugin_import.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_plugins_never_import_each_other_and_reach_the_engine_through_its_api():
    """A plugin may import only itself, the platform, and of the engine only ``questionnaires.api``."""
    imports = re.compile(r"^\s*(?:from|import)\s+((?:plugins|questionnaires)(?:\.\w+)*)", re.MULTILINE)
    offenders = []
    for name in available_plugins():
        for path in (ROOT / "plugins" / name).rglob("*.py"):
            for module in imports.findall(path.read_text(encoding="utf-8")):
                own = module == f"plugins.{name}" or module.startswith(f"plugins.{name}.")
                if not own and module != "questionnaires.api":
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []
