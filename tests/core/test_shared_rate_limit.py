"""Rate limits count in a cache every worker shares and a restart keeps (``core.rate_limit``)."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core import roles
from core.rate_limit import FailureBudget

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "clearing.example.org"}

# One worker: the production cache, the test database, one clerk posting unknown codes.
WORKER = """
import json, sys
import django
from django.conf import settings
from config.settings import production

settings.CACHES = production.CACHES
settings.DATABASES["default"]["NAME"] = sys.argv[1]
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

client = Client()
client.force_login(get_user_model().objects.get(username="buero"))
codes = [f"ZZZZ-ZZZZ-{sys.argv[2]}-{number:04d}" for number in range(int(sys.argv[3]))]
print(json.dumps([client.post(reverse("intake_verify"), {"code": code}).status_code for code in codes]))
"""


def start_worker(name, posts):
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, connection.settings_dict["NAME"], name, str(posts)],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def statuses(worker):
    out, err = worker.communicate(timeout=300)
    assert worker.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def production_cache(monkeypatch):
    """The production settings' cache, its table in the test database, empty."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    production = importlib.import_module("config.settings.production")
    with override_settings(CACHES=production.CACHES):
        call_command("createcachetable")
        cache.clear()
        yield
        cache.clear()


@pytest.mark.django_db(transaction=True)
def test_unknown_codes_count_across_workers_and_restarts(make_user, bootstrapped, production_cache):
    make_user("buero", roles.CITIZENS_OFFICE)

    first, second = start_worker("AAAA", 8), start_worker("BBBB", 8)
    answered = statuses(first) + statuses(second)
    after_restart = statuses(start_worker("CCCC", 1))

    assert (answered.count(200), answered.count(429)) == (10, 6)
    assert after_restart == [429]


def test_a_budget_slot_given_back_is_free_again():
    budget = FailureBudget("test", limit=2, window=60)
    first = budget.take("clerk:10.0.0.1")
    assert budget.take("clerk:10.0.0.1") is not None
    assert budget.exhausted("clerk:10.0.0.1") and budget.take("clerk:10.0.0.1") is None
    assert not budget.exhausted("clerk:10.0.0.2")
    budget.give_back(first)
    assert not budget.exhausted("clerk:10.0.0.1")
