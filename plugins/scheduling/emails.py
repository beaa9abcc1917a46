"""The emails to citizens: texts from the admin in their language (German where none), an ``.ics``, one record each.

Each email is recorded (``Notice``) before it goes out; where the record's unique
constraint refuses a second one, nothing is sent. The outcome, sent or the error, is
kept on the record for the clerk.
"""

import datetime
import json
import smtplib
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from .booking import display_code
from .links import manage_token, offer_token
from .models import Booking, BookingStatus, EmailText, Notice, NoticeKind, NoticeStatus
from .slots import office_zone

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "emails.json"
FALLBACK = "de"


def shipped_texts(path=DEFAULTS):
    """{kind: {language: (subject, body)}} as shipped."""
    shipped = json.loads(path.read_text(encoding="utf-8"))
    return {kind: {language: tuple(text) for language, text in texts.items()} for kind, texts in shipped.items()}


def ensure_default_texts(path=DEFAULTS):
    """Create each shipped text that is missing; one the office edited stays as it is."""
    created = 0
    for kind, texts in shipped_texts(path).items():
        for language, (subject, body) in texts.items():
            _text, new = EmailText.objects.get_or_create(
                kind=kind, language=language, defaults={"subject": subject, "body": body}
            )
            created += new
    return created


def text_for(kind, language):
    """(subject, body) in ``language``, else German; the shipped text where the admin has none."""
    rows = {row.language: row for row in EmailText.objects.filter(kind=kind, language__in={language, FALLBACK})}
    row = rows.get(language) or rows.get(FALLBACK)
    if row is not None:
        return row.subject, row.body
    shipped = shipped_texts()[kind]
    return shipped.get(language) or shipped[FALLBACK]


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def moment_label(moment):
    local = timezone.localtime(moment, office_zone())
    return f"{date_format(local, 'l')}, {date_format(local, 'DATE_FORMAT')}, {date_format(local, 'TIME_FORMAT')}"


def manage_url(booking, language):
    with translation.override(language):
        return absolute(
            reverse(
                "scheduling:manage",
                kwargs={"calendar": booking.slot.calendar.slug, "link": manage_token(booking)},
            )
        )


def offer_url(entry, language):
    with translation.override(language):
        return absolute(
            reverse("scheduling:offer", kwargs={"calendar": entry.calendar.slug, "link": offer_token(entry)})
        )


def ics(booking):
    """The appointment as an iCalendar file, its times in Europe/Berlin with the zone's definition included."""
    zone = office_zone()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Clearingstelle//Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{booking.code}@{urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or 'clearingstelle'}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", timezone.localtime(booking.slot.start, zone))
    event.add("dtend", timezone.localtime(booking.slot.end, zone))
    place = booking.slot.calendar.public_name(booking.language)
    event.add("summary", f"{place} ({display_code(booking.code)})")
    event.add("location", place)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _values(booking, language):
    with translation.override(language):
        return {
            "name": booking.name,
            "code": display_code(booking.code),
            "when": moment_label(booking.slot.start),
            "place": booking.slot.calendar.public_name(language),
            "people": booking.people,
            "link": manage_url(booking, language),
        }


def _record(**fields):
    """The notice's record, or ``None`` when one already exists (another run got there first)."""
    try:
        with transaction.atomic():
            return Notice.objects.create(**fields)
    except IntegrityError:
        return None


def _deliver(notice, message):
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        notice.status = NoticeStatus.FAILED
        notice.error = f"{type(error).__name__}: {error}"[:300]
    else:
        notice.status = NoticeStatus.SENT
        notice.sent_at = timezone.now()
    notice.save(update_fields=["status", "error", "sent_at"])
    return notice


def _message(kind, language, values, to):
    subject, body = text_for(kind, language)
    return EmailMessage(subject=subject.format_map(values), body=body.format_map(values), to=[to])


def send_to_holder(booking, kind, *, still_booked=True):
    """Email ``booking``'s holder once (``kind``); ``None`` without an address or when it went out already.

    ``still_booked``: recorded only while the booking is booked, under its row lock, so a
    cancellation committed first stops the email.
    """
    if not booking.email:
        return None
    with transaction.atomic():
        if still_booked:
            current = Booking.objects.select_for_update().filter(pk=booking.pk, status=BookingStatus.BOOKED)
            if not current.exists():
                return None
        notice = _record(booking=booking, kind=kind)
    if notice is None:
        return None
    message = _message(kind, booking.language, _values(booking, booking.language), booking.email)
    if kind != NoticeKind.CANCELLATION:
        message.attach(f"termin-{booking.code}.ics", ics(booking), "text/calendar")
    return _deliver(notice, message)


def send_offer(entry):
    """Email the seat held for ``entry`` (the waiting list), once per held seat; ``None`` without an address."""
    if not entry.email:
        return None
    notice = _record(booking=entry.offer, waiting=entry, kind=NoticeKind.WAITING_OFFER)
    if notice is None:
        return None
    language = entry.language
    with translation.override(language):
        values = {
            "name": entry.name,
            "when": moment_label(entry.offer.slot.start),
            "place": entry.calendar.public_name(language),
            "people": entry.people,
            "link": offer_url(entry, language),
            "until": moment_label(entry.offered_until),
        }
    return _deliver(notice, _message(NoticeKind.WAITING_OFFER, language, values, entry.email))
