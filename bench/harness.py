"""What the benchmarks here share: a throw-away database, interleaved rounds, and one table of ratios.

A benchmark script calls ``main(measure, goals=…)``: with ``--database both`` (the default) it runs
itself once on a throw-away SQLite file and once on a throw-away PostgreSQL server started by
``scripts/with-postgres`` (as CI starts it), each in its own process; ``measure(options)`` runs
after ``migrate`` and ``bootstrap`` and returns the rows to print. Ratios, not seconds, are what
compare across machines: each figure and its baseline are timed in the same process, in
interleaved rounds (the order rotates every round), and the median of the rounds is reported.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASES = ("sqlite", "postgres")


class Row(NamedTuple):
    """One line of the table: ``figure`` and ``baseline`` in seconds, ``goal`` the highest ratio wanted.

    ``goal=None``: a figure shown for information (a part of a measure), with no goal of its own.
    """

    measure: str
    figure: float
    baseline_name: str
    baseline: float
    goal: float | None

    @property
    def ratio(self):
        return self.figure / self.baseline


def interleaved(candidates, *, rounds=15, repeat=1, warmup=2):
    """Median seconds per call of each callable in ``candidates`` (a dict), timed in rotating order."""
    names = list(candidates)
    for _ in range(warmup):
        for name in names:
            candidates[name]()
    times = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            for _ in range(repeat):
                candidates[name]()
            times[name].append((time.perf_counter() - started) / repeat)
    return {name: statistics.median(values) for name, values in times.items()}


def print_table(title, rows, out=sys.stdout):
    """The rows as a table; a ratio above its goal is marked, and the exit status says whether any was."""
    print(f"\n{title}", file=out)
    width = max([len(row.measure) for row in rows] + [7])
    base_width = max([len(row.baseline_name) for row in rows] + [8])
    print(
        f"{'measure':<{width}} {'ms':>9}  {'baseline':<{base_width}} {'ms':>9} {'ratio':>7} {'goal':>6}",
        file=out,
    )
    missed = 0
    for row in rows:
        mark = "" if row.goal is None or row.ratio <= row.goal else "  MISSED"
        missed += bool(mark)
        goal = "—" if row.goal is None else f"{row.goal:.2f}x"
        print(
            f"{row.measure:<{width}} {row.figure * 1000:>9.3f}  {row.baseline_name:<{base_width}} "
            f"{row.baseline * 1000:>9.3f} {row.ratio:>6.2f}x {goal:>6}{mark}",
            file=out,
        )
    return missed


def arguments(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", choices=(*DATABASES, "both"), default="both")
    parser.add_argument("--rounds", type=int, default=15, help="Interleaved rounds per figure.")
    parser.add_argument("--sqlite-file", default=None, help="Throw-away SQLite file (default: /tmp/bench-<script>).")
    if extra:
        extra(parser)
    return parser.parse_args()


def setup_django(database, sqlite_file):
    """Settings ``config.settings.dev`` with DEBUG off, on a fresh database, migrated and bootstrapped."""
    if database == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(sqlite_file + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    elif "DATABASE_URL" not in os.environ:
        raise SystemExit("postgres: run under scripts/with-postgres (main() does that itself)")
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("bootstrap", stdout=io.StringIO())


def describe_machine(database):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = "PostgreSQL " + cursor.fetchone()[0].split()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            version = "SQLite " + cursor.fetchone()[0]
    return f"{version}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs"


def main(script, measure, *, description, extra=None):
    """Run ``measure(options) -> [(title, rows)]`` on each database asked for; exit 1 if a goal was missed."""
    options = arguments(description, extra)
    name = Path(script).stem
    if options.database == "both":
        status = 0
        for database in DATABASES:
            status |= subprocess.call([sys.executable, script, *sys.argv[1:], "--database", database])
        raise SystemExit(status)
    if options.database == "postgres" and "DATABASE_URL" not in os.environ:
        os.environ.setdefault("PGPORT", "5499")
        command = [str(BASE_DIR / "scripts/with-postgres"), sys.executable, script, *sys.argv[1:]]
        raise SystemExit(subprocess.call(command))
    sqlite_file = options.sqlite_file or f"/tmp/bench-{name}.sqlite3"
    setup_django(options.database, sqlite_file)
    print(f"== {name} on {describe_machine(options.database)}")
    missed = 0
    try:
        for title, rows in measure(options):
            missed += print_table(title, rows)
    finally:
        if options.database == "sqlite":
            Path(sqlite_file).unlink(missing_ok=True)
    raise SystemExit(1 if missed else 0)
