import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client, TransactionTestCase
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Site

from core import audit, roles
from core.bootstrap import run_bootstrap

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Bootstrap once per run, on emptied tables; each test's transaction starts from that state.

    ``--reuse-db`` keeps the migrated schema (the slow part) and also the rows an earlier
    run's bootstrap wrote: a permission since taken from a role, a shipped questionnaire
    since changed. Bootstrap adds what is missing and leaves those alone, so the kept rows
    would hide a broken bootstrap; flushed first, the run sees what bootstrap builds now.
    """
    with django_db_blocker.unblock():
        with audit.purging():
            call_command("flush", interactive=False, verbosity=0)
        run_bootstrap(demo=False, stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def flush_may_purge_the_audit_log():
    """A transactional test ends with a flush of every table; the audit log's triggers let only a purge do that."""
    flush = TransactionTestCase._fixture_teardown

    def purging_flush(self):
        with audit.purging():
            flush(self)

    TransactionTestCase._fixture_teardown = purging_flush
    yield
    TransactionTestCase._fixture_teardown = flush


@pytest.fixture(autouse=True)
def default_language():
    """A request through the locale middleware leaves its language active; each test starts from German."""
    translation.activate("de")
    yield
    translation.deactivate()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush; rebuild once, committed, so later tests need not each time."""
    result = yield
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        with item.config.stash[blocking_manager_key].unblock():
            run_bootstrap(demo=False, stdout=io.StringIO())
    return result


class AxesClient(Client):
    """Django's test client, whose ``login`` hands ``authenticate`` a request, as django-axes needs."""

    def login(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        return super().login(request=request, **credentials)


@pytest.fixture
def client():
    return AxesClient()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache; user ids repeat after each test's rollback; pages are cached."""
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def bootstrapped(db):
    """Roles, locales, site, home pages and questionnaires, as `manage.py bootstrap` makes them.

    Usually already there from the session's setup; after a live-server test's
    flush (which also removes Wagtail's root page, Site and Locales) it is rebuilt.
    """
    if not (Group.objects.filter(name=roles.ADMINISTRATOR).exists() and Site.objects.exists()):
        run_bootstrap(demo=False, stdout=io.StringIO())


@pytest.fixture
def make_user(db):
    def make(username, *roles, password="pw-for-tests-only", **extra):
        user = get_user_model().objects.create_user(username=username, password=password, **extra)
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def clerk(make_user, bootstrapped):
    return make_user("clerk", roles.CLERK)


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
