"""Holding and booking seats: the one place where seats are taken, under the slot's row lock.

Every way to take seats (the public form, later the staff's own bookings) goes through
``hold`` and ``book``. Both lock the slot's row (``SELECT … FOR UPDATE`` on PostgreSQL;
on SQLite every transaction takes the database's write lock when it starts), count the
seats taken under that lock, and only then write: two requests for the last seat are
served one after the other, and the second finds it taken.
"""

import datetime
import re
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django_q.tasks import async_task

from core import audit

from .limits import open_bookings_per_contact
from .models import Booking, BookingStatus, Channel, Move, Slot
from .slots import free_seats, offered_slot

HOLD = datetime.timedelta(minutes=10)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone
CODE_LENGTH = 8


class BookingRefused(Exception):
    """Why seats could not be taken; ``reason`` is one of the codes below, the views word it."""

    UNAVAILABLE = "unavailable"  # past, closed, a holiday, outside the hours or the bookable range
    TAKEN = "taken"  # not enough free seats (any more)
    EXPIRED = "expired"  # the hold or booking is gone
    OPEN_BOOKINGS = "open_bookings"  # the contact already has as many appointments to come as allowed
    CANCELLED = "cancelled"  # the booking was cancelled or moved already (a link used before)
    BEGUN = "begun"  # the appointment has begun or passed: no longer cancelled or moved by its holder

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str
    language: str

    @property
    def email_key(self):
        return self.email.strip().casefold()

    @property
    def phone_key(self):
        """Digits only, a leading 00 as +: "+40 712-345" and "0040712345" are the same number."""
        digits = re.sub(r"\D", "", self.phone)
        if self.phone.strip().startswith("+"):
            return "+" + digits
        return "+" + digits[2:] if digits.startswith("00") else digits


def display_code(code):
    return f"{code[:4]}-{code[4:]}" if code else ""


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _slot_row(calendar, start):
    """The slot's row, created on first use; the unique (calendar, start) makes racing creators share one."""
    slot, _ = Slot.objects.get_or_create(calendar=calendar, start=start, defaults={"end": start + calendar.slot_length})
    return Slot.objects.select_for_update().get(pk=slot.pk)


def _check_seats(calendar, slot, people, channel, now, *, besides=None):
    taken = Booking.objects.taking_seats(now).filter(slot=slot)
    if besides is not None:
        taken = taken.exclude(pk=besides.pk)
    counts = taken.aggregate(online=Sum("people", filter=Q(channel=Channel.ONLINE)), total=Sum("people"))
    free_online, free_total = free_seats(calendar, counts["online"] or 0, counts["total"] or 0)
    if people > (free_online if channel == Channel.ONLINE else free_total):
        raise BookingRefused(BookingRefused.TAKEN)


def _offered(calendar, start, channel, now):
    if offered_slot(calendar, start, now, online=channel == Channel.ONLINE) is None:
        raise BookingRefused(BookingRefused.UNAVAILABLE)


def hold(calendar, start, people, *, channel=Channel.ONLINE, now=None):
    """Hold ``people`` seats of the slot at ``start`` for ten minutes while the form is filled in."""
    now = now or timezone.now()
    _offered(calendar, start, channel, now)
    with transaction.atomic():
        slot = _slot_row(calendar, start)
        _check_seats(calendar, slot, people, channel, now)
        return Booking.objects.create(
            slot=slot,
            token=secrets.token_urlsafe(32),
            people=people,
            channel=channel,
            status=BookingStatus.HELD,
            held_until=now + HOLD,
        )


def _open_bookings_of(contact, now, besides):
    match = Q()
    if contact.email_key:
        match |= Q(email_key=contact.email_key)
    if contact.phone_key:
        match |= Q(phone_key=contact.phone_key)
    return (
        Booking.objects.filter(match, status=BookingStatus.BOOKED, slot__start__gt=now).exclude(pk=besides.pk).count()
    )


def _assign_code(booking):
    for _attempt in range(5):
        booking.code = new_code()
        try:
            with transaction.atomic():
                booking.save()
            return
        except IntegrityError:
            if not Booking.objects.filter(code=booking.code).exclude(pk=booking.pk).exists():
                raise
    raise IntegrityError("no free booking code after five attempts")


@dataclass(frozen=True)
class Booked:
    booking: Booking
    again: bool  # the same form was sent twice (a double click): nothing new was booked


def book(calendar, token, *, start, people, contact, privacy, now=None):
    """Turn the hold ``token`` into a booking of ``people`` seats at ``start``, with the citizen's data.

    ``start`` may differ from the held slot (the citizen chose another time after the held
    one was lost): the same checks apply to it. A second call with a token already booked
    returns that booking (``again``), so a double click books once. ``privacy`` is the
    ``PrivacyNotice`` accepted; its version and language are recorded.
    """
    now = now or timezone.now()
    with transaction.atomic():
        try:
            booking = (
                Booking.objects.select_for_update().select_related("slot").get(token=token, slot__calendar=calendar)
            )
        except Booking.DoesNotExist:
            raise BookingRefused(BookingRefused.EXPIRED) from None
        if booking.status == BookingStatus.BOOKED:
            return Booked(booking, again=True)
        if booking.status != BookingStatus.HELD:
            raise BookingRefused(BookingRefused.EXPIRED)
        _offered(calendar, start, booking.channel, now)
        slot = _slot_row(calendar, start)
        _check_seats(calendar, slot, people, booking.channel, now, besides=booking)
        cap = open_bookings_per_contact()
        if cap and (contact.email_key or contact.phone_key) and _open_bookings_of(contact, now, booking) >= cap:
            raise BookingRefused(BookingRefused.OPEN_BOOKINGS)
        booking.slot = slot
        booking.people = people
        booking.status = BookingStatus.BOOKED
        booking.held_until = None
        booking.booked_at = now
        booking.name = contact.name
        booking.email = contact.email
        booking.phone = contact.phone
        booking.email_key = contact.email_key
        booking.phone_key = contact.phone_key
        booking.language = contact.language
        booking.privacy_version = privacy.version
        booking.privacy_language = privacy.language
        _assign_code(booking)
        audit.record("booking.book", booking, None, calendar=calendar.slug, people=people, channel=booking.channel)
        _announce_booked(booking)
    return Booked(booking, again=False)


# The notices run in the task cluster once the change is committed; named by path, they need no import here.
def _announce_booked(booking):
    transaction.on_commit(lambda: async_task("plugins.scheduling.notifications.booked", booking.pk))


def _announce_freed(booking):
    transaction.on_commit(lambda: async_task("plugins.scheduling.notifications.seat_freed", booking.slot_id))


def _booked_for_holder(code, now):
    """The booking ``code`` under its row lock, while its holder may still cancel or move it."""
    booking = Booking.objects.select_for_update(of=("self",)).select_related("slot").filter(code=code).first()
    if booking is None or booking.status != BookingStatus.BOOKED:
        raise BookingRefused(BookingRefused.CANCELLED)
    if booking.slot.start <= now:
        raise BookingRefused(BookingRefused.BEGUN)
    return booking


def cancel(code, *, now=None, actor=None):
    """Cancel the booking ``code``: its seats are free at once; a cancelled or begun one is refused."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _booked_for_holder(code, now)
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
        audit.record("booking.cancel", booking, actor, calendar=booking.slot.calendar.slug)
        transaction.on_commit(lambda: async_task("plugins.scheduling.notifications.cancelled", booking.pk))
        _announce_freed(booking)
    return booking


def reschedule(calendar, code, start, *, now=None):
    """Move the booking ``code`` to ``start``: a new booking (own code and link) under the same checks as ``book``.

    The old booking's row is locked first, then the new slot's, as ``book`` does; the
    old one's seats count as free for the move and are freed when it commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        old = _booked_for_holder(code, now)
        if old.slot.calendar_id != calendar.pk:
            raise BookingRefused(BookingRefused.CANCELLED)
        _offered(calendar, start, old.channel, now)
        slot = _slot_row(calendar, start)
        _check_seats(calendar, slot, old.people, old.channel, now, besides=old)
        new = Booking(
            slot=slot,
            token=secrets.token_urlsafe(32),
            people=old.people,
            channel=old.channel,
            status=BookingStatus.BOOKED,
            booked_at=now,
            **{field: getattr(old, field) for field in MOVED_FIELDS},
        )
        _assign_code(new)
        old.status = BookingStatus.CANCELLED
        old.save(update_fields=["status"])
        Move.objects.create(old=old, new=new)
        audit.record("booking.move", new, None, calendar=calendar.slug, moved_from=old.code)
        _announce_booked(new)
        _announce_freed(old)
    return new


MOVED_FIELDS = ("name", "email", "phone", "email_key", "phone_key", "language", "privacy_version", "privacy_language")
