"""Scheduling's demo bookings: the past four weeks and the coming two (only ``demo`` imports this module).

The weeks to come are booked through ``booking.hold`` and ``booking.book``, as a citizen
would book them; the past weeks cannot be (a past slot is never offered), so they are
written directly into the seats that the slot computation says were free, each with
what happened on the day: most people checked in (with their ticket), some did not appear.
"""

import datetime
import random
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import audit
from core.contracts import PrivacyNotice
from demo.people import People

from . import waiting as waiting_list
from .booking import Contact, book, hold, new_code
from .models import (
    Attendance,
    Booking,
    BookingStatus,
    Calendar,
    Channel,
    Notice,
    NoticeKind,
    NoticeStatus,
    Outcome,
    Slot,
    Ticket,
)
from .slots import office_zone, open_slots
from .waiting import week_of

PAST_WEEKS = 4
COMING_DAYS = 14
SHARE_BOOKED = 0.6
SHARE_FAILED = 0.05
WAITING = 3
SHARE_NO_SHOW = 0.15
LANGUAGES = {code for code, _name in settings.LANGUAGES}
NOTICE = PrivacyNotice(version="demo", language="de", title="", url="")


def _contact(people, rng, today):
    person = people.person(today)
    language = person.language if person.language in LANGUAGES else "en"
    handle = f"{person.first_names.split()[0]}.{person.surname}".lower().replace(" ", "")
    email = f"{secrets.token_hex(3)}.{handle.encode('ascii', 'ignore').decode() or 'person'}@example.org"
    phone = "" if rng.random() < 0.5 else f"+40 7{rng.randrange(10**7, 10**8)}"
    return Contact(name=f"{person.first_names} {person.surname}", email=email, phone=phone, language=language)


def _past(calendar, people, rng, now):
    since = now - datetime.timedelta(weeks=PAST_WEEKS)
    first = timezone.localtime(since, office_zone()).date()
    slots = [
        slot
        for slot in open_slots(calendar, first, timezone.localdate(now, office_zone()), since, online=False)
        if slot.start < now
    ]
    bookings = []
    for free in slots:
        if rng.random() > SHARE_BOOKED or not free.free_online:
            continue
        slot, _new = Slot.objects.get_or_create(calendar=calendar, start=free.start, defaults={"end": free.end})
        contact = _contact(people, rng, timezone.localtime(free.start, office_zone()).date())
        bookings.append(
            Booking(
                slot=slot,
                token=secrets.token_urlsafe(32),
                code=new_code(),
                status=BookingStatus.BOOKED,
                channel=Channel.ONLINE,
                people=rng.randint(1, free.free_online),
                name=contact.name,
                email=contact.email,
                phone=contact.phone,
                email_key=contact.email_key,
                phone_key=contact.phone_key,
                language=contact.language,
                privacy_version=NOTICE.version,
                privacy_language=contact.language,
                booked_at=free.start - datetime.timedelta(days=rng.randint(1, 20)),
            )
        )
    Booking.objects.bulk_create(bookings)
    _days_of(calendar, bookings, rng)
    return len(bookings)


def _days_of(calendar, bookings, rng):
    """Check-ins (numbered per day in the order of the slots) and no-shows of past bookings."""
    attendances, tickets, numbers = [], [], {}
    for booking in sorted(bookings, key=lambda booking: booking.slot.start):
        came = rng.random() >= SHARE_NO_SHOW
        # The check-in about the slot's time; a no-show when the end-of-day task runs.
        at = booking.slot.start + datetime.timedelta(minutes=rng.randint(-10, 10))
        if not came:
            at = timezone.localtime(booking.slot.end, office_zone()).replace(hour=20, minute=0)
        attendance = Attendance(booking=booking, outcome=Outcome.CHECKED_IN if came else Outcome.NO_SHOW, at=at)
        attendances.append(attendance)
        if came:
            day = timezone.localtime(booking.slot.start, office_zone()).date()
            numbers[day] = numbers.get(day, 0) + 1
            called = at + datetime.timedelta(minutes=rng.randint(1, 20))
            ticket = Ticket(calendar=calendar, day=day, number=numbers[day], attendance=attendance, called_at=called)
            tickets.append(ticket)
    Attendance.objects.bulk_create(attendances)
    Ticket.objects.bulk_create(tickets)


def _coming(calendar, people, rng, now):
    """The coming two weeks, booked in part; the first bookable week in full, with people waiting for it."""
    today = timezone.localdate(now, office_zone())
    slots = open_slots(calendar, today, today + datetime.timedelta(days=COMING_DAYS), now)
    full_week = _week(slots[0].start) if slots else None
    made = []
    for free in slots:
        in_full_week = _week(free.start) == full_week
        if not free.free_online or (rng.random() > SHARE_BOOKED and not in_full_week):
            continue
        seats = free.free_online if in_full_week else rng.randint(1, free.free_online)
        held = hold(calendar, free.start, seats, now=now)
        contact = _contact(people, rng, today)
        made.append(
            book(calendar, held.token, start=free.start, people=seats, contact=contact, privacy=NOTICE, now=now).booking
        )
    _confirmations_sent(made, rng, now)
    for _n in range(WAITING if made else 0):
        waiting_list.join(calendar, full_week, _contact(people, rng, today), rng.randint(1, 2), NOTICE)
    return len(made)


def _week(start):
    return week_of(timezone.localtime(start, office_zone()).date())


def _confirmations_sent(bookings, rng, now):
    """Demo confirmations count as sent, so none goes out; a few failed ones show what the office would see."""
    failed = {"status": NoticeStatus.FAILED, "error": "SMTPRecipientsRefused: 550 mailbox unavailable (demo)"}
    sent = {"status": NoticeStatus.SENT, "sent_at": now}
    Notice.objects.bulk_create(
        Notice(booking=booking, kind=NoticeKind.CONFIRMATION, **(failed if rng.random() < SHARE_FAILED else sent))
        for booking in bookings
        if booking.email
    )


def contribute(request, stdout):
    """The ``DEMO_DATA`` hook: bookings for each calendar bookable online; with ``once``, only while there are none."""
    if request.once and Booking.objects.exists():
        stdout.write(f"Bookings exist: {Booking.objects.count()} (no demo bookings added).")
        return
    rng = random.Random(request.seed)
    people = People(rng, 1)
    now = timezone.now()
    for calendar in Calendar.objects.with_rules().filter(bookable_online=True):
        with transaction.atomic():
            past = _past(calendar, people, rng, now)
            coming = _coming(calendar, people, rng, now)
            audit.record("demo.bookings", Calendar, None, calendar=calendar.slug, bookings=past + coming)
        stdout.write(f"Demo bookings for {calendar.slug}: {past} past, {coming} to come.")
