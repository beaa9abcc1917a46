"""The shipped calendars (``defaults/calendars.json``), created by ``bootstrap`` where they do not exist yet."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from .models import Calendar, CalendarName, OpeningRule

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "calendars.json"
FIELDS = ("name", "bookable_online", "hours_to_be_set", "slot_minutes", "seats_online", "seats_staff")
FIELDS += ("lead_days", "horizon_days")


def ensure_default_calendars(path=DEFAULTS):
    """Create each shipped calendar that is missing, by its slug; one that exists is left as the office set it."""
    created = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["calendars"]:
        with transaction.atomic():
            calendar, new = Calendar.objects.get_or_create(
                slug=entry["slug"], defaults={name: entry[name] for name in FIELDS}
            )
            if not new:
                continue
            created += 1
            OpeningRule.objects.bulk_create(
                OpeningRule(
                    calendar=calendar,
                    weekday=rule["weekday"],
                    start=datetime.time.fromisoformat(rule["start"]),
                    end=datetime.time.fromisoformat(rule["end"]),
                )
                for rule in entry["rules"]
            )
            CalendarName.objects.bulk_create(
                CalendarName(calendar=calendar, language=language, name=name)
                for language, name in entry["names"].items()
            )
    return created
