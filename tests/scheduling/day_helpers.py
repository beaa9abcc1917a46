"""Bookings for the clerk's day, written directly: check-in does not ask the rules, only the booking's day."""

import datetime
import secrets

from django.utils import timezone

from plugins.scheduling.booking import new_code
from plugins.scheduling.models import AdvanceAnswers, Booking, BookingStatus, Channel, Slot
from plugins.scheduling.slots import office_zone
from questionnaires.api import published, save_answers_in_bulk


def today_at(hour, minute=0):
    today = timezone.localdate(timezone.now(), office_zone())
    return datetime.datetime.combine(today, datetime.time(hour, minute), office_zone())


def make_booking(calendar, start, *, name="Ștefan Țurcanu", people=1, channel=Channel.ONLINE, **fields):
    slot, _new = Slot.objects.get_or_create(
        calendar=calendar, start=start, defaults={"end": start + calendar.slot_length}
    )
    return Booking.objects.create(
        slot=slot,
        token=secrets.token_urlsafe(32),
        code=new_code(),
        status=BookingStatus.BOOKED,
        channel=channel,
        people=people,
        name=name,
        phone="+40 712 345 678",
        language="ro",
        booked_at=start - datetime.timedelta(days=3),
        **fields,
    )


def answer_in_advance(booking, answers):
    questionnaire, revision, _definition = published("erstgespraech")
    (answer_set,) = save_answers_in_bulk(questionnaire, revision, [answers], language=booking.language)
    return AdvanceAnswers.objects.create(booking=booking, answer_set=answer_set)
