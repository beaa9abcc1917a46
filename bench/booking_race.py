"""Racing for the last seat over real HTTP: gunicorn with several workers, many citizens per slot, 1,000 slots.

    .venv/bin/python bench/booking_race.py                       # SQLite, then PostgreSQL (scripts/with-postgres)
    .venv/bin/python bench/booking_race.py --database postgres --races 200 --racers 8 --workers 4

The calendar is set to one online seat per five-minute slot, every day 08:00–20:00, as many
days ahead as the races need. For each slot (one race), ``--racers`` citizens, each with their
own session (opened once, before the races), send the "hold this time" form at the same moment
(a barrier); whoever gets the hold sends the booking form. Afterwards the database is asked how
many seats each slot holds. Printed: the answers, double bookings (slots holding more than their
seat: must be 0, the exit status is 1 otherwise), server errors, and bookings per second (seats
booked over the wall time of all races). The workers' log goes to ``/tmp/booking_race-gunicorn.log``.
The abuse limits are switched off for the run (``SCHEDULING_*`` = 0), as the tests do.

The table row compares a contested race (all racers, one winner, the winner's booking) with an
uncontested booking (one citizen, a slot to themself) over the same HTTP: what the race adds.
"""

import datetime
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

LIMITS_OFF = {
    "SCHEDULING_HOLDS_PER_ADDRESS_HOUR": "0",
    "SCHEDULING_BOOKINGS_PER_CONTACT_DAY": "0",
    "SCHEDULING_OPEN_BOOKINGS_PER_CONTACT": "0",
}
os.environ.update(LIMITS_OFF)
SLOTS_PER_DAY = 12 * 12  # 08:00–20:00 in five minutes
UNCONTESTED = 20
WORKER_LOG = "/tmp/booking_race-gunicorn.log"  # single bookings, each of a slot nobody else wants: the baseline


def options_of(parser):
    parser.add_argument("--races", type=int, default=1000, help="Slots raced for (one seat each).")
    parser.add_argument("--racers", type=int, default=8, help="Citizens racing for each seat.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes.")


def prepare_calendar(count):
    """One seat per five-minute slot, every day, as many days as needed; the first ``count`` slots, in UTC."""
    from plugins.scheduling.models import Calendar, OpeningRule
    from plugins.scheduling.slots import bookable_range, open_slots

    calendar = Calendar.objects.get(slug="clearingstelle")
    days = count // SLOTS_PER_DAY + 3  # the lead time, and slots of today already past
    Calendar.objects.filter(pk=calendar.pk).update(slot_minutes=5, seats_online=1, seats_staff=0, horizon_days=days)
    OpeningRule.objects.filter(calendar=calendar).delete()
    OpeningRule.objects.bulk_create(
        OpeningRule(calendar=calendar, weekday=day, start=datetime.time(8), end=datetime.time(20)) for day in range(7)
    )
    calendar = Calendar.objects.with_rules().get(pk=calendar.pk)
    first, last = bookable_range(calendar)
    slots = open_slots(calendar, first, last)[:count]
    if len(slots) < count:
        raise SystemExit(f"only {len(slots)} slots to race for, {count} needed")
    return [(slot.start.astimezone(datetime.UTC), str(int(slot.start.timestamp()))) for slot in slots]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(workers, probe):
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    log = open(WORKER_LOG, "a")  # kept open for the server's lifetime
    server = subprocess.Popen(command, cwd=harness.BASE_DIR, env=os.environ.copy(), stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(300):
        try:
            urllib.request.urlopen(f"{base}{probe}", timeout=30).read()
            return server, base
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Citizen:
    """One browser: its own cookies (session, CSRF), sending the forms as a browser without JavaScript would."""

    def __init__(self, base):
        self.base = base
        self.token = None
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(f"{self.base}{path}", data=body, headers={"Referer": self.base})
        try:
            response = self.opener.open(request, timeout=120)
            return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", "")

    def csrf_token(self, path):
        """The form's CSRF token, from the first page this citizen opened (it stays valid for the session)."""
        if self.token is None:
            page = self.opener.open(f"{self.base}{path}", timeout=60).read().decode()
            self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.token


def race(citizens, day, start, round_number, tally):
    path = f"/ro/termin/clearingstelle/{day}/"
    tokens = [citizen.csrf_token(path) for citizen in citizens]
    barrier = threading.Barrier(len(citizens))
    results = [None] * len(citizens)

    def run(index):
        citizen = citizens[index]
        barrier.wait(timeout=120)
        status, location = citizen.post(path, {"csrfmiddlewaretoken": tokens[index], "start": start, "people": 1})
        if status == 302:
            form_path = urllib.parse.urlparse(location).path
            booked, _ = citizen.post(
                form_path,
                {
                    "csrfmiddlewaretoken": tokens[index],
                    "start": start,
                    "people": 1,
                    "name": f"Racer {round_number}-{index}",
                    "email": f"racer{round_number}-{index}@example.org",
                    "language": "ro",
                    "privacy": "on",
                },
            )
            results[index] = (status, booked)
        else:
            results[index] = (status, None)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(citizens))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for hold_status, book_status in results:
        tally["holds won" if hold_status == 302 else f"hold {hold_status}"] += 1
        if book_status is not None:
            tally["booked" if book_status == 302 else f"book {book_status}"] += 1


def day_of(start):
    from django.utils import timezone

    return timezone.localtime(start).date().isoformat()


def measure(options):
    from django.db import connection
    from django.db.models import Count, Sum

    from plugins.scheduling.models import Booking, BookingStatus

    slots = prepare_calendar(options.races + UNCONTESTED)
    connection.close()
    server, base = start_gunicorn(options.workers, f"/de/termin/clearingstelle/{day_of(slots[0][0])}/")
    try:
        citizens = [Citizen(base) for _ in range(options.racers)]
        tally = Counter()
        started = time.perf_counter()
        race_times = []
        for number, (start_utc, start) in enumerate(slots[: options.races]):
            began = time.perf_counter()
            race(citizens, day_of(start_utc), start, number, tally)
            race_times.append(time.perf_counter() - began)
        elapsed = time.perf_counter() - started
        alone_times = []
        for number, (start_utc, start) in enumerate(slots[options.races :]):
            began = time.perf_counter()
            race([Citizen(base)], day_of(start_utc), start, f"alone{number}", Counter())
            alone_times.append(time.perf_counter() - began)
    finally:
        server.terminate()
        server.wait(timeout=30)

    seats = (
        Booking.objects.taking_seats()
        .values("slot_id")
        .annotate(seats=Sum("people"), bookings=Count("id"))
        .filter(seats__gt=1)
    )
    double = seats.count()
    booked = Booking.objects.filter(status=BookingStatus.BOOKED).count() - UNCONTESTED
    errors = sum(count for key, count in tally.items() if key.endswith(("500", "502", "503", "504")))
    print(f"races: {options.races}, racers per seat: {options.racers}, gunicorn workers: {options.workers}")
    print(f"answers: {dict(sorted(tally.items()))}")
    print(f"double bookings: {double}")
    print(f"server errors: {errors}")
    print(f"bookings/s: {booked / elapsed:.1f} ({booked} booked in {elapsed:.1f} s)")
    if double or errors or booked != options.races:
        print("FAILED: every race must end in exactly one booking, without a server error")
        raise SystemExit(1)
    row = harness.Row(
        "contested race", statistics.median(race_times), "uncontested", statistics.median(alone_times), None
    )
    return [("Race for one seat over HTTP (a hold and its booking)", [row])]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__.splitlines()[0], extra=options_of)
