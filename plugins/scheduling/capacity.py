"""Seats per week and month against the arrivals the office expects: do two days a week suffice?

Seats come from the calendar's rules (holidays and closures give none), bookings from one
query per calendar; expected arrivals are the appointment settings' monthly figure, spread
over a week as twelve months over fifty-two weeks.
"""

import calendar as month_calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Booking, BookingSettings
from .slots import day_starts, office_zone

WEEKS = 12


@dataclass(frozen=True)
class Period:
    label: str
    first: datetime.date
    last: datetime.date
    seats: int
    booked: int
    expected: int

    @property
    def short(self):
        return max(self.expected - self.seats, 0)

    @property
    def share(self):
        """Seats as a percentage of the arrivals expected."""
        return round(100 * self.seats / self.expected) if self.expected else 0


def _days(first, last):
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _booked_per_day(calendar, first, last):
    zone = office_zone()
    start = datetime.datetime.combine(first, datetime.time(), zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
    rows = (
        Booking.objects.taking_seats()
        .filter(slot__calendar=calendar, slot__start__gte=start, slot__start__lt=end)
        .values_list("slot__start", "people")
    )
    booked = {}
    for start_at, people in rows:
        day = timezone.localtime(start_at, zone).date()
        booked[day] = booked.get(day, 0) + people
    return booked


def capacity(calendar, today=None, weeks=WEEKS):
    """``(weeks, months)``: each a list of ``Period`` from this week (this month) on."""
    today = today or timezone.localdate(timezone.now(), office_zone())
    monthly = BookingSettings.load().expected_arrivals
    monday = today - datetime.timedelta(days=today.weekday())
    last = monday + datetime.timedelta(weeks=weeks, days=-1)
    month_first = today.replace(day=1)
    month_last = last.replace(day=month_calendar.monthrange(last.year, last.month)[1])
    seats_per_slot = calendar.seats_online + calendar.seats_staff
    first_day = min(monday, month_first)
    seats = {day: len(day_starts(calendar, day)) * seats_per_slot for day in _days(first_day, month_last)}
    booked = _booked_per_day(calendar, first_day, month_last)

    def period(label, first, end, expected):
        span = _days(first, end)
        return Period(label, first, end, sum(seats[d] for d in span), sum(booked.get(d, 0) for d in span), expected)

    weekly = round(monthly * 12 / 52)
    week_rows = [
        period(f"{week_start.isocalendar().week}", week_start, week_start + datetime.timedelta(days=6), weekly)
        for week_start in (monday + datetime.timedelta(weeks=n) for n in range(weeks))
    ]
    month_rows = []
    first = month_first
    while first <= month_last:
        end = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        month_rows.append(period(f"{first:%m/%Y}", first, end, monthly))
        first = end + datetime.timedelta(days=1)
    return week_rows, month_rows
