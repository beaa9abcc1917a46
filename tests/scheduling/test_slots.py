"""Which slots a calendar offers: weekdays, holidays, closures, seats, lead time, horizon, summer time, holds."""

import datetime

import pytest

from plugins.scheduling.booking import BookingRefused, hold
from plugins.scheduling.models import Calendar, Channel, Closure
from plugins.scheduling.slots import day_starts, open_slots

from .conftest import BERLIN, at, day

pytestmark = pytest.mark.django_db
MONDAY = at("2026-03-02 10:00")


def local_times(slots):
    return [slot.start.astimezone(BERLIN).strftime("%H:%M") for slot in slots]


def test_the_office_hours_give_fourteen_half_hours_on_tuesdays_and_thursdays_only(calendar):
    slots = open_slots(calendar, day("2026-03-02"), day("2026-03-15"), MONDAY)
    days = {slot.start.astimezone(BERLIN).date() for slot in slots}
    assert days == {day("2026-03-03"), day("2026-03-05"), day("2026-03-10"), day("2026-03-12")}
    tuesday = [slot for slot in slots if slot.start.astimezone(BERLIN).date() == day("2026-03-03")]
    assert local_times(tuesday)[:7] == ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert local_times(tuesday)[7:] == ["13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]
    assert all(slot.free_online == 2 and slot.free_total == 3 for slot in slots)


@pytest.mark.parametrize(
    "holiday, neighbour",
    [
        ("2026-01-06", "2026-01-08"),  # Heilige Drei Könige, a holiday in Saxony-Anhalt (a Tuesday)
        ("2025-12-25", "2025-12-30"),  # 1. Weihnachtstag (a Thursday)
        ("2026-10-06", "2026-10-08"),  # no holiday: the neighbour check of the test itself
    ],
)
def test_a_public_holiday_has_no_slots_whatever_the_hours_say(calendar, holiday, neighbour):
    offered = day_starts(calendar, day(holiday))
    if holiday == "2026-10-06":
        assert len(offered) == 14
    else:
        assert offered == []
    assert len(day_starts(calendar, day(neighbour))) == 14


def test_reformation_day_is_a_holiday_of_saxony_anhalt(make_calendar):
    every_day = [(weekday, "08:30", "12:00") for weekday in range(7)]
    calendar = make_calendar(hours=every_day)
    assert day_starts(calendar, day("2027-10-31")) == []  # a Sunday rule, still closed: Reformationstag
    assert day_starts(calendar, day("2027-11-01")) != []  # Allerheiligen is not a holiday there


def test_a_closure_empties_its_days(calendar):
    Closure.objects.create(
        calendar=calendar, first_day=day("2026-03-10"), last_day=day("2026-03-12"), reason="Schulung"
    )
    calendar = Calendar.objects.with_rules().get(pk=calendar.pk)
    slots = open_slots(calendar, day("2026-03-02"), day("2026-03-15"), MONDAY)
    assert {slot.start.astimezone(BERLIN).date() for slot in slots} == {day("2026-03-03"), day("2026-03-05")}


def test_staff_only_seats_are_never_bookable_online(make_calendar):
    calendar = make_calendar(seats_online=0, seats_staff=2)
    start = at("2026-03-03 08:30")
    slot = open_slots(calendar, day("2026-03-03"), day("2026-03-03"), MONDAY)[0]
    assert (slot.free_online, slot.free_total) == (0, 2)
    assert not slot.fits(1)
    with pytest.raises(BookingRefused) as refused:
        hold(calendar, start, 1, now=MONDAY)
    assert refused.value.reason == BookingRefused.TAKEN
    assert hold(calendar, start, 2, channel=Channel.STAFF, now=MONDAY).people == 2


def test_online_bookings_leave_the_staff_seat_free(calendar):
    start = at("2026-03-03 08:30")
    hold(calendar, start, 2, now=MONDAY)
    with pytest.raises(BookingRefused):
        hold(calendar, start, 1, now=MONDAY)
    hold(calendar, start, 1, channel=Channel.STAFF, now=MONDAY)
    with pytest.raises(BookingRefused):
        hold(calendar, start, 1, channel=Channel.STAFF, now=MONDAY)


def test_staff_bookings_beyond_the_staff_seats_take_online_ones(calendar):
    start = at("2026-03-03 08:30")
    hold(calendar, start, 2, channel=Channel.STAFF, now=MONDAY)
    slot = open_slots(calendar, day("2026-03-03"), day("2026-03-03"), MONDAY)[0]
    assert (slot.free_online, slot.free_total) == (1, 1)


@pytest.mark.parametrize(
    "now, lead_days, first_day",
    [
        (at("2026-03-03 07:00"), 1, "2026-03-05"),  # not today, even before opening
        (at("2026-03-03 07:00"), 0, "2026-03-03"),
        (at("2026-03-03 10:10"), 0, "2026-03-03"),
        (at("2026-03-02 10:00"), 2, "2026-03-05"),
    ],
)
def test_lead_time(make_calendar, now, lead_days, first_day):
    calendar = make_calendar(lead_days=lead_days)
    slots = open_slots(calendar, now.date(), now.date() + datetime.timedelta(days=7), now)
    assert slots[0].start.astimezone(BERLIN).date() == day(first_day)
    assert all(slot.start > now for slot in slots)


def test_a_slot_that_has_begun_is_not_offered(make_calendar):
    calendar = make_calendar(lead_days=0)
    slots = open_slots(calendar, day("2026-03-03"), day("2026-03-03"), at("2026-03-03 10:10"))
    assert local_times(slots)[0] == "10:30"


def test_horizon(calendar):
    slots = open_slots(calendar, day("2026-03-02"), day("2026-06-30"), MONDAY)
    assert slots[-1].start.astimezone(BERLIN).date() == day("2026-04-09")  # 42 days: Monday 13 April
    with pytest.raises(BookingRefused) as refused:
        hold(calendar, at("2026-04-14 08:30"), 1, now=MONDAY)
    assert refused.value.reason == BookingRefused.UNAVAILABLE


@pytest.mark.parametrize(
    "before, after, utc_before, utc_after",
    [
        ("2026-03-26", "2026-03-31", "07:30", "06:30"),  # summer time from Sunday 29 March
        ("2026-10-22", "2026-10-27", "06:30", "07:30"),  # winter time from Sunday 25 October
    ],
)
def test_the_weeks_of_the_clock_changes_keep_local_hours(calendar, before, after, utc_before, utc_after):
    now = at(f"{before} 00:00") - datetime.timedelta(days=1)
    slots = open_slots(calendar, day(before), day(after), now)
    for date, utc in ((before, utc_before), (after, utc_after)):
        of_day = [slot for slot in slots if slot.start.astimezone(BERLIN).date() == day(date)]
        assert local_times(of_day)[0] == "08:30" and local_times(of_day)[-1] == "16:00"
        assert len(of_day) == 14
        assert of_day[0].start.astimezone(datetime.UTC).strftime("%H:%M") == utc
        assert all(slot.end - slot.start == datetime.timedelta(minutes=30) for slot in of_day)


def test_a_held_slot_is_free_again_after_ten_minutes(calendar):
    start = at("2026-03-03 08:30")
    hold(calendar, start, 2, now=MONDAY)
    with pytest.raises(BookingRefused):
        hold(calendar, start, 1, now=MONDAY + datetime.timedelta(minutes=9, seconds=59))
    assert open_slots(calendar, day("2026-03-03"), day("2026-03-03"), MONDAY + datetime.timedelta(minutes=10))[0].fits(
        2
    )
    assert hold(calendar, start, 2, now=MONDAY + datetime.timedelta(minutes=10)).people == 2
