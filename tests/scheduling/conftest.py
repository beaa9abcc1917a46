import datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.scheduling.models import Calendar, OpeningRule

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE_HOURS = [(1, "08:30", "12:00"), (1, "13:00", "16:30"), (3, "08:30", "12:00"), (3, "13:00", "16:30")]


def at(text):
    """An aware moment from local office time, e.g. ``at("2026-03-31 08:30")``."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def make_calendar(db):
    def make(slug="probe", hours=OFFICE_HOURS, **fields):
        fields = {"name": "Probe", "slot_minutes": 30, "seats_online": 2, "seats_staff": 1, **fields}
        calendar = Calendar.objects.create(slug=slug, **fields)
        for weekday, start, end in hours:
            OpeningRule.objects.create(
                calendar=calendar,
                weekday=weekday,
                start=datetime.time.fromisoformat(start),
                end=datetime.time.fromisoformat(end),
            )
        return Calendar.objects.with_rules().get(pk=calendar.pk)

    return make


@pytest.fixture
def calendar(make_calendar):
    return make_calendar()
