"""Racing for the last seats on PostgreSQL: one wins, the others are told the time is taken, none sees an error."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from core.contracts import PrivacyNotice
from plugins.scheduling.booking import Contact, book, hold
from plugins.scheduling.links import manage_token
from plugins.scheduling.models import Booking, BookingStatus, Calendar, Move
from plugins.scheduling.slots import open_slots

from . import flow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
RACERS = 50
NOTICE = PrivacyNotice(version="1", language="ro", title="", url="")
TAKEN = "Ne pare rău, această oră tocmai a fost rezervată de altcineva"


@pytest.fixture
def office(bootstrapped, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    settings.SCHEDULING_HOLDS_PER_ADDRESS_HOUR = 0
    settings.SCHEDULING_BOOKINGS_PER_CONTACT_DAY = 0
    return Calendar.objects.get(slug="clearingstelle")


def race(requests):
    """Send each request (a function of a fresh client) from its own thread at once; their responses, in order."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def run(index):
        from django.db import connection as own_connection

        try:
            client = Client()
            barrier.wait(timeout=60)
            responses[index] = requests[index](client)
        except Exception as error:  # collected and asserted below, so nothing is lost
            responses[index] = error
        finally:
            own_connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


def outcome(responses):
    errors = [response for response in responses if isinstance(response, Exception)]
    assert errors == []
    return sorted(response.status_code for response in responses)


def first_free(client, people=1):
    day = flow.free_days(client, people=people)[0]
    return day, flow.free_starts(client, day, people=people)[0]


def booked_at(start):
    bookings = Booking.objects.filter(slot__start=start_of(start)).taking_seats()
    return sum(booking.people for booking in bookings)


def start_of(value):
    return datetime.datetime.fromtimestamp(int(value), datetime.UTC)


def test_fifty_citizens_hold_the_last_seat_and_one_gets_it(office):
    Calendar.objects.filter(pk=office.pk).update(seats_online=1)
    day, start = first_free(Client())
    responses = race([lambda client: flow.hold(client, day, start) for _ in range(RACERS)])
    assert outcome(responses) == [302] + [409] * (RACERS - 1)
    assert all(TAKEN in response.content.decode() for response in responses if response.status_code == 409)
    assert booked_at(start) == 1


def test_fifty_lost_holds_moved_onto_the_last_seat_give_one_booking(office):
    Calendar.objects.filter(pk=office.pk).update(seats_online=4)
    office = Calendar.objects.with_rules().get(pk=office.pk)
    day, start = first_free(Client())
    target = start_of(start)
    for seat in range(3):
        flow.send_details(Client(), flow.token_of(flow.hold(Client(), day, start)), start, email=f"{seat}@example.org")
    later = [int(value) for value in flow.free_starts(Client(), day) if value != start]
    holds = [hold(office, start_of(later[index % len(later)]), 1) for index in range(RACERS)]
    assert all(h.slot.start != target for h in holds)

    def move(index):
        return lambda client: flow.send_details(client, holds[index].token, start, email=f"racer{index}@example.org")

    responses = race([move(index) for index in range(RACERS)])
    assert outcome(responses) == [302] + [409] * (RACERS - 1)
    assert all(TAKEN in response.content.decode() for response in responses if response.status_code == 409)
    assert booked_at(start) == 4
    assert Booking.objects.filter(slot__start=target, status=BookingStatus.BOOKED).count() == 4


def test_families_of_three_against_two_free_seats_are_refused_whole(office):
    Calendar.objects.filter(pk=office.pk).update(seats_online=3)
    day, start = first_free(Client())
    flow.send_details(Client(), flow.token_of(flow.hold(Client(), day, start)), start)
    families = [lambda client: flow.hold(client, day, start, people=3) for _ in range(RACERS // 2)]
    pairs = [lambda client: flow.hold(client, day, start, people=2) for _ in range(RACERS // 2)]
    responses = race(families + pairs)
    assert outcome(responses) == [302] + [409] * (RACERS - 1)
    assert all(response.status_code == 409 for response in responses[: RACERS // 2])
    assert booked_at(start) == 3


def test_fifty_reschedules_onto_the_last_seat_give_one_move(office):
    Calendar.objects.filter(pk=office.pk).update(seats_online=2)
    calendar = Calendar.objects.with_rules().get(pk=office.pk)
    day, start = first_free(Client())
    target = start_of(start)
    # One seat of the two taken first: the slot's row exists, so only its lock can keep the movers apart.
    flow.send_details(Client(), flow.token_of(flow.hold(Client(), day, start)), start, email="first@example.org")
    later = [
        slot.start
        for slot in open_slots(calendar, target.date(), target.date() + datetime.timedelta(days=60))
        if slot.start > target
    ][:RACERS]
    assert len(later) == RACERS
    bookings = []
    for index, moment in enumerate(later):
        held = hold(calendar, moment, 1)
        contact = Contact(name=f"Racer {index}", email=f"mover{index}@example.org", phone="", language="ro")
        bookings.append(book(calendar, held.token, start=moment, people=1, contact=contact, privacy=NOTICE).booking)

    def move(booking):
        link = manage_token(booking)
        return lambda client: client.post(flow.url("move", calendar="clearingstelle", link=link), {"start": start})

    responses = race([move(booking) for booking in bookings])
    assert outcome(responses) == [302] + [409] * (RACERS - 1)
    assert all(TAKEN in response.content.decode() for response in responses if response.status_code == 409)
    assert booked_at(start) == 2
    assert Move.objects.count() == 1
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == RACERS + 1
