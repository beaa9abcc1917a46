"""The citizen's signed link: cancel once, move under the booking's checks, refuse what was altered or is over."""

import datetime
import html
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.utils import timezone

from plugins.scheduling.booking import BookingRefused, cancel
from plugins.scheduling.links import booking_code, manage_token
from plugins.scheduling.models import Booking, BookingStatus, Calendar, Move, Slot

from .flow import book, free_starts, hold, send_details, token_of, url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def office(bootstrapped):
    return Calendar.objects.get(slug="clearingstelle")


def text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def booked(client, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book(client)
    return Booking.objects.get(status=BookingStatus.BOOKED)


def manage_url(booking, language="ro", token=None):
    return url("manage", language, calendar="clearingstelle", link=token or manage_token(booking))


def test_the_token_is_the_code_and_its_signature_in_plain_url_characters(booked):
    token = manage_token(booked)
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", token)
    assert booking_code(token) == booked.code
    assert booking_code(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert booking_code(token.replace(booked.code, "ZZZZ2222")) is None


def test_the_confirmation_page_and_email_carry_the_link(client, booked):
    confirmation = client.get(url("confirmation", calendar="clearingstelle", token=booked.token))
    assert manage_url(booked) in confirmation.content.decode()
    assert len(mail.outbox) == 1
    assert manage_url(booked) in mail.outbox[0].body


def test_cancel_works_once(client, booked, django_capture_on_commit_callbacks):
    page = client.get(manage_url(booked))
    assert page.status_code == 200 and "Anulați programarea" in text(page)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url("cancel", calendar="clearingstelle", link=manage_token(booked)))
    assert done.status_code == 200 and "Programarea dumneavoastră este anulată" in text(done)
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED
    again = client.post(url("cancel", calendar="clearingstelle", link=manage_token(booked)))
    assert again.status_code == 410 and "Această programare nu mai este rezervată" in text(again)
    assert [message.subject.split(":")[0] for message in mail.outbox] == [
        "Programarea dumneavoastră",
        "Programarea dumneavoastră este anulată",
    ]


def test_cancelling_frees_the_seat_at_once(client, booked):
    Calendar.objects.filter(slug="clearingstelle").update(seats_online=1)
    start = int(booked.slot.start.timestamp())
    day = timezone.localtime(booked.slot.start).date().isoformat()
    assert str(start) not in free_starts(client, day)
    cancel(booked.code)
    assert str(start) in free_starts(client, day)


def test_a_tampered_token_is_refused_in_the_citizens_language(client, booked):
    token = manage_token(booked)
    for forged in (token[:-2] + "xx", token.replace(booked.code, "ABCD2345"), "nonsense"):
        page = client.get(manage_url(booked, token=forged))
        assert page.status_code == 400 and "Acest link nu este valabil" in text(page)
        refused = client.post(url("cancel", calendar="clearingstelle", link=forged))
        assert refused.status_code == 400
    booked.refresh_from_db()
    assert booked.status == BookingStatus.BOOKED


def test_a_past_appointment_cannot_be_cancelled(client, booked):
    Slot.objects.filter(pk=booked.slot_id).update(start=timezone.now() - datetime.timedelta(minutes=1))
    page = client.get(manage_url(booked, "bg"))
    assert page.status_code == 410 and "Този час вече не може да бъде променян тук" in text(page)
    refused = client.post(url("cancel", "bg", calendar="clearingstelle", link=manage_token(booked)))
    assert refused.status_code == 410
    booked.refresh_from_db()
    assert booked.status == BookingStatus.BOOKED
    with pytest.raises(BookingRefused) as raised:
        cancel(booked.code)
    assert raised.value.reason == BookingRefused.BEGUN


def test_the_link_survives_percent_re_encoding(client, booked):
    token = manage_token(booked)
    every_character = "".join(f"%{ord(ch):02X}" for ch in token)
    lower_case = every_character.lower()
    for encoded in (every_character, lower_case, quote(token, safe="")):
        page = client.get(f"/ro/termin/clearingstelle/buchung/{encoded}/")
        assert page.status_code == 200, encoded
        assert booked.code[:4] in text(page)
    done = client.post(f"/ro/termin/clearingstelle/buchung/{every_character}/absagen/")
    assert done.status_code == 200
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED


def test_moving_makes_a_new_booking_with_its_own_code_link_and_email(
    client, booked, django_capture_on_commit_callbacks
):
    days = client.get(url("move", calendar="clearingstelle", link=manage_token(booked)))
    assert days.status_code == 200
    day = re.findall(r"/verschieben/(\d{4}-\d\d-\d\d)/", days.content.decode())[-1]
    times = client.get(url("move_day", calendar="clearingstelle", link=manage_token(booked), day=day))
    start = re.findall(r'name="start" value="(\d+)"', times.content.decode())[0]
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(
            url("move_day", calendar="clearingstelle", link=manage_token(booked), day=day), {"start": start}
        )
    assert moved.status_code == 302 and "/bestaetigung/" in moved["Location"]
    booked.refresh_from_db()
    new = Booking.objects.get(status=BookingStatus.BOOKED)
    assert booked.status == BookingStatus.CANCELLED and Move.objects.get(old=booked).new == new
    assert new.code != booked.code and int(new.slot.start.timestamp()) == int(start)
    assert (new.name, new.email, new.language, new.people) == (
        booked.name,
        booked.email,
        booked.language,
        booked.people,
    )
    assert len(mail.outbox) == 2, "the move is confirmed, the old booking gets no cancellation"
    assert manage_url(new) in mail.outbox[1].body
    old_link = client.get(manage_url(booked))
    assert old_link.status_code == 410


def test_moving_onto_a_full_slot_is_refused_and_keeps_the_booking(client, booked, office):
    Calendar.objects.filter(pk=office.pk).update(seats_online=1)
    other = type(client)()
    days = client.get(url("move", calendar="clearingstelle", link=manage_token(booked)))
    day = re.findall(r"/verschieben/(\d{4}-\d\d-\d\d)/", days.content.decode())[-1]
    start = free_starts(other, day)[-1]
    send_details(other, token_of(hold(other, day, start)), start, email="other@example.org")
    refused = client.post(
        url("move_day", calendar="clearingstelle", link=manage_token(booked), day=day), {"start": start}
    )
    assert refused.status_code == 409 and "tocmai a fost rezervată de altcineva" in text(refused)
    booked.refresh_from_db()
    assert booked.status == BookingStatus.BOOKED
