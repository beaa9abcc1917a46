"""Bookings are deleted 30 days after their day (the domain's retention rule), and expired holds with them.

A daily django-q2 task (``purge``). What is deleted is first added to ``DayCount``
(per calendar and day, no person), so the statistics keep the numbers. The answers
given in advance go with their booking; the slot rows left without bookings too, and the
waiting-list entries (names and contacts) of weeks over for as long.
"""

import datetime

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from core import audit
from questionnaires.api import AnswerSet

from .models import AdvanceAnswers, Booking, BookingStatus, Channel, DayCount, Outcome, Slot, WaitingListEntry
from .slots import office_zone

KEEP_DAYS = 30
BATCH = 500


def _counts(bookings):
    """Per calendar and day: what ``DayCount`` keeps of these bookings, in one query."""
    return (
        bookings.exclude(status=BookingStatus.HELD)
        .annotate(day=TruncDate("slot__start", tzinfo=office_zone()))
        .values("slot__calendar_id", "day")
        .annotate(
            bookings=Count("pk", filter=Q(status=BookingStatus.BOOKED)),
            people=Sum("people", filter=Q(status=BookingStatus.BOOKED), default=0),
            online=Count("pk", filter=Q(status=BookingStatus.BOOKED, channel=Channel.ONLINE)),
            walk_ins=Count("pk", filter=Q(attendance__walk_in=True)),
            checked_in=Count("pk", filter=Q(attendance__outcome=Outcome.CHECKED_IN)),
            no_shows=Count("pk", filter=Q(attendance__outcome=Outcome.NO_SHOW)),
            cancelled=Count("pk", filter=Q(status=BookingStatus.CANCELLED)),
        )
    )


def _add_counts(rows):
    fields = ("bookings", "people", "online", "walk_ins", "checked_in", "no_shows", "cancelled")
    for row in rows:
        count, _created = DayCount.objects.select_for_update().get_or_create(
            calendar_id=row["slot__calendar_id"], day=row["day"]
        )
        DayCount.objects.filter(pk=count.pk).update(**{name: F(name) + row[name] for name in fields})


def purge(now=None):
    """Delete the bookings whose day is more than ``KEEP_DAYS`` days past, and the expired holds; returns how many."""
    now = now or timezone.now()
    last_kept = timezone.localtime(now, office_zone()).date() - datetime.timedelta(days=KEEP_DAYS)
    cutoff = datetime.datetime.combine(last_kept, datetime.time(), office_zone())
    due = Booking.objects.filter(Q(slot__start__lt=cutoff) | Q(status=BookingStatus.HELD, held_until__lt=now))
    deleted = 0
    while True:
        with transaction.atomic():
            # Locked, so a booking being changed right now is counted and deleted as it ends up.
            batch = list(due.select_for_update().order_by("pk").values_list("pk", flat=True)[:BATCH])
            if not batch:
                break
            chosen = Booking.objects.filter(pk__in=batch)
            _add_counts(_counts(chosen))
            answer_sets = list(AdvanceAnswers.objects.filter(booking__in=batch).values_list("answer_set_id", flat=True))
            slots = set(chosen.values_list("slot_id", flat=True))
            chosen.delete()
            if answer_sets:
                AnswerSet.objects.filter(pk__in=answer_sets).delete()
            Slot.objects.filter(pk__in=slots, bookings__isnull=True).delete()
            deleted += len(batch)
    # A week's entries go when its Sunday is as old as the bookings deleted; an offer's hold went above.
    week_over = WaitingListEntry.objects.filter(week__lt=last_kept - datetime.timedelta(days=6))
    _total, per_model = week_over.delete()
    waiting = per_model.get(WaitingListEntry._meta.label, 0)
    if deleted or waiting:
        with transaction.atomic():
            audit.record("booking.purge", Booking, None, bookings=deleted, waiting=waiting)
    return deleted
