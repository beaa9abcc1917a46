"""The waiting list: a freed seat is held for the first in line; unused, it passes on; never offered twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.contracts import PrivacyNotice
from core.models import AuditEntry
from plugins.scheduling import notifications, waiting
from plugins.scheduling.booking import Contact, book, cancel, hold
from plugins.scheduling.links import offer_token
from plugins.scheduling.models import (
    Booking,
    BookingStatus,
    Calendar,
    NotificationSettings,
    WaitingListEntry,
    WaitingStatus,
)
from plugins.scheduling.slots import bookable_range, office_zone, open_slots

from .flow import url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
NOTICE = PrivacyNotice(version="1", language="de", title="", url="")


@pytest.fixture
def office(bootstrapped, settings):
    settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT = 0
    Calendar.objects.filter(slug="clearingstelle").update(seats_online=1)
    return Calendar.objects.with_rules().get(slug="clearingstelle")


@pytest.fixture
def full_week(office):
    """The first whole bookable week, every online seat booked; its Monday and its bookings."""
    first, last = bookable_range(office)
    monday = waiting.week_of(first) + datetime.timedelta(days=7)
    bookings = []
    for index, slot in enumerate(open_slots(office, monday, monday + datetime.timedelta(days=6))):
        held = hold(office, slot.start, 1)
        contact = Contact(name=f"Booked {index}", email=f"b{index}@example.org", phone="", language="de")
        bookings.append(book(office, held.token, start=slot.start, people=1, contact=contact, privacy=NOTICE).booking)
    assert bookings
    return monday, bookings


def join(client, monday, name, email, language="ro", people=1):
    return client.post(
        url("waiting", language, calendar="clearingstelle", week=monday.isoformat()),
        {"name": name, "email": email, "phone": "", "language": language, "people": people, "privacy": "on"},
    )


def test_a_full_week_offers_the_waiting_list(client, full_week):
    monday, _bookings = full_week
    page = client.get(url("days", calendar="clearingstelle"))
    assert f"/warteliste/{monday.isoformat()}/" in page.content.decode()
    assert "Listă de așteptare" in page.content.decode()
    joined = join(client, monday, "Ioana Pop", "ioana@example.org")
    assert joined.status_code == 200 and "Sunteți pe lista de așteptare" in joined.content.decode()
    entry = WaitingListEntry.objects.get()
    assert (entry.week, entry.name, entry.language, entry.status) == (monday, "Ioana Pop", "ro", WaitingStatus.WAITING)


def test_a_week_with_free_times_has_no_waiting_list(client, office):
    first, _last = bookable_range(office)
    monday = waiting.week_of(first) + datetime.timedelta(days=7)
    response = join(client, monday, "Ioana Pop", "ioana@example.org")
    assert response.status_code == 302 and not WaitingListEntry.objects.exists()


def test_a_cancellation_offers_the_seat_to_the_first_in_line(client, full_week, django_capture_on_commit_callbacks):
    monday, bookings = full_week
    join(client, monday, "Ioana Pop", "ioana@example.org")
    join(client, monday, "Jan Nowak", "jan@example.org", language="pl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[3].code)
    first, second = WaitingListEntry.objects.order_by("created_at")
    assert first.status == WaitingStatus.OFFERED and second.status == WaitingStatus.WAITING
    assert first.offer.slot == bookings[3].slot and first.offer.status == BookingStatus.HELD
    hours = (first.offered_until - timezone.now()).total_seconds() / 3600
    assert 11.9 < hours <= 12
    offers = [message for message in mail.outbox if message.to == ["ioana@example.org"]]
    assert len(offers) == 1 and offers[0].subject.startswith("O programare este liberă")
    assert offer_token(first) in offers[0].body
    day = timezone.localtime(bookings[3].slot.start, office_zone()).date().isoformat()
    public = client.get(url("times", calendar="clearingstelle", day=day))
    assert str(int(bookings[3].slot.start.timestamp())) not in public.content.decode(), "held for the waiting list"


def test_no_seat_is_offered_twice(client, full_week, django_capture_on_commit_callbacks):
    monday, bookings = full_week
    for index in range(3):
        join(client, monday, f"Waiting {index}", f"w{index}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[0].code)
    notifications.seat_freed(bookings[0].slot_id)
    waiting.offer_free_seats(bookings[0].slot.calendar, monday)
    offered = WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED)
    assert offered.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[1].code)
    offered = list(WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED).order_by("created_at"))
    assert [entry.name for entry in offered] == ["Waiting 0", "Waiting 1"]
    assert {entry.offer.slot_id for entry in offered} == {bookings[0].slot_id, bookings[1].slot_id}
    assert Booking.objects.filter(status=BookingStatus.HELD).count() == 2


def test_an_unused_offer_passes_to_the_next(client, full_week, django_capture_on_commit_callbacks):
    monday, bookings = full_week
    settings_row = NotificationSettings.load()
    settings_row.offer_hours = 2
    settings_row.save()
    join(client, monday, "Ioana Pop", "ioana@example.org")
    join(client, monday, "Jan Nowak", "jan@example.org", language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[0].code)
    first = WaitingListEntry.objects.get(name="Ioana Pop")
    assert notifications.run(timezone.now() + datetime.timedelta(hours=1))["passed_on"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.run(timezone.now() + datetime.timedelta(hours=2, minutes=1))["passed_on"] == 1
    first.refresh_from_db()
    second = WaitingListEntry.objects.get(name="Jan Nowak")
    assert first.status == WaitingStatus.PASSED and second.status == WaitingStatus.OFFERED
    assert second.offer.slot_id == bookings[0].slot_id
    assert any(message.to == ["jan@example.org"] and "Wolny termin" in message.subject for message in mail.outbox)
    late = client.post(url("offer", calendar="clearingstelle", link=offer_token(first)), {"answer": "accept"})
    assert late.status_code == 410 and "Această ofertă nu mai este valabilă" in late.content.decode()


def test_the_offer_link_books_the_seat_with_the_waiting_details(client, full_week, django_capture_on_commit_callbacks):
    monday, bookings = full_week
    join(client, monday, "Ioana Pop", "ioana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[0].code)
    entry = WaitingListEntry.objects.get()
    link = url("offer", calendar="clearingstelle", link=offer_token(entry))
    page = client.get(link)
    assert page.status_code == 200 and "O oră este liberă pentru dumneavoastră" in page.content.decode()
    tampered = client.get(link.replace(offer_token(entry), offer_token(entry)[:-1] + "x"))
    assert tampered.status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(link, {"answer": "accept"})
    assert accepted.status_code == 302 and "/bestaetigung/" in accepted["Location"]
    entry.refresh_from_db()
    booking = entry.offer
    assert entry.status == WaitingStatus.BOOKED and booking.status == BookingStatus.BOOKED
    assert (booking.name, booking.email, booking.language) == ("Ioana Pop", "ioana@example.org", "ro")
    assert [message.to for message in mail.outbox] == [["ioana@example.org"]]
    again = client.post(link, {"answer": "accept"})
    assert again.status_code == 410


def test_declining_passes_the_seat_on_at_once(client, full_week, django_capture_on_commit_callbacks):
    monday, bookings = full_week
    join(client, monday, "Ioana Pop", "ioana@example.org")
    join(client, monday, "Jan Nowak", "jan@example.org", language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        cancel(bookings[0].code)
    first = WaitingListEntry.objects.get(name="Ioana Pop")
    with django_capture_on_commit_callbacks(execute=True):
        declined = client.post(url("offer", calendar="clearingstelle", link=offer_token(first)), {"answer": "decline"})
    assert declined.status_code == 200
    second = WaitingListEntry.objects.get(name="Jan Nowak")
    assert second.status == WaitingStatus.OFFERED and second.offer.slot_id == bookings[0].slot_id


def test_the_clerk_sees_the_list_audited_in_constant_queries(client, full_week, clerk, django_assert_max_num_queries):
    monday, _bookings = full_week
    for index in range(3):
        join(client, monday, f"Waiting {index}", f"w{index}@example.org")
    client.force_login(clerk)
    with django_assert_max_num_queries(30) as few:
        page = client.get("/admin/scheduling/waiting-list/")
    assert page.status_code == 200 and "Waiting 2" in page.content.decode()
    three = len(few)
    for index in range(3, 30):
        join(type(client)(), monday, f"Waiting {index}", f"w{index}@example.org")
    with django_assert_max_num_queries(three):
        assert "Waiting 29" in client.get("/admin/scheduling/waiting-list/").content.decode()
    entry = AuditEntry.objects.filter(action="waiting.list").latest("pk")
    assert entry.actor == clerk and len(entry.details["entries"]) == 30
    assert "email" in entry.details["fields"]


def test_seats_the_office_adds_are_offered_by_the_scheduled_task(client, full_week, django_capture_on_commit_callbacks):
    monday, _bookings = full_week
    join(client, monday, "Ioana Pop", "ioana@example.org")
    assert notifications.run()["offered"] == 0
    Calendar.objects.filter(slug="clearingstelle").update(seats_online=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.run()["offered"] == 1
    assert WaitingListEntry.objects.get().status == WaitingStatus.OFFERED
    assert notifications.run()["offered"] == 0
    assert any(message.to == ["ioana@example.org"] for message in mail.outbox)
