"""The waiting list: a seat freed in a full week is held for the first in line, then passed on.

An offer is a hold (``booking.hold``) that lasts the configured hours: it takes the seat
under the slot's lock like any hold, so a seat is never offered twice, and nobody else can
book it meanwhile. The entries of a week are locked while offers are made, so two freed
seats go to two people. An offer not taken up passes to the next in line.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from core import audit
from core.contracts import PrivacyNotice

from .booking import BookingRefused, Contact, book, hold
from .emails import send_offer
from .models import Booking, BookingStatus, Calendar, NotificationSettings, WaitingListEntry, WaitingStatus
from .slots import bookable_range, office_zone, open_slots


def week_of(day):
    return day - datetime.timedelta(days=day.weekday())


def full_weeks(calendar, people, now=None):
    """The Mondays of the bookable weeks whose times are all taken for ``people``: where one may join the list."""
    first, last = bookable_range(calendar, now)
    return weeks_full(open_slots(calendar, first, last, now), people)


def weeks_full(slots, people):
    """The Mondays of the weeks among ``slots`` where none fits ``people``."""
    open_weeks, free_weeks = set(), set()
    for slot in slots:
        week = week_of(timezone.localtime(slot.start, office_zone()).date())
        open_weeks.add(week)
        if slot.fits(people):
            free_weeks.add(week)
    return sorted(open_weeks - free_weeks)


def join(calendar, week, contact, people, privacy):
    entry = WaitingListEntry.objects.create(
        calendar=calendar,
        week=week,
        people=people,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        privacy_version=privacy.version,
        privacy_language=privacy.language,
    )
    audit.record("waiting.join", entry, None, calendar=calendar.slug, week=week.isoformat(), people=people)
    return entry


def offer_hours():
    return NotificationSettings.load().offer_hours


def offer_free_seats(calendar, week, now=None):
    """Hold each free time of ``week`` for the next in line it fits; the entries offered a seat."""
    now = now or timezone.now()
    calendar = Calendar.objects.with_rules().get(pk=calendar.pk)
    held_for = datetime.timedelta(hours=offer_hours())
    offered = []
    with transaction.atomic():
        waiting = list(
            WaitingListEntry.objects.select_for_update()
            .filter(calendar=calendar, week=week, status=WaitingStatus.WAITING)
            .order_by("created_at", "pk")
        )
        for entry in waiting:
            free = [
                slot
                for slot in open_slots(calendar, week, week + datetime.timedelta(days=6), now)
                if slot.fits(entry.people)
            ]
            if not free:
                continue
            try:
                seat = hold(calendar, free[0].start, entry.people, now=now)
            except BookingRefused:
                continue
            Booking.objects.filter(pk=seat.pk).update(held_until=now + held_for)
            entry.status = WaitingStatus.OFFERED
            entry.offer = seat
            entry.offered_until = now + held_for
            entry.save(update_fields=["status", "offer", "offered_until"])
            audit.record("waiting.offer", entry, None, calendar=calendar.slug, slot=seat.slot_id)
            offered.append(entry)
        transaction.on_commit(lambda: [send_offer(entry) for entry in offered])
    return offered


def pass_on(now=None):
    """Offers not taken up in time pass to the next in line; the number passed on."""
    now = now or timezone.now()
    expired = WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED, offered_until__lte=now)
    passed = 0
    weeks = set()
    for entry in expired.select_related("calendar"):
        with transaction.atomic():
            if WaitingListEntry.objects.filter(pk=entry.pk, status=WaitingStatus.OFFERED).update(
                status=WaitingStatus.PASSED
            ):
                audit.record("waiting.passed", entry, None, calendar=entry.calendar.slug)
                passed += 1
                weeks.add((entry.calendar, entry.week))
    for calendar, week in weeks:
        offer_free_seats(calendar, week, now)
    return passed


def offer_all(now=None):
    """Offer what is free in every week people wait for: seats of expired holds, seats the office added."""
    now = now or timezone.now()
    earliest = week_of(timezone.localdate(now, office_zone()))
    weeks = list(
        WaitingListEntry.objects.filter(status=WaitingStatus.WAITING, week__gte=earliest)
        .values_list("calendar", "week")
        .distinct()
    )
    calendars = {calendar.pk: calendar for calendar in Calendar.objects.filter(pk__in={pk for pk, _week in weeks})}
    return sum(len(offer_free_seats(calendars[pk], week, now)) for pk, week in weeks)


class OfferGone(Exception):
    """The offer was taken up, declined or passed on already, or its time ran out."""


def accept(entry_id, offer_id, now=None):
    """Book the seat held for the entry, with the details given when joining the list."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = (
            WaitingListEntry.objects.select_for_update()
            .select_related("calendar", "offer__slot")
            .filter(pk=entry_id, offer_id=offer_id)
            .first()
        )
        if entry is None or entry.status != WaitingStatus.OFFERED or entry.offered_until <= now:
            raise OfferGone
        calendar = Calendar.objects.with_rules().get(pk=entry.calendar_id)
        contact = Contact(name=entry.name, email=entry.email, phone=entry.phone, language=entry.language)
        privacy = PrivacyNotice(version=entry.privacy_version, language=entry.privacy_language, title="", url="")
        booked = book(
            calendar,
            entry.offer.token,
            start=entry.offer.slot.start,
            people=entry.people,
            contact=contact,
            privacy=privacy,
            now=now,
        )
        entry.status = WaitingStatus.BOOKED
        entry.save(update_fields=["status"])
    return booked.booking


def decline(entry_id, offer_id, now=None):
    """Free the seat held for the entry at once; it goes to the next in line."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = WaitingListEntry.objects.select_for_update().filter(pk=entry_id, offer_id=offer_id).first()
        if entry is None or entry.status != WaitingStatus.OFFERED or entry.offered_until <= now:
            raise OfferGone
        entry.status = WaitingStatus.PASSED
        entry.save(update_fields=["status"])
        Booking.objects.filter(pk=offer_id, status=BookingStatus.HELD).update(status=BookingStatus.CANCELLED)
        audit.record("waiting.declined", entry, None, calendar=entry.calendar.slug)
    offer_free_seats(entry.calendar, entry.week, now)
    return entry
