"""Emails to citizens: in their language, an ``.ics`` in Europe/Berlin, texts from the admin, one record each."""

import smtplib
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import roles
from plugins.scheduling.emails import ensure_default_texts
from plugins.scheduling.models import (
    Booking,
    BookingStatus,
    Calendar,
    EmailText,
    Notice,
    NoticeKind,
    NoticeStatus,
    NotificationSettings,
)

from .flow import book

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """An SMTP server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"no such user")})


@pytest.fixture
def office(bootstrapped):
    return Calendar.objects.get(slug="clearingstelle")


@pytest.fixture
def booked_now(client, office, django_capture_on_commit_callbacks):
    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            book(client, **fields)
        return Booking.objects.filter(status=BookingStatus.BOOKED).latest("pk")

    return make


def test_the_confirmation_is_in_the_citizens_language_with_an_ics_in_berlin_time(booked_now):
    booking = booked_now(language="ro")
    [message] = mail.outbox
    assert message.to == ["stefan@example.org"]
    assert message.subject.startswith("Programarea dumneavoastră:")
    assert f"{booking.code[:4]}-{booking.code[4:]}" in message.body and "Bună ziua Ștefan Țurcanu" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin" and str(start.tzinfo) == "Europe/Berlin"
    assert start == booking.slot.start and event.decoded("DTEND") == booking.slot.end
    assert start.utcoffset() == booking.slot.start.astimezone(ZoneInfo("Europe/Berlin")).utcoffset()
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert booking.code in str(event["UID"])
    notice = Notice.objects.get(booking=booking)
    assert (notice.kind, notice.status) == (NoticeKind.CONFIRMATION, NoticeStatus.SENT)


def test_the_language_chosen_in_the_form_decides_not_the_pages(booked_now):
    booking = booked_now(language="bg")
    assert booking.language == "ro", "the form's language field chose Romanian on the Bulgarian page"
    assert mail.outbox[-1].subject.startswith("Programarea dumneavoastră:")


def test_german_is_used_where_a_language_has_no_text(booked_now):
    EmailText.objects.filter(kind=NoticeKind.CONFIRMATION, language="ro").delete()
    booked_now()
    assert mail.outbox[-1].subject.startswith("Ihr Termin:")
    assert "Buchungscode" in mail.outbox[-1].body


def test_the_admins_text_is_used_and_survives_bootstrap(booked_now):
    EmailText.objects.filter(kind=NoticeKind.CONFIRMATION, language="ro").update(
        subject="Confirmare {code}", body="Salut {name}, {when}. {link}"
    )
    assert ensure_default_texts() == 0
    booking = booked_now()
    assert mail.outbox[-1].subject == f"Confirmare {booking.code[:4]}-{booking.code[4:]}"
    assert EmailText.objects.get(kind=NoticeKind.CONFIRMATION, language="ro").subject == "Confirmare {code}"


def test_every_shipped_text_exists_in_every_language(office):
    assert EmailText.objects.count() == len(NoticeKind.choices) * 7
    for text in EmailText.objects.all():
        text.full_clean()


def test_unknown_placeholders_and_open_braces_are_refused_in_german(office):
    text = EmailText.objects.get(kind=NoticeKind.CANCELLATION, language="de")
    text.body = "Hallo {name}, Ihr Link: {link}"
    with pytest.raises(ValidationError) as refused:
        text.full_clean()
    assert "Unbekannte Platzhalter: {link}" in str(refused.value)
    text.body = "Hallo {name"
    with pytest.raises(ValidationError) as refused:
        text.full_clean()
    assert "geschweifte Klammer" in str(refused.value)
    text.body = "Hallo\u202e {name}"
    with pytest.raises(ValidationError):
        text.full_clean()


def test_a_booking_by_phone_only_gets_no_email(booked_now):
    booked_now(email="", phone="+40 712 345 678")
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_failed_send_is_recorded_with_its_error(booked_now, settings):
    settings.EMAIL_BACKEND = "tests.scheduling.test_emails.RefusingBackend"
    booking = booked_now()
    notice = Notice.objects.get(booking=booking)
    assert notice.status == NoticeStatus.FAILED and notice.error.startswith("SMTPRecipientsRefused")
    assert notice.sent_at is None


def test_the_failed_send_shows_in_the_admin(booked_now, settings, admin_client):
    settings.EMAIL_BACKEND = "tests.scheduling.test_emails.RefusingBackend"
    booking = booked_now()
    page = admin_client.get("/admin/scheduling/emails/", {"status": "failed"})
    assert page.status_code == 200
    assert booking.code in page.content.decode() and "SMTPRecipientsRefused" in page.content.decode()


def test_the_administrator_edits_a_text_and_a_wrong_placeholder_is_refused_in_german(client, make_user, office):
    client.force_login(make_user("admin-user", roles.ADMINISTRATOR))
    text = EmailText.objects.get(kind=NoticeKind.REMINDER, language="hu")
    url = reverse("wagtailsnippets_scheduling_emailtext:edit", args=[text.pk])
    data = {"kind": text.kind, "language": text.language, "subject": "Holnap {when}", "body": "Kedves {nam}"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Unbekannte Platzhalter: {nam}" in refused.content.decode()
    saved = client.post(url, {**data, "body": "Kedves {name}, {link}"})
    assert saved.status_code == 302
    assert EmailText.objects.get(pk=text.pk).body == "Kedves {name}, {link}"


def test_the_offer_hours_are_set_in_the_admin_within_limits(client, make_user, office):
    client.force_login(make_user("admin-user", roles.ADMINISTRATOR))
    url = reverse("wagtailsettings:edit", args=["scheduling", "notificationsettings", NotificationSettings.load().pk])
    assert "Platz für die Warteliste gehalten (Stunden)" in client.get(url).content.decode()
    refused = client.post(url, {"offer_hours": 0})
    assert refused.status_code == 200 and "größer oder gleich 1" in refused.content.decode()
    assert client.post(url, {"offer_hours": 24}).status_code == 302, "saved"
    assert NotificationSettings.load().offer_hours == 24
