"""Scheduling's tasks (django-q2): confirmations, cancellations, reminders, waiting-list offers, rule changes.

``booking.py`` queues the first three by their path once a change is committed; the
schedule created by ``bootstrap`` runs ``run`` every quarter of an hour: reminders for
tomorrow's appointments, waiting-list offers that ran out, and seats that became free without a
cancellation (an expired hold, seats added by the office) offered to the waiting list.
"""

import datetime

from django.utils import timezone
from django_q.models import Schedule

from . import waiting
from .emails import send_to_holder
from .models import Booking, BookingStatus, NoticeKind, Slot, WaitingListEntry, WaitingStatus
from .slots import office_zone

SCHEDULE_NAME = "Termine: Erinnerungen und Warteliste"
SCHEDULE_FUNC = "plugins.scheduling.notifications.run"
SCHEDULE_MINUTES = 15
REMINDERS_FROM = datetime.time(9, 0)  # the day before, from this time on (no email at night)


def booked(booking_id):
    booking = Booking.objects.select_related("slot__calendar").get(pk=booking_id)
    return send_to_holder(booking, NoticeKind.CONFIRMATION)


def cancelled(booking_id):
    booking = Booking.objects.select_related("slot__calendar").get(pk=booking_id)
    if hasattr(booking, "moved_to"):
        return None  # a move: the new booking's confirmation says it all
    return send_to_holder(booking, NoticeKind.CANCELLATION, still_booked=False)


def seat_freed(slot_id):
    """A seat of the slot became free: offer it to the waiting list of its week, if anyone waits."""
    slot = Slot.objects.select_related("calendar").get(pk=slot_id)
    week = waiting.week_of(timezone.localtime(slot.start, office_zone()).date())
    if WaitingListEntry.objects.filter(calendar=slot.calendar, week=week, status=WaitingStatus.WAITING).exists():
        return waiting.offer_free_seats(slot.calendar, week)
    return []


def due_reminders(now):
    """Bookings of tomorrow with an address and no reminder yet, booked before today (the confirmation is fresh)."""
    zone = office_zone()
    local = timezone.localtime(now, zone)
    if local.time() < REMINDERS_FROM:
        return Booking.objects.none()
    today = datetime.datetime.combine(local.date(), datetime.time.min, tzinfo=zone)
    tomorrow = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(local.date() + datetime.timedelta(days=2), datetime.time.min, tzinfo=zone)
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED, slot__start__gte=tomorrow, slot__start__lt=after, booked_at__lt=today
        )
        .exclude(email="")
        .exclude(notices__kind=NoticeKind.REMINDER)
        .select_related("slot__calendar")
    )


def send_reminders(now=None):
    """One reminder per booking, the day before; the number sent (a second run at once sends none twice)."""
    now = now or timezone.now()
    return sum(1 for booking in due_reminders(now) if send_to_holder(booking, NoticeKind.REMINDER) is not None)


def tell_of_rule_change(bookings):
    """Email the holders of bookings a calendar's new rules leave out (once per booking); the number told."""
    return sum(1 for booking in bookings if send_to_holder(booking, NoticeKind.RULE_CHANGE) is not None)


def run(now=None):
    """The scheduled task: reminders, offers that ran out passed on, seats freed otherwise offered."""
    now = now or timezone.now()
    return {"reminders": send_reminders(now), "passed_on": waiting.pass_on(now), "offered": waiting.offer_all(now)}


def ensure_schedule():
    """The django-q2 schedule of ``run``, created once; the interval an administrator set stays."""
    _schedule, created = Schedule.objects.get_or_create(
        func=SCHEDULE_FUNC,
        defaults={"name": SCHEDULE_NAME, "schedule_type": Schedule.MINUTES, "minutes": SCHEDULE_MINUTES},
    )
    return created
