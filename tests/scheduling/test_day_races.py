"""Two clerks (or a clerk and the end-of-day task) acting on the same day at once, on PostgreSQL."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory

from core import roles
from core.contracts import PersonCore
from plugins.intake.models import Case
from plugins.scheduling.day import call_next, check_in, mark_no_shows
from plugins.scheduling.models import Attendance, Outcome, Ticket

from .day_helpers import make_booking, today_at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RACERS = 20


@pytest.fixture
def day_calendar(make_calendar, bootstrapped):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    return make_calendar(slug="rennen", seats_online=50, seats_staff=50)


@pytest.fixture
def clerk_request(bootstrapped):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="racer", password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name=roles.CLERK))
    request = RequestFactory().post("/")
    request.user = get_user_model().objects.get(pk=user.pk)
    return request


def race(actions):
    """Run each action in its own thread (its own connection) at once; what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index):
        from django.db import connection as own_connection

        try:
            barrier.wait(timeout=60)
            results[index] = actions[index]()
        except Exception as error:  # collected and asserted below
            results[index] = error
        finally:
            own_connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def person(n):
    return PersonCore(surname=f"Racer{n}", first_names="Ana", birth_date=datetime.date(1990, 1, 1), language="ro")


def test_twenty_check_ins_of_one_booking_give_one_ticket_and_one_case(day_calendar, clerk_request):
    booking = make_booking(day_calendar, today_at(9))
    now = today_at(9, 5)
    results = race([lambda: check_in(booking, [person(0)], clerk_request, now=now) for _ in range(RACERS)])
    assert [result for result in results if isinstance(result, Exception)] == []
    assert sorted(result.again for result in results) == [False] + [True] * (RACERS - 1)
    assert Attendance.objects.count() == 1 and Ticket.objects.count() == 1
    assert Case.objects.filter(source_id=booking.code).count() == 1


def test_twenty_check_ins_at_once_get_twenty_numbers(day_calendar, clerk_request):
    bookings = [make_booking(day_calendar, today_at(9), name=f"Ana Racer{n}") for n in range(RACERS)]
    now = today_at(9, 5)
    results = race([lambda b=b, n=n: check_in(b, [person(n)], clerk_request, now=now) for n, b in enumerate(bookings)])
    assert [result for result in results if isinstance(result, Exception)] == []
    assert sorted(Ticket.objects.values_list("number", flat=True)) == list(range(1, RACERS + 1))


def test_two_clerks_calling_at_once_never_call_one_number_twice(day_calendar, clerk_request):
    for n in range(RACERS):
        booking = make_booking(day_calendar, today_at(9), name=f"Ana Racer{n}")
        check_in(booking, [person(n)], clerk_request)
    results = race([lambda: call_next(day_calendar, clerk_request.user) for _ in range(RACERS + 5)])
    assert [result for result in results if isinstance(result, Exception)] == []
    called = [result.number for result in results if result is not None]
    assert sorted(called) == list(range(1, RACERS + 1))
    assert results.count(None) == 5


def test_the_end_of_day_task_and_late_check_ins_leave_one_outcome_per_booking(day_calendar, clerk_request):
    bookings = [make_booking(day_calendar, today_at(9), name=f"Ana Racer{n}") for n in range(RACERS)]
    late = today_at(23, 50)
    actions = [lambda: mark_no_shows(now=late) for _ in range(5)]
    actions += [lambda b=b, n=n: check_in(b, [person(n)], clerk_request, now=late) for n, b in enumerate(bookings[:10])]
    results = race(actions)
    assert [result for result in results if isinstance(result, Exception)] == []
    assert Attendance.objects.count() == RACERS
    assert Attendance.objects.filter(booking__in=bookings[:10], outcome=Outcome.CHECKED_IN).count() == 10
    assert Attendance.objects.filter(booking__in=bookings[10:], outcome=Outcome.NO_SHOW).count() == 10
