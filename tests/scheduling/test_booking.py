"""The public booking through its pages: the citizen's language, holds, stale choices, limits, the privacy notice."""

import datetime
import html
import re

import pytest
from django.utils import timezone
from wagtail import hooks

from core.contracts import PrivacyNotice
from core.hooks import PRIVACY_NOTICE
from pages.models import PrivacyNoticePage
from plugins.scheduling.models import Booking, BookingSettings, BookingStatus, Calendar, Closure

from .flow import book, free_days, free_starts, hold, send_details, token_of, url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def office(bootstrapped):
    return Calendar.objects.get(slug="clearingstelle")


def text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_a_citizen_books_in_romanian(client, office):
    assert client.get(url("index")).status_code == 302
    days = free_days(client)
    assert days, "the shipped calendar offers days"
    weekdays = {datetime.date.fromisoformat(d).weekday() for d in days}
    assert weekdays <= {1, 3}
    page = client.get(url("days", calendar="clearingstelle"))
    assert 'lang="ro"' in page.content.decode() and "Alegeți o zi" in text(page)

    response, start = book(client)
    assert response.status_code == 302 and "/ro/termin/clearingstelle/bestaetigung/" in response["Location"]
    confirmation = client.get(response["Location"])
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.BOOKED and booking.people == 1
    assert (booking.name, booking.email, booking.language) == ("Ștefan Țurcanu", "stefan@example.org", "ro")
    assert int(booking.slot.start.timestamp()) == int(start)
    code = f"{booking.code[:4]}-{booking.code[4:]}"
    assert code in text(confirmation) and "Programarea dumneavoastră este rezervată" in text(confirmation)


def test_the_privacy_notice_version_falls_back_to_the_setting(client, office):
    PrivacyNoticePage.objects.update(live=False)
    settings_row = BookingSettings.load()
    settings_row.privacy_version = "2026-03"
    settings_row.save()
    book(client, language="bg")
    booking = Booking.objects.get()
    assert (booking.privacy_version, booking.privacy_language) == ("2026-03", "bg")


def test_the_privacy_notice_of_the_pages_is_recorded_when_there_is_one(client, office):
    def notice(language):
        return PrivacyNotice(version="7", language="de", title="Datenschutzhinweise", url="/de/datenschutz/")

    with hooks.register_temporarily(PRIVACY_NOTICE, notice, order=-1):
        day = free_days(client)[0]
        start = free_starts(client, day)[0]
        held = hold(client, day, start)
        form = client.get(held["Location"])
        assert 'href="/de/datenschutz/"' in form.content.decode()
        send_details(client, token_of(held), start)
    booking = Booking.objects.get()
    assert (booking.privacy_version, booking.privacy_language) == ("7", "de")


def test_a_double_click_books_once(client, office):
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    token = token_of(hold(client, day, start))
    first = send_details(client, token, start)
    second = send_details(client, token, start)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 1


def test_a_time_lost_meanwhile_says_so_and_keeps_what_was_typed(client, office):
    office.seats_online = 1
    office.save()
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    token = token_of(hold(client, day, start))
    Booking.objects.filter(token=token).update(held_until=timezone.now() - datetime.timedelta(seconds=1))
    other = type(client)()
    other_held = hold(other, day, start)
    send_details(other, token_of(other_held), start, email="other@example.org")

    refused = send_details(client, token, start, phone="+40 712 345 678")
    assert refused.status_code == 409
    page = text(refused)
    assert "Ne pare rău, această oră tocmai a fost rezervată de altcineva" in page
    assert 'value="Ștefan Țurcanu"' in page and 'value="stefan@example.org"' in page
    assert 'value="+40 712 345 678"' in page
    others = re.findall(r'type="radio" name="start" value="(\d+)"', refused.content.decode())
    assert others and start not in others
    again = send_details(client, token, others[0])
    assert again.status_code == 302
    booking = Booking.objects.get(token=token)
    assert booking.status == BookingStatus.BOOKED and int(booking.slot.start.timestamp()) == int(others[0])


def test_another_time_taken_after_it_was_offered_says_taken_not_invalid(client, office):
    office.seats_online = 1
    office.save()
    day = free_days(client)[0]
    held, wanted = free_starts(client, day)[:2]
    token = token_of(hold(client, day, held))
    other = type(client)()
    send_details(other, token_of(hold(other, day, wanted)), wanted, email="other@example.org")

    refused = send_details(client, token, wanted, phone="+40 712 345 678")
    assert refused.status_code == 409
    page = text(refused)
    assert "Ne pare rău, această oră tocmai a fost rezervată de altcineva" in page
    assert 'value="+40 712 345 678"' in page
    assert Booking.objects.get(token=token).status == BookingStatus.HELD


def test_a_closure_added_after_the_hold_refuses_the_booking(client, office):
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    token = token_of(hold(client, day, start))
    date = datetime.date.fromisoformat(day)
    Closure.objects.create(calendar=office, first_day=date, last_day=date, reason="Betriebsausflug")
    refused = send_details(client, token, start)
    assert refused.status_code == 409
    assert "Această oră nu mai poate fi rezervată" in text(refused)
    assert Booking.objects.get(token=token).status == BookingStatus.HELD


def test_a_family_is_booked_as_a_whole_or_refused(client, office):
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    book_one = hold(client, day, start, people=1)
    send_details(client, token_of(book_one), start)
    assert start not in free_starts(client, day, people=2)
    refused = hold(type(client)(), day, start, people=2)
    assert refused.status_code == 409
    assert Booking.objects.count() == 1
    family, _start = book(type(client)(), people=2, email="family@example.org")
    assert family.status_code == 302
    assert Booking.objects.filter(people=2, status=BookingStatus.BOOKED).count() == 1


def test_the_staff_seat_is_not_offered_online(client, office):
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    send_details(client, token_of(hold(client, day, start, people=2)), start, people=2)
    assert start not in free_starts(client, day)
    assert hold(type(client)(), day, start).status_code == 409


def test_the_honeypot_books_nothing(client, office):
    response, _start = book(client, website="https://spam.example")
    assert response.status_code == 400
    assert not Booking.objects.filter(status=BookingStatus.BOOKED).exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"email": "", "phone": ""}, "Vă rugăm să indicați o adresă de e-mail sau un număr de telefon"),
        ({"name": "Ana\u202ePopescu"}, "Textul conținea caractere invizibile"),
        ({"email": "ana\u200b@example.org"}, "Textul conținea caractere invizibile"),
        ({"name": "A" * 201}, "cel mult 200 de caractere"),
        ({"phone": "call me"}, "Vă rugăm să introduceți un număr de telefon"),
        ({"privacy": ""}, "Vă rugăm să acceptați informațiile privind protecția datelor"),
        ({"name": ""}, "Acest câmp este obligatoriu"),
    ],
)
def test_what_cannot_be_stored_is_refused_in_the_citizens_language(client, office, fields, message):
    response, _start = book(client, **fields)
    assert response.status_code == 400
    assert message in text(response)
    assert not Booking.objects.filter(status=BookingStatus.BOOKED).exists()


def test_holds_per_address_are_limited(client, office, settings):
    settings.SCHEDULING_HOLDS_PER_ADDRESS_HOUR = 2
    day = free_days(client)[0]
    starts = free_starts(client, day)
    assert [hold(client, day, start).status_code for start in starts[:3]] == [302, 302, 429]
    assert "Prea multe încercări" in text(hold(type(client)(), day, starts[3]))
    settings.SCHEDULING_HOLDS_PER_ADDRESS_HOUR = 0  # switched off
    assert [hold(client, day, start).status_code for start in starts[4:7]] == [302, 302, 302]


def test_bookings_per_contact_are_limited(client, office, settings):
    settings.SCHEDULING_BOOKINGS_PER_CONTACT_DAY = 1
    settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT = 0
    assert book(client)[0].status_code == 302
    assert book(client)[0].status_code == 429


def test_open_bookings_per_phone_number_are_capped(client, office, settings):
    settings.SCHEDULING_OPEN_BOOKINGS_PER_CONTACT = 1
    assert book(client, email="", phone="+40 712 345 678")[0].status_code == 302
    refused, _start = book(client, email="", phone="0040 712-345-678")
    assert refused.status_code == 409
    assert "Aveți deja" in text(refused)
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 1


def test_a_tampered_time_is_refused(client, office):
    day = free_days(client)[0]
    start = free_starts(client, day)[0]
    assert hold(client, day, "not-a-time").status_code == 400
    assert hold(client, day, str(int(start) + 60)).status_code == 409
    token = token_of(hold(client, day, start))
    assert send_details(client, token, str(int(start) + 1800 * 400)).status_code == 409  # beyond the horizon
    assert not Booking.objects.filter(status=BookingStatus.BOOKED).exists()
    assert client.get(url("details", calendar="clearingstelle", token="unknown")).status_code == 404


def test_the_day_list_reads_in_constant_queries(client, office, django_assert_max_num_queries):
    for _ in range(3):
        book(type(client)(), email=f"{_}@example.org")
    with django_assert_max_num_queries(8):
        free_days(client)


def test_a_calendar_not_bookable_online_has_no_public_pages(client, office):
    assert client.get(url("days", calendar="buergerbuero")).status_code == 404


def test_every_language_has_the_pages(client, office):
    for language in ("de", "en", "ro", "pl", "bg", "hu", "hr"):
        page = client.get(url("days", language, calendar="clearingstelle"))
        assert page.status_code == 200 and f'lang="{language}"' in page.content.decode()
