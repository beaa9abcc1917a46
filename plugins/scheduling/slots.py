"""Which slots a calendar offers, computed from its rules in local time (Europe/Berlin).

Times are built as wall-clock times of the office's zone and stored in UTC, so a
slot at 8:30 stays at 8:30 across the changes to and from summer time. A public
holiday or a closure empties the day whatever the rules say. Seats are counted
from the bookings in one query per request, however many days are shown.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from .models import Booking, Channel


def office_zone():
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=32)
def _holidays(subdivision, year):
    return holidays.country_holidays("DE", subdiv=subdivision, years=year)


def holiday_name(calendar, day):
    """The public holiday on ``day`` (German name), or ``None``."""
    return _holidays(calendar.holiday_subdivision, day.year).get(day)


def closure_on(calendar, day):
    for closure in calendar.closures.all():
        if closure.first_day <= day <= closure.last_day:
            return closure
    return None


def is_closed(calendar, day):
    return holiday_name(calendar, day) is not None or closure_on(calendar, day) is not None


def day_starts(calendar, day):
    """The start times (aware, in the office's zone) of the slots the rules give ``day``; none when closed."""
    if is_closed(calendar, day):
        return []
    zone = office_zone()
    length = calendar.slot_length
    starts = []
    for rule in calendar.rules.all():
        if rule.weekday != day.weekday():
            continue
        start = datetime.datetime.combine(day, rule.start, tzinfo=zone)
        end = datetime.datetime.combine(day, rule.end, tzinfo=zone)
        while start + length <= end:
            starts.append(start)
            start += length
    return sorted(set(starts))


def bookable_range(calendar, now=None):
    """The first and last day citizens may book: the lead time from today, up to the horizon."""
    today = timezone.localdate(now or timezone.now(), office_zone())
    return today + datetime.timedelta(days=calendar.lead_days), today + datetime.timedelta(days=calendar.horizon_days)


@dataclass(frozen=True)
class FreeSlot:
    start: datetime.datetime
    end: datetime.datetime
    free_online: int
    free_total: int

    def fits(self, people, channel=Channel.ONLINE):
        return people <= (self.free_online if channel == Channel.ONLINE else self.free_total)


def seats_taken(calendar, first, last, now=None):
    """Seats taken per slot start between two aware datetimes: {start: (online, all)}, one query."""
    rows = (
        Booking.objects.taking_seats(now)
        .filter(slot__calendar=calendar, slot__start__gte=first, slot__start__lt=last)
        .values("slot__start")
        .annotate(online=Sum("people", filter=Q(channel=Channel.ONLINE)), total=Sum("people"))
    )
    return {row["slot__start"]: (row["online"] or 0, row["total"] or 0) for row in rows}


def free_seats(calendar, online_taken, total_taken):
    """Free seats for online and for staff booking, given what is taken.

    Online bookings use the online seats only; staff bookings may use every seat. A
    staff booking beyond the staff seats thus also leaves fewer online seats.
    """
    capacity = calendar.seats_online + calendar.seats_staff
    free_total = max(capacity - total_taken, 0)
    return min(max(calendar.seats_online - online_taken, 0), free_total), free_total


def open_slots(calendar, first_day, last_day, now=None, *, online=True):
    """Every slot from ``first_day`` to ``last_day`` with its free seats, in order; past slots left out.

    ``online``: only within the lead time and horizon (the public site's view).
    """
    now = now or timezone.now()
    if online:
        earliest, latest = bookable_range(calendar, now)
        first_day, last_day = max(first_day, earliest), min(last_day, latest)
    days = [first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    starts = [start for day in days for start in day_starts(calendar, day) if start > now]
    if not starts:
        return []
    taken = seats_taken(calendar, starts[0], starts[-1] + datetime.timedelta(seconds=1), now)
    slots = []
    for start in starts:
        free_online, free_total = free_seats(calendar, *taken.get(start, (0, 0)))
        slots.append(FreeSlot(start, start + calendar.slot_length, free_online, free_total))
    return slots


def offered_slot(calendar, start, now=None, *, online=True):
    """The slot starting at ``start`` if the rules offer it now (not closed, not past, within range), else ``None``."""
    local = timezone.localtime(start, office_zone())
    for slot in open_slots(calendar, local.date(), local.date(), now, online=online):
        if slot.start == start:
            return slot
    return None
