"""Benchmark of the demo seeding: bulk writes against the one-case-at-a-time services.

Run from the project directory:

    .venv/bin/python bench/seed_demo.py                      # N = 1000 and 10000
    .venv/bin/python bench/seed_demo.py --sizes 1000 100000  # any sizes

It always works on a throw-away SQLite file (``--database``, deleted first),
never on the database in DATABASE_URL: migrate, bootstrap, then

- baseline 1: ``open_case()`` one by one (an open case, nothing else);
- baseline 2: the full path of a registered case through the services:
  ``open_case``, ``save_interview(complete=True)`` with a validated form,
  ``release_case``, ``confirm_registration``;
- ``seed_demo_cases(N)`` for each size.

It prints throughput and ratios against the baselines measured in the same run
(so the numbers compare across machines), not pass/fail.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="Cases per seeding run.")
    parser.add_argument("--baseline", type=int, default=200, help="Cases opened one by one (baseline 1).")
    parser.add_argument("--full-baseline", type=int, default=30, help="Cases taken through every step (baseline 2).")
    parser.add_argument("--database", default="/tmp/bench-seed-demo.sqlite3", help="Throw-away SQLite file.")
    parser.add_argument("--keep", action="store_true", help="Keep the database file afterwards.")
    return parser.parse_args()


def setup(database):
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(database + suffix).unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("bootstrap", stdout=io.StringIO())
    return time.perf_counter() - started


def baseline_open(count):
    from plugins.intake.case_file import open_case

    started = time.perf_counter()
    for i in range(count):
        open_case(surname=f"Popescu{i}", first_names="Ana", birth_date=datetime.date(1990, 1, 2), nationality="RO")
    return (time.perf_counter() - started) / count


def baseline_full(count):
    """Per case: the services a clerk's screens call for one registered case."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from demo.answers import AnswerMaker
    from demo.people import People
    from plugins.intake.case_file import open_case, save_interview
    from plugins.intake.release import confirm_registration, release_case
    from questionnaires.api import published
    from questionnaires.forms import QuestionnaireForm, post_data

    clerk = get_user_model().objects.create_superuser("bench-clerk", password="bench-only-" + os.urandom(8).hex())
    questionnaire, revision, definition = published("erstgespraech")
    people = People(random.Random(1), count)
    maker = AnswerMaker(definition, people)
    today = timezone.localdate()
    posts = []
    for _ in range(count):
        person = people.person(today, follow_up=today + datetime.timedelta(days=2))
        posts.append((person, post_data(definition, maker.answers(person))))
    started = time.perf_counter()
    for person, data in posts:
        case = open_case(
            surname=person.surname,
            first_names=person.first_names,
            birth_date=person.birth_date,
            nationality=person.nationality,
            language=person.language,
            clerk=clerk,
        )
        form = QuestionnaireForm(definition, data=data)
        if not form.is_valid():
            raise SystemExit(f"baseline 2: the form refused the answers: {form.errors}")
        save_interview(case, form, questionnaire=questionnaire, revision=revision, actor=clerk, complete=True)
        certificate = release_case(case, clerk)
        confirm_registration(certificate, clerk)
    return (time.perf_counter() - started) / count


def main():
    options = arguments()
    setup_seconds = setup(options.database)
    from django.conf import settings

    from plugins.intake.demo import seed_demo_cases

    print(f"Database: {options.database} (SQLite, DEBUG={settings.DEBUG}); migrate + bootstrap {setup_seconds:.1f} s")
    print(f"CPUs: {os.cpu_count()}; Python {sys.version.split()[0]}")
    per_open = baseline_open(options.baseline)
    per_full = baseline_full(options.full_baseline)
    print(f"baseline 1  open_case() one by one, {options.baseline} cases: {per_open * 1000:.2f} ms a case")
    print(f"baseline 2  open → interview → release → registered, {options.full_baseline} cases: ", end="")
    print(f"{per_full * 1000:.1f} ms a case")
    print()
    header = f"{'N':>8} {'seconds':>8} {'cases/s':>9} {'rows/s':>9} {'ms/case':>8} {'vs 1':>7} {'vs 2':>7}"
    print(header)
    per_case = None
    for size in options.sizes:
        report = seed_demo_cases(size)
        per_case = report.seconds / report.cases
        print(
            f"{size:>8} {report.seconds:>8.1f} {report.cases / report.seconds:>9.0f} "
            f"{report.rows / report.seconds:>9.0f} {per_case * 1000:>8.2f} "
            f"{per_open / per_case:>6.1f}x {per_full / per_case:>6.0f}x"
        )
    print()
    print("vs 1 / vs 2: how many times faster a seeded case is than baseline 1 / baseline 2 (same run).")
    if per_case and max(options.sizes) < 100_000:
        print(f"N = 100000 at the last rate: about {100_000 * per_case / 60:.1f} min.")
    size_mb = Path(options.database).stat().st_size / 1e6
    print(f"Database file: {size_mb:.0f} MB")
    if not options.keep:
        Path(options.database).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
