"""Scheduling's demo bookings: past weeks and the coming two, within the seats, added once."""

import io
from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from core.contracts import DemoRequest
from plugins.scheduling.demo import contribute
from plugins.scheduling.models import Booking, BookingStatus, Notice, NoticeKind, WaitingListEntry, WaitingStatus
from plugins.scheduling.waiting import full_weeks

pytestmark = pytest.mark.django_db


def test_demo_bookings_fill_past_and_coming_weeks_within_the_seats(bootstrapped):
    out = io.StringIO()
    contribute(DemoRequest(arrivals=10, seed=3, once=True), out)
    now = timezone.now()
    bookings = list(Booking.objects.select_related("slot__calendar"))
    assert any(b.slot.start < now for b in bookings) and any(b.slot.start > now for b in bookings)
    assert all(b.status == BookingStatus.BOOKED and b.code for b in bookings)
    assert {timezone.localtime(b.slot.start).weekday() for b in bookings} <= {1, 3}
    seats = Counter()
    for booking in bookings:
        seats[booking.slot_id] += booking.people
    assert max(seats.values()) <= bookings[0].slot.calendar.seats_online
    assert "Demo bookings for clearingstelle" in out.getvalue()

    contribute(DemoRequest(arrivals=10, seed=3, once=True), io.StringIO())
    assert Booking.objects.count() == len(bookings)


def test_demo_fills_a_week_with_people_waiting_and_sends_no_email(bootstrapped, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contribute(DemoRequest(arrivals=10, seed=3, once=True), io.StringIO())
    assert mail.outbox == []
    entries = list(WaitingListEntry.objects.select_related("calendar"))
    assert len(entries) == 3 and all(entry.status == WaitingStatus.WAITING for entry in entries)
    assert entries[0].week in full_weeks(entries[0].calendar, 1)
    coming = Booking.objects.filter(slot__start__gt=timezone.now()).exclude(email="")
    assert Notice.objects.filter(kind=NoticeKind.CONFIRMATION).count() == coming.count()


def test_the_demo_past_has_check_ins_with_tickets_and_no_shows(bootstrapped):
    from plugins.scheduling.models import Attendance, Outcome, Ticket

    contribute(DemoRequest(arrivals=10, seed=5, once=True), io.StringIO())
    past = Booking.objects.filter(slot__start__lt=timezone.now())
    outcomes = Counter(Attendance.objects.values_list("outcome", flat=True))
    assert outcomes[Outcome.CHECKED_IN] and outcomes[Outcome.NO_SHOW]
    assert sum(outcomes.values()) == past.count()
    assert Ticket.objects.count() == outcomes[Outcome.CHECKED_IN]
    assert not Attendance.objects.filter(booking__slot__start__gt=timezone.now()).exists()
