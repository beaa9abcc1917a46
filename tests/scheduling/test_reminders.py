"""Reminders the day before: one per booking however often the task runs, none after a cancel or a move."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

from core.contracts import PrivacyNotice
from plugins.scheduling import notifications
from plugins.scheduling.booking import Contact, book, cancel, hold, reschedule
from plugins.scheduling.models import Calendar, Notice, NoticeKind, NoticeStatus
from plugins.scheduling.slots import office_zone, open_slots

NOTICE = PrivacyNotice(version="1", language="hu", title="", url="")


@pytest.fixture
def office(bootstrapped, settings):
    settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT = 0
    return Calendar.objects.with_rules().get(slug="clearingstelle")


def slots_a_week_ahead(calendar, count):
    today = timezone.localdate()
    return [
        slot.start
        for slot in open_slots(calendar, today + datetime.timedelta(days=7), today + datetime.timedelta(days=14))
    ][:count]


def booked(calendar, start, index=0, email="ana@example.org", language="hu"):
    """A booking made three days ago (not today: a fresh booking's confirmation needs no reminder)."""
    made = timezone.now() - datetime.timedelta(days=3)
    held = hold(calendar, start, 1, now=made)
    contact = Contact(name=f"Ana {index}", email=email, phone="", language=language)
    return book(calendar, held.token, start=start, people=1, contact=contact, privacy=NOTICE, now=made).booking


def the_day_before(start, hour=10):
    day = timezone.localtime(start, office_zone()).date() - datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=office_zone())


def reminders():
    return [message for message in mail.outbox if "Emlékeztető" in message.subject]


@pytest.mark.django_db
def test_one_reminder_the_day_before_however_often_the_task_runs(office):
    first, second = slots_a_week_ahead(office, 2)
    booking = booked(office, first)
    assert notifications.send_reminders(the_day_before(first) - datetime.timedelta(days=1)) == 0
    assert notifications.send_reminders(the_day_before(first, hour=6)) == 0, "no email at night"
    assert notifications.run(the_day_before(first)) == {"reminders": 1, "passed_on": 0, "offered": 0}
    assert notifications.run(the_day_before(first) + datetime.timedelta(hours=2))["reminders"] == 0
    [message] = reminders()
    assert message.to == ["ana@example.org"] and message.attachments[0][0].endswith(".ics")
    notice = Notice.objects.get(booking=booking, kind=NoticeKind.REMINDER)
    assert notice.status == NoticeStatus.SENT


@pytest.mark.django_db
def test_no_reminder_after_a_cancellation(office):
    [start] = slots_a_week_ahead(office, 1)
    booking = booked(office, start)
    cancel(booking.code)
    assert notifications.send_reminders(the_day_before(start)) == 0
    assert reminders() == []


@pytest.mark.django_db
def test_a_moved_booking_gets_its_own_reminder_and_the_old_none(office):
    first, second = slots_a_week_ahead(office, 2)
    booking = booked(office, first)
    moved = reschedule(office, booking.code, second, now=timezone.now() - datetime.timedelta(days=2))
    assert notifications.send_reminders(the_day_before(second)) == 1
    assert Notice.objects.filter(kind=NoticeKind.REMINDER).get().booking == moved
    assert not Notice.objects.filter(booking=booking, kind=NoticeKind.REMINDER).exists()


@pytest.mark.django_db
def test_bootstrap_creates_the_schedule_once(office):
    [schedule] = Schedule.objects.filter(func=notifications.SCHEDULE_FUNC)
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 15
    schedule.minutes = 30
    schedule.save()
    assert notifications.ensure_schedule() is False
    assert Schedule.objects.get(func=notifications.SCHEDULE_FUNC).minutes == 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clusters_sending_at_once_send_each_reminder_once(office):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    starts = slots_a_week_ahead(office, 6)
    day = timezone.localtime(starts[0], office_zone()).date()
    starts = [start for start in starts if timezone.localtime(start, office_zone()).date() == day]
    for index, start in enumerate(starts):
        booked(office, start, index, email=f"ana{index}@example.org")
    barrier = threading.Barrier(2)
    results = []

    def cluster():
        from django.db import connection as own_connection

        try:
            barrier.wait(timeout=30)
            results.append(notifications.send_reminders(the_day_before(starts[0])))
        finally:
            own_connection.close()

    threads = [threading.Thread(target=cluster) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(results) == len(starts)
    assert sorted(message.to[0] for message in reminders()) == sorted(
        f"ana{index}@example.org" for index in range(len(starts))
    )
    assert Notice.objects.filter(kind=NoticeKind.REMINDER).count() == len(starts)
