"""Calendars in the admin, the shipped defaults, and what scheduling tells the pages through hooks."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core import roles
from core.bootstrap import run_bootstrap
from core.hooks import OPENING_HOURS, PUBLIC_LINKS
from plugins.scheduling.defaults import ensure_default_calendars
from plugins.scheduling.models import Booking, BookingStatus, Calendar

from .flow import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user, bootstrapped):
    return make_user("admin-user", roles.ADMINISTRATOR)


def rule_rows(calendar, changes):
    rows = []
    for rule in calendar.rules.all():
        row = {"id": rule.pk, "weekday": rule.weekday, "start": f"{rule.start:%H:%M}", "end": f"{rule.end:%H:%M}"}
        rows.append({**row, **changes.get(rule.pk, {})})
    return rows


def edit_data(calendar, rules):
    names = [{"id": name.pk, "language": name.language, "name": name.name} for name in calendar.names.all()]
    return nested_form_data(
        {
            "name": calendar.name,
            "slug": calendar.slug,
            "bookable_online": "on" if calendar.bookable_online else "",
            "hours_to_be_set": "",
            "slot_minutes": calendar.slot_minutes,
            "seats_online": calendar.seats_online,
            "seats_staff": calendar.seats_staff,
            "lead_days": calendar.lead_days,
            "horizon_days": calendar.horizon_days,
            "holiday_subdivision": "ST",
            "rules": inline_formset(rules, initial=len(rules)),
            "closures": inline_formset([]),
            "names": inline_formset(names, initial=len(names)),
        }
    )


def test_the_shipped_calendars_and_their_marks(client, administrator):
    client.force_login(administrator)
    listing = client.get(reverse("wagtailsnippets_scheduling_calendar:list"))
    page = listing.content.decode()
    assert listing.status_code == 200
    assert "Clearingstelle – Erstgespräch" in page and "Bürgerbüro – Anmeldung" in page
    assert "Zeiten vom Amt festzulegen" in page
    assert Calendar.objects.get(slug="buergerbuero").hours_to_be_set
    office = Calendar.objects.get(slug="clearingstelle")
    edit = client.get(reverse("wagtailsnippets_scheduling_calendar:edit", args=[office.pk])).content.decode()
    assert "Plätze je Zeitfenster, online buchbar" in edit and "Schließtage" in edit
    hours = sorted((rule.weekday, f"{rule.start:%H:%M}", f"{rule.end:%H:%M}") for rule in office.rules.all())
    assert hours == [(1, "08:30", "12:00"), (1, "13:00", "16:30"), (3, "08:30", "12:00"), (3, "13:00", "16:30")]


def test_bootstrap_leaves_a_changed_calendar_alone(bootstrapped):
    Calendar.objects.filter(slug="clearingstelle").update(seats_online=5)
    assert ensure_default_calendars() == 0
    run_bootstrap(demo=False, stdout=io.StringIO())
    assert Calendar.objects.get(slug="clearingstelle").seats_online == 5
    Calendar.objects.filter(slug="buergerbuero").delete()
    assert ensure_default_calendars() == 1
    assert Calendar.objects.get(slug="buergerbuero").rules.count() == 6


def test_the_administrator_edits_the_hours_and_is_shown_the_bookings_left_out(client, administrator):
    office = Calendar.objects.get(slug="clearingstelle")
    response, start = book(client)
    booking = Booking.objects.get()
    local = timezone.localtime(booking.slot.start)
    rule = office.rules.get(weekday=local.weekday(), start__lte=local.time(), end__gt=local.time())
    moved = {rule.pk: {"weekday": 0}}  # the range the booking lies in now opens on Mondays instead

    client.force_login(administrator)
    url = reverse("wagtailsnippets_scheduling_calendar:edit", args=[office.pk])
    saved = client.post(url, edit_data(office, rule_rows(office, moved)))
    assert saved.status_code == 302, saved.content.decode()[-3000:]
    assert office.rules.count() == 4 and office.rules.get(pk=rule.pk).weekday == 0
    warnings = [str(message) for message in get_messages(saved.wsgi_request)]
    code = f"{booking.code[:4]}-{booking.code[4:]}"
    assert any("1 Buchungen passen nicht mehr" in text and code in text for text in warnings), warnings
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_the_holders_of_bookings_left_out_are_told_once(client, administrator):
    office = Calendar.objects.get(slug="clearingstelle")
    book(client)
    booking = Booking.objects.get()
    local = timezone.localtime(booking.slot.start)
    rule = office.rules.get(weekday=local.weekday(), start__lte=local.time(), end__gt=local.time())
    client.force_login(administrator)
    url = reverse("wagtailsnippets_scheduling_calendar:edit", args=[office.pk])
    saved = client.post(url, edit_data(office, rule_rows(office, {rule.pk: {"weekday": 0}})))
    assert "1 der Betroffenen wurden per E-Mail benachrichtigt." in [
        str(message) for message in get_messages(saved.wsgi_request)
    ]
    [told] = mail.outbox
    assert told.to == ["stefan@example.org"] and told.subject.startswith("Vă rugăm să mutați programarea")
    assert "/ro/termin/clearingstelle/buchung/" in told.body
    client.post(url, edit_data(office, rule_rows(office, {})))
    assert len(mail.outbox) == 1


def test_a_range_that_ends_before_it_starts_is_refused_in_german(client, administrator):
    office = Calendar.objects.get(slug="clearingstelle")
    rule = office.rules.first()
    client.force_login(administrator)
    url = reverse("wagtailsnippets_scheduling_calendar:edit", args=[office.pk])
    refused = client.post(url, edit_data(office, rule_rows(office, {rule.pk: {"end": "07:00"}})))
    assert refused.status_code == 200
    assert "Der Zeitraum muss nach seinem Beginn enden." in refused.content.decode()


def test_the_pages_get_the_booking_link_and_the_hours_in_their_language(bootstrapped):
    (link,) = [link for provide in hooks.get_hooks(PUBLIC_LINKS) for link in provide("ro")]
    assert (link.label, link.url) == ("Faceți o programare", "/ro/termin/")
    (hours,) = [hours for provide in hooks.get_hooks(OPENING_HOURS) for hours in provide("pl")]
    assert hours.label == "Punkt Pierwszego Kontaktu – pierwsza rozmowa"
    assert {(r.weekday, f"{r.start:%H:%M}", f"{r.end:%H:%M}") for r in hours.ranges} == {
        (1, "08:30", "12:00"),
        (1, "13:00", "16:30"),
        (3, "08:30", "12:00"),
        (3, "13:00", "16:30"),
    }


def test_without_a_calendar_bookable_online_there_is_no_link(bootstrapped):
    Calendar.objects.update(bookable_online=False)
    assert [link for provide in hooks.get_hooks(PUBLIC_LINKS) for link in provide("de")] == []


def test_a_closure_reason_with_hidden_characters_is_refused_in_german(client, administrator):
    office = Calendar.objects.get(slug="clearingstelle")
    client.force_login(administrator)
    data = edit_data(office, rule_rows(office, {}))
    data.update(
        {
            "closures-TOTAL_FORMS": "1",
            "closures-0-first_day": "2026-12-24",
            "closures-0-last_day": "2026-12-31",
            "closures-0-reason": "Betriebs\u200bferien",
            "closures-0-ORDER": "1",
        }
    )
    refused = client.post(reverse("wagtailsnippets_scheduling_calendar:edit", args=[office.pk]), data)
    assert refused.status_code == 200
    assert "Der Text enthielt unsichtbare Zeichen" in refused.content.decode()
    assert not office.closures.exists()
