"""Benchmark of the case list as the clerk gets it: the same pages at a large size against a small one.

Run from the project directory (PostgreSQL is started by the harness, as CI does):

    PGPORT=5443 .venv/bin/python bench/case_list.py                      # 10 000 vs 100 000, both databases
    .venv/bin/python bench/case_list.py --database sqlite --rounds 9

Timed: a full response of the list (Django test ``Client``, logged in as a clerk of the clerk role,
``DEBUG`` off) — the first page, a name search (``ionita``: accents and case ignored, some thousand
matches at 100 000) and a date-of-birth search (per database the first date of birth that exactly two cases
share: both sizes render as many rows, as both render 50 for the others). The baseline is the same page on a
database of the smallest size, in the same process, in interleaved rounds: each size has its own
database (on PostgreSQL one database per size on the harness's server, on SQLite one file per size),
seeded with ``seed_demo_cases`` (fixed seed) and 12 clerks; the default connection is switched
between them call by call. Goals: each ratio ≤ 1.3×, ≤ 1.5× when the larger size is 1 000 000.

The 1 M run is by hand (seeding takes about half an hour and ~9 GB on PostgreSQL): run against a
server of your own and keep its databases, so a second run seeds nothing and only migrates:

    DATABASE_URL=postgres://postgres@127.0.0.1:5453/postgres \
        .venv/bin/python bench/case_list.py --database postgres --sizes 10000 1000000 --keep
"""

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

CLERKS = 12
SEED = 10
NAME_SEARCH = "ionita"
SHARED_BY = 2  # the date-of-birth search: a date this many cases share, so both sizes show as many rows


def arguments(parser):
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000], help="Baseline and large size.")
    parser.add_argument("--keep", action="store_true", help="Keep the seeded databases; reuse them when seeded.")


def clerk_names():
    return [f"bench-clerk-{i:02d}" for i in range(1, CLERKS + 1)]


def seeded(size):
    """Whether the current database holds exactly the bench's ``size`` demo cases and its clerks."""
    from django.contrib.auth import get_user_model

    from plugins.intake.models import Case

    clerks = get_user_model().objects.filter(username__in=clerk_names()).count()
    return clerks == CLERKS and Case.objects.filter(source_kind="demo").count() == size


def seed(size):
    """The bench's clerks (in the clerk role) and ``size`` demo cases, always the same people (``SEED``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles
    from plugins.intake.demo import seed_demo_cases

    group = Group.objects.get(name=roles.CLERK)
    for username in clerk_names():
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": "Bench", "last_name": username[-2:]}
        )
        user.set_password(username)
        user.save()
        user.groups.add(group)
    return seed_demo_cases(size, seed=SEED)


def shared_birth_date():
    """The first date of birth that exactly ``SHARED_BY`` cases share, as the clerk types it."""
    from django.db.models import Count

    from plugins.intake.models import Case

    dates = Case.objects.values("birth_date").annotate(cases=Count("pk")).filter(cases=SHARED_BY)
    return dates.order_by("birth_date")[0]["birth_date"].strftime("%d.%m.%Y")


class Databases:
    """One database per size beside the harness's own; ``use(size)`` makes it the default connection."""

    def __init__(self, options):
        from django.db import connections

        self.options = options
        self.connections = connections
        self.default = connections["default"]
        self.settings = dict(connections.databases["default"])

    def name(self, size):
        if self.default.vendor == "sqlite":
            return f"/tmp/bench-case_list-{size}.sqlite3"
        return f"case_list_{size}"

    def exists(self, size):
        if self.default.vendor == "sqlite":
            return Path(self.name(size)).exists()
        with self.default.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name(size)])
            return cursor.fetchone() is not None

    def drop(self, size):
        if self.default.vendor == "sqlite":
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(self.name(size) + suffix).unlink(missing_ok=True)
        else:
            with self.default.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name(size)}"')

    def create(self, size):
        if self.default.vendor != "sqlite":
            with self.default.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name(size)}"')

    def use(self, size):
        alias = f"size_{size}"
        if alias not in self.connections.databases:
            self.connections.databases[alias] = {**self.settings, "NAME": self.name(size)}
        self.connections["default"] = self.connections[alias]

    def prepare(self, size):
        """A database of ``size`` cases: the kept one if ``--keep`` and seeded (migrated to now), else seeded anew."""
        from django.core.management import call_command

        if self.options.keep and self.exists(size):
            self.use(size)
            call_command("migrate", verbosity=0)
            kept = seeded(size)
            self.connections["default"] = self.default
            self.connections[f"size_{size}"].close()
            if kept:
                print(f"  {size} cases: kept database {self.name(size)} (migrated)")
                return
        self.drop(size)
        self.create(size)
        self.use(size)
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("bootstrap", stdout=io.StringIO())
        report = seed(size)
        print(f"  {size} cases: seeded in {report.seconds:.0f} s ({self.name(size)})")
        self.connections["default"] = self.default

    def close(self):
        self.connections["default"] = self.default
        for size in self.options.sizes:
            alias = f"size_{size}"
            if alias in self.connections.databases:
                self.connections[alias].close()
            if not self.options.keep:
                self.drop(size)


def measure(options):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    databases = Databases(options)
    small, large = options.sizes
    try:
        for size in options.sizes:
            databases.prepare(size)
        index = reverse("intake_case:index")
        clients = {}
        for size in options.sizes:
            databases.use(size)
            clients[size] = Client(HTTP_HOST="localhost")
            clients[size].force_login(get_user_model().objects.get(username=clerk_names()[0]))

        def page(size, query):
            def get():
                databases.use(size)
                response = clients[size].get(index, query)
                assert response.status_code == 200, response.status_code

            return get

        pages = {"first page": lambda size: {}, f"name search ({NAME_SEARCH})": lambda size: {"q": NAME_SEARCH}}
        dates = {}
        for size in options.sizes:
            databases.use(size)
            dates[size] = shared_birth_date()
        pages[f"date-of-birth search ({SHARED_BY} cases)"] = lambda size: {"q": dates[size]}
        goal = 1.5 if large >= 1_000_000 else 1.3
        rows = []
        for title, query in pages.items():
            calls = {size: page(size, query(size)) for size in options.sizes}
            times = harness.interleaved(calls, rounds=options.rounds)
            rows.append(harness.Row(f"{title} at {large}", times[large], f"at {small}", times[small], goal))
    finally:
        databases.close()
    return [(f"case list, {large} vs {small} cases", rows)]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__.split("\n\n")[0], extra=arguments)
