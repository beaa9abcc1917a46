"""The clerk's day: check-in, did-not-appear, walk-ins and the waiting room's tickets.

A check-in locks the booking's row, so two clerks checking in one booking (or a double
click) give one attendance and one ticket; ticket numbers are counted under the lock of
the calendar's row, so two check-ins at once get two numbers. Walk-ins are booked on the
staff-only seats through ``booking.hold`` and ``booking.book`` like every other booking,
then checked in. The check-in is announced through ``BOOKING_CHECKED_IN`` inside its
transaction; a no-show is not announced.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail import hooks

from core import audit
from core.contracts import BookingCheckedIn, PersonCore, SourceRef
from core.hooks import BOOKING_CHECKED_IN

from .booking import BookingRefused, Contact, book, hold
from .models import AdvanceAnswers, Attendance, Booking, BookingStatus, Calendar, Channel, Outcome, Ticket
from .privacy import privacy_notice
from .slots import office_zone, open_slots

SOURCE_KIND = "booking"
# The interview whose public questions citizens answer in advance; intake runs the same one.
ADVANCE_QUESTIONNAIRE = "erstgespraech"


class DayRefused(Exception):
    """Why the day's action could not be done; ``reason`` is one of the codes below, the views word it."""

    NOT_BOOKED = "not_booked"  # cancelled, or only held
    NOT_TODAY = "not_today"  # check-in is for today's appointments only
    ATTENDED = "attended"  # already checked in: cannot be a no-show
    NO_SEAT = "no_seat"  # no slot left today with enough staff seats

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def local_day(moment):
    return timezone.localtime(moment, office_zone()).date()


def booking_source(booking):
    return SourceRef(SOURCE_KIND, booking.code)


@dataclass(frozen=True)
class CheckedIn:
    attendance: Attendance
    ticket: Ticket
    links: tuple  # the SourceLinks the receivers answered (intake: the cases opened)
    again: bool  # the booking was already checked in: nothing new happened


def _new_ticket(calendar, day, attendance):
    """The day's next number for ``calendar``, counted under the lock of the calendar's row."""
    Calendar.objects.select_for_update().filter(pk=calendar.pk).values_list("pk", flat=True).get()
    last = Ticket.objects.filter(calendar=calendar, day=day).aggregate(last=Max("number"))["last"] or 0
    return Ticket.objects.create(calendar=calendar, day=day, number=last + 1, attendance=attendance)


def _advance_answers(booking):
    link = AdvanceAnswers.objects.filter(booking=booking).select_related("answer_set").first()
    return dict(link.answer_set.data) if link else {}


def check_in(booking, people, request, *, walk_in=False, now=None):
    """Check in the ``people`` (``PersonCore`` each, names confirmed by the clerk) of today's ``booking``.

    Gives the booking a ticket and announces it; a booking already checked in is returned
    as it is (``again``). A booking marked as a no-show today can still be checked in (late).
    """
    now = now or timezone.now()
    actor = request.user
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("slot__calendar").get(pk=booking.pk)
        if booking.status != BookingStatus.BOOKED:
            raise DayRefused(DayRefused.NOT_BOOKED)
        day = local_day(booking.slot.start)
        if day != local_day(now):
            raise DayRefused(DayRefused.NOT_TODAY)
        attendance = Attendance.objects.filter(booking=booking).select_related("ticket").first()
        if attendance is not None and attendance.outcome == Outcome.CHECKED_IN:
            return CheckedIn(attendance, attendance.ticket, (), again=True)
        if attendance is None:
            attendance = Attendance.objects.create(
                booking=booking, outcome=Outcome.CHECKED_IN, at=now, by=actor, walk_in=walk_in
            )
        else:
            attendance.outcome, attendance.at, attendance.by = Outcome.CHECKED_IN, now, actor
            attendance.save(update_fields=["outcome", "at", "by"])
        calendar = booking.slot.calendar
        ticket = _new_ticket(calendar, day, attendance)
        audit.record(
            "booking.check_in", booking, actor, calendar=calendar.slug, people=len(people), ticket=ticket.number
        )
        checked_in = BookingCheckedIn(
            source=booking_source(booking),
            calendar=calendar.slug,
            appointment=booking.slot.start,
            language=booking.language,
            people=tuple(people),
            questionnaire=ADVANCE_QUESTIONNAIRE,
            answers=_advance_answers(booking),
            walk_in=walk_in,
        )
        links = tuple(link for receive in hooks.get_hooks(BOOKING_CHECKED_IN) for link in receive(checked_in, request))
    return CheckedIn(attendance, ticket, links, again=False)


def mark_no_show(booking, actor, *, now=None):
    """The clerk's "did not appear" for a booking whose time has come; nothing is announced."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if booking.status != BookingStatus.BOOKED:
            raise DayRefused(DayRefused.NOT_BOOKED)
        if local_day(booking.slot.start) > local_day(now):
            raise DayRefused(DayRefused.NOT_TODAY)
        attendance, created = Attendance.objects.get_or_create(
            booking=booking, defaults={"outcome": Outcome.NO_SHOW, "at": now, "by": actor}
        )
        if not created and attendance.outcome == Outcome.CHECKED_IN:
            raise DayRefused(DayRefused.ATTENDED)
        audit.record("booking.no_show", booking, actor)
    return attendance


def mark_no_shows(now=None):
    """The end of the day (a django-q2 schedule): bookings whose slot is over and nobody checked in.

    The bookings are locked as a check-in locks them, skipping those a clerk is checking
    in at this moment (they are checked in, or the next run finds them); the task running
    twice at once thus marks each booking once, and never waits for a clerk.
    """
    now = now or timezone.now()
    with transaction.atomic():
        missing = list(
            Booking.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=BookingStatus.BOOKED, slot__end__lt=now, attendance__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Attendance.objects.bulk_create(
            [Attendance(booking_id=pk, outcome=Outcome.NO_SHOW, at=now) for pk in missing], ignore_conflicts=True
        )
        if missing:
            audit.record("booking.no_shows", Booking, None, bookings=len(missing))
    return len(missing)


def register_walk_in(calendar, contact, people, request, *, now=None):
    """Book a walk-in on the next slot of today with enough seats (staff seats first), and check them in.

    Goes through ``booking.hold`` and ``booking.book`` on the staff channel: the slot's row
    lock keeps the walk-in from taking a seat someone booked online meanwhile; a slot
    taken between the look and the hold is passed over for the next.
    """
    now = now or timezone.now()
    today = local_day(now)
    notice = privacy_notice(contact.language)
    with transaction.atomic():
        for free in open_slots(calendar, today, today, now, online=False):
            if not free.fits(len(people), Channel.STAFF):
                continue
            try:
                held = hold(calendar, free.start, len(people), channel=Channel.STAFF, now=now)
                booked = book(
                    calendar, held.token, start=free.start, people=len(people), contact=contact, privacy=notice, now=now
                )
            except BookingRefused as refused:
                if refused.reason == BookingRefused.TAKEN:
                    continue
                raise
            return check_in(booked.booking, people, request, walk_in=True, now=now)
    raise DayRefused(DayRefused.NO_SEAT)


def walk_in_contact(first, email="", phone="", language="de"):
    """A walk-in's contact: the first person's name; email and phone only when the person gives them."""
    return Contact(name=f"{first.first_names} {first.surname}".strip(), email=email, phone=phone, language=language)


def call_next(calendar, actor, *, now=None):
    """Call the day's lowest waiting number; two clerks calling at once call two different people."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(calendar=calendar, day=local_day(now), called_at__isnull=True)
            .order_by("number")
            .first()
        )
        if ticket is None:
            return None
        ticket.called_at, ticket.called_by = now, actor
        ticket.save(update_fields=["called_at", "called_by"])
        audit.record("ticket.call", calendar, actor, ticket=ticket.number)
    return ticket


def called_numbers(calendar, *, now=None, last=6):
    """The numbers called today, the latest first: all a waiting-room screen shows."""
    now = now or timezone.now()
    return list(
        Ticket.objects.filter(calendar=calendar, day=local_day(now), called_at__isnull=False)
        .order_by("-called_at", "-number")
        .values_list("number", flat=True)[:last]
    )


def person_of(booking):
    """The booking's name as a ``PersonCore`` to confirm: the last word as surname, the rest as first names."""
    first, _sep, last = booking.name.strip().rpartition(" ")
    return PersonCore(surname=last, first_names=first, language=booking.language)
