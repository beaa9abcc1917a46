"""The clerk's day: agenda, check-in opening cases, no-shows, walk-ins, the waiting room and its screen."""

import datetime
import json
import re

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from core import roles
from core.contracts import PersonCore
from core.models import AuditEntry
from plugins.intake.models import Case
from plugins.scheduling.day import DayRefused, call_next, check_in, mark_no_shows, register_walk_in, walk_in_contact
from plugins.scheduling.models import Attendance, Booking, Channel, Outcome, Screen, Ticket
from plugins.scheduling.slots import office_zone

from .day_helpers import answer_in_advance, make_booking, today_at

pytestmark = pytest.mark.django_db

ADVANCE = {"surname": "Țurcanu", "first_names": "Ștefan", "date_of_birth": "1990-04-01", "place_of_birth": "Cluj"}


@pytest.fixture
def day_calendar(make_calendar, bootstrapped):
    return make_calendar(slug="heute", name="Clearingstelle heute", seats_online=2, seats_staff=2)


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def agenda_url(calendar, **query):
    url = reverse("scheduling_day", args=[calendar.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def person(first, surname, born="1990-04-01"):
    return PersonCore(surname=surname, first_names=first, birth_date=datetime.date.fromisoformat(born), language="ro")


def request_of(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


def people_data(people):
    data = {"person-TOTAL_FORMS": len(people), "person-INITIAL_FORMS": len(people), "person-MIN_NUM_FORMS": 1}
    for n, (first, surname, born) in enumerate(people):
        data.update({f"person-{n}-first_names": first, f"person-{n}-surname": surname, f"person-{n}-birth_date": born})
    return data


def test_the_agenda_shows_todays_bookings_with_their_answers_and_is_audited(clerk_client, clerk, day_calendar):
    booking = make_booking(day_calendar, today_at(9))
    answer_in_advance(booking, ADVANCE)
    later = make_booking(day_calendar, today_at(10), name="Maria Popescu", people=2)
    page = clerk_client.get(agenda_url(day_calendar))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ștefan Țurcanu" in text and "Maria Popescu" in text
    assert "Cluj" in text  # the place of birth given in advance
    assert "Im Voraus gegebene Antworten" in text
    trail = re.search(r"data-w-breadcrumbs.*?</ol>", text, re.S).group()
    assert "Der Tag: " in trail, "the header names the page, not only Wagtail's “Home”"
    entry = AuditEntry.objects.filter(action="booking.agenda").latest("pk")
    assert entry.actor == clerk
    assert sorted(entry.details["bookings"]) == sorted([booking.pk, later.pk])


def test_the_week_view_shows_the_whole_week(clerk_client, day_calendar):
    today = timezone.localdate(timezone.now(), office_zone())
    monday = today - datetime.timedelta(days=today.weekday())
    sunday = datetime.datetime.combine(monday + datetime.timedelta(days=6), datetime.time(9), office_zone())
    next_monday = sunday + datetime.timedelta(days=1)
    make_booking(day_calendar, sunday, name="Ana Sonntag")
    make_booking(day_calendar, next_monday, name="Ion Nächstewoche")
    text = clerk_client.get(agenda_url(day_calendar, day=today.isoformat(), week=1)).content.decode()
    assert "Ana Sonntag" in text and "Ion Nächstewoche" not in text


@pytest.mark.parametrize("bookings", [2, 20])
def test_the_agenda_reads_in_constant_queries(clerk_client, day_calendar, bookings, django_assert_max_num_queries):
    for n in range(bookings):
        booking = make_booking(day_calendar, today_at(8) + datetime.timedelta(minutes=30 * (n % 16)), name=f"P {n}")
        if n % 2:
            answer_in_advance(booking, {**ADVANCE, "place_of_birth": f"Ort {n}"})
        if n % 3 == 0:
            Attendance.objects.create(booking=booking, outcome=Outcome.NO_SHOW, at=timezone.now())
    with django_assert_max_num_queries(16):
        page = clerk_client.get(agenda_url(day_calendar))
    assert page.status_code == 200
    assert page.content.decode().count("data-booking=") == bookings


def test_the_day_needs_its_permission(client, make_user, bootstrapped, day_calendar):
    client.force_login(make_user("buergerbuero", roles.CITIZENS_OFFICE))
    assert client.get(agenda_url(day_calendar)).status_code == 403
    booking = make_booking(day_calendar, today_at(9))
    assert client.post(reverse("scheduling_check_in", args=[booking.pk]), people_data([])).status_code == 403


def test_checking_in_a_family_of_three_opens_three_prefilled_cases(clerk_client, day_calendar):
    booking = make_booking(day_calendar, today_at(9), people=3)
    answer_in_advance(booking, ADVANCE)
    form = clerk_client.get(reverse("scheduling_check_in", args=[booking.pk]))
    assert 'value="Țurcanu"' in form.content.decode() and 'value="1990-04-01"' in form.content.decode()
    family = [("Ștefan", "Țurcanu", "1990-04-01"), ("Elena", "Țurcanu", "1992-05-06"), ("Ana", "Țurcanu", "2018-01-02")]
    response = clerk_client.post(reverse("scheduling_check_in", args=[booking.pk]), people_data(family))
    assert response.status_code == 302
    cases = list(Case.objects.filter(source_kind="booking", source_id=booking.code).order_by("pk"))
    assert [(case.first_names, case.surname) for case in cases] == [(first, last) for first, last, _born in family]
    assert cases[2].birth_date == datetime.date(2018, 1, 2)
    answers = cases[1].answer_set.data
    assert answers["first_names"] == "Elena" and answers["date_of_birth"] == "1992-05-06"
    assert answers["place_of_birth"] == "Cluj"  # given in advance for the booking
    assert answers["appointment_date"] == timezone.localdate().isoformat()
    attendance = Attendance.objects.select_related("ticket").get(booking=booking)
    assert attendance.outcome == Outcome.CHECKED_IN and attendance.ticket.number == 1
    shown = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Wartenummer 1" in shown and cases[0].reference in shown
    again = clerk_client.post(reverse("scheduling_check_in", args=[booking.pk]), people_data(family))
    assert again.status_code == 302
    assert Case.objects.filter(source_id=booking.code).count() == 3
    assert Ticket.objects.count() == 1


def test_the_case_links_back_to_the_booking(clerk_client, clerk, day_calendar):
    booking = make_booking(day_calendar, today_at(9))
    result = check_in(booking, [person("Ștefan", "Țurcanu")], request_of(clerk), now=today_at(9, 5))
    case = Case.objects.get(source_id=booking.code)
    assert result.links[0].label.startswith(case.reference)
    page = clerk_client.get(reverse("intake_case:detail", args=[case.pk]))
    assert reverse("scheduling_day", args=[day_calendar.slug]) in page.content.decode()


def test_a_check_in_form_refuses_what_cannot_be_stored(clerk_client, day_calendar):
    booking = make_booking(day_calendar, today_at(9))
    response = clerk_client.post(
        reverse("scheduling_check_in", args=[booking.pk]), people_data([("Ște\u202efan", "T" * 201, "2999-01-01")])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Das Geburtsdatum muss in der Vergangenheit liegen." in text
    assert not Attendance.objects.exists() and not Case.objects.exists()


def test_only_todays_bookings_are_checked_in(clerk, day_calendar):
    booking = make_booking(day_calendar, today_at(9) + datetime.timedelta(days=1))
    with pytest.raises(DayRefused):
        check_in(booking, [person("Ștefan", "Țurcanu")], request_of(clerk))


def test_no_shows_are_marked_at_the_end_of_the_day_and_open_no_case(clerk_client, clerk, day_calendar):
    came = make_booking(day_calendar, today_at(9))
    missed = make_booking(day_calendar, today_at(10), name="Nicht Gekommen")
    tomorrow = make_booking(day_calendar, today_at(10) + datetime.timedelta(days=1))
    check_in(came, [person("Ștefan", "Țurcanu")], request_of(clerk), now=today_at(9, 5))
    end_of_day = today_at(20)
    assert mark_no_shows(now=end_of_day) == 1
    assert mark_no_shows(now=end_of_day) == 0  # run twice: nothing more
    assert Attendance.objects.get(booking=missed).outcome == Outcome.NO_SHOW
    assert Attendance.objects.get(booking=came).outcome == Outcome.CHECKED_IN
    assert not Attendance.objects.filter(booking=tomorrow).exists()
    assert not Case.objects.filter(source_id=missed.code).exists()
    text = clerk_client.get(agenda_url(day_calendar)).content.decode()
    assert 'data-no-shows="1"' in text and 'data-checked-in="1"' in text


def test_the_clerk_marks_a_no_show_by_hand(clerk_client, day_calendar):
    past = make_booking(day_calendar, timezone.now() - datetime.timedelta(hours=1))
    response = clerk_client.post(reverse("scheduling_no_show", args=[past.pk]))
    assert response.status_code == 302
    assert Attendance.objects.get(booking=past).outcome == Outcome.NO_SHOW


def test_a_walk_in_takes_the_staff_seats_and_never_exceeds_the_slot(clerk, make_calendar, bootstrapped):
    calendar = make_calendar(slug="walk", hours=[(0, "08:00", "09:00")], seats_online=1, seats_staff=1)
    monday = datetime.date(2030, 1, 7)
    now = datetime.datetime.combine(monday, datetime.time(7, 50), office_zone())
    make_booking(calendar, datetime.datetime.combine(monday, datetime.time(8), office_zone()))
    first = [person("Ion", "Ionescu")]
    result = register_walk_in(calendar, walk_in_contact(first[0]), first, request_of(clerk), now=now)
    booking = result.attendance.booking
    assert booking.channel == Channel.STAFF and booking.slot.start.time() == datetime.time(7)  # 8:00 in Berlin
    assert result.attendance.walk_in and result.ticket.number == 1
    family = [person("Ana", "Pop"), person("Dan", "Pop")]
    second = register_walk_in(calendar, walk_in_contact(family[0]), family, request_of(clerk), now=now)
    assert timezone.localtime(second.attendance.booking.slot.start, office_zone()).time() == datetime.time(8, 30)
    with pytest.raises(DayRefused):
        register_walk_in(calendar, walk_in_contact(first[0]), [person("X", "Y")] * 3, request_of(clerk), now=now)
    for slot_start in {booking.slot_id, second.attendance.booking.slot_id}:
        seats = sum(b.people for b in Booking.objects.filter(slot_id=slot_start))
        assert seats <= calendar.seats_online + calendar.seats_staff


def test_the_walk_in_page_registers_and_checks_in(clerk_client, make_calendar, bootstrapped):
    calendar = make_calendar(slug="immer", hours=[(weekday, "00:00", "23:59") for weekday in range(7)], slot_minutes=5)
    if timezone.localtime(timezone.now(), office_zone()).time() > datetime.time(23, 40):
        pytest.skip("no slot left today to walk in to")
    form = clerk_client.get(reverse("scheduling_walk_in", args=[calendar.slug]), {"people": 2})
    assert form.content.decode().count('name="person-1-surname"') == 1
    people = people_data([("Ion", "Ionescu", "1985-02-03"), ("Ana", "Ionescu", "1987-03-04")])
    data = {**people, "language": "ro", "email": "", "phone": ""}
    response = clerk_client.post(reverse("scheduling_walk_in", args=[calendar.slug]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    booking = Booking.objects.get(slot__calendar=calendar)
    assert booking.people == 2 and booking.channel == Channel.STAFF and booking.attendance.walk_in
    assert Case.objects.filter(source_id=booking.code).count() == 2


def test_the_clerk_calls_the_next_number_and_the_screen_shows_numbers_only(client, clerk_client, clerk, day_calendar):
    for n, name in enumerate(["Ștefan Țurcanu", "Maria Popescu", "Ion Ionescu"]):
        booking = make_booking(day_calendar, today_at(9 + n), name=name)
        check_in(booking, [person(*name.split())], request_of(clerk), now=timezone.now())
    screen = Screen.objects.create(name="Flur", calendar=day_calendar)
    with translation.override("de"):
        display_url = reverse("scheduling_screen", args=[screen.secret])
        numbers_url = reverse("scheduling_screen_numbers", args=[screen.secret])
    assert clerk_client.post(reverse("scheduling_call_next", args=[day_calendar.slug])).status_code == 302
    assert clerk_client.post(reverse("scheduling_call_next", args=[day_calendar.slug])).status_code == 302
    client.logout()
    page = client.get(display_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert '<p class="now" data-now aria-live="polite">2</p>' in text and "<li>1</li>" in text
    assert "<li>3</li>" not in text  # waiting, not yet called
    assert '<noscript><meta http-equiv="refresh"' in text
    for name in ("Țurcanu", "Popescu", "Ionescu", "Ștefan"):
        assert name not in text
    assert json.loads(client.get(numbers_url).content) == {"called": [2, 1]}
    screen.active = False
    screen.save()
    assert client.get(display_url).status_code == 404
    assert client.get(numbers_url).status_code == 404


def test_a_new_link_revokes_the_old_one(client, day_calendar):
    screen = Screen.objects.create(name="Flur", calendar=day_calendar)
    old = reverse("scheduling_screen", args=[screen.secret])
    screen.new_secret = True
    screen.save()
    assert client.get(old).status_code == 404
    assert client.get(reverse("scheduling_screen", args=[screen.secret])).status_code == 200
    assert client.get(reverse("scheduling_screen", args=["not-a-secret"])).status_code == 404


def test_calling_with_nobody_waiting_calls_nobody(clerk, day_calendar):
    assert call_next(day_calendar, clerk) is None


def test_the_printable_day_list(clerk_client, day_calendar):
    make_booking(day_calendar, today_at(9), name="Ștefan Țurcanu")
    page = clerk_client.get(reverse("scheduling_day_print", args=[day_calendar.slug]))
    text = page.content.decode()
    assert page.status_code == 200 and "Ștefan Țurcanu" in text and "@media print" in text
    assert AuditEntry.objects.filter(action="booking.agenda", details__view="print").exists()


def test_the_shipped_schedules_are_created_once(bootstrapped):
    from django_q.models import Schedule

    from core.bootstrap import run_bootstrap

    run_bootstrap(demo=False, stdout=open("/dev/null", "w"))
    schedule = Schedule.objects.get(name="scheduling: did not appear")
    schedule.next_run = schedule.next_run + datetime.timedelta(hours=1)
    schedule.save()
    run_bootstrap(demo=False, stdout=open("/dev/null", "w"))
    assert Schedule.objects.filter(func="plugins.scheduling.day.mark_no_shows").count() == 1
    assert Schedule.objects.get(pk=schedule.pk).next_run == schedule.next_run


def test_capacity_counts_seats_against_the_expected_arrivals(clerk_client, make_calendar, bootstrapped):
    from plugins.scheduling.capacity import capacity
    from plugins.scheduling.models import BookingSettings

    # Tuesdays and Thursdays, 7 hours each in 30-minute slots of 3 seats: 14 × 2 × 3 = 84 seats a week.
    calendar = make_calendar(slug="kapazitaet", seats_online=2, seats_staff=1)
    settings = BookingSettings.load()
    settings.expected_arrivals = 520
    settings.save()
    weeks, months = capacity(calendar, today=datetime.date(2030, 1, 9))  # a Wednesday
    assert weeks[0].first == datetime.date(2030, 1, 7) and weeks[0].seats == 84 and weeks[0].expected == 120
    assert weeks[0].short == 36
    booking_day = datetime.datetime.combine(datetime.date(2030, 1, 8), datetime.time(9), office_zone())
    make_booking(calendar, booking_day, people=2)
    weeks, months = capacity(calendar, today=datetime.date(2030, 1, 9))
    assert weeks[0].booked == 2
    # January 2030 has five Tuesdays and five Thursdays; New Year's Day (a Tuesday) gives no seats.
    assert months[0].label == "01/2030" and months[0].seats == 9 * 42 and months[0].expected == 520
    page = clerk_client.get(reverse("scheduling_capacity"))
    assert page.status_code == 200 and 'data-capacity="kapazitaet"' in page.content.decode()


def test_old_bookings_are_deleted_and_only_their_counts_remain(clerk, day_calendar):
    from plugins.scheduling.models import AdvanceAnswers, BookingStatus, DayCount, WaitingListEntry
    from plugins.scheduling.retention import purge
    from questionnaires.api import AnswerSet

    now = timezone.now()
    old_day = timezone.localtime(now, office_zone()).replace(hour=9, minute=0, second=0, microsecond=0)
    old_day -= datetime.timedelta(days=31)
    came = make_booking(day_calendar, old_day)
    Attendance.objects.create(booking=came, outcome=Outcome.CHECKED_IN, at=old_day)
    missed = make_booking(day_calendar, old_day + datetime.timedelta(minutes=30), people=2)
    answer_in_advance(missed, ADVANCE)
    Attendance.objects.create(booking=missed, outcome=Outcome.NO_SHOW, at=old_day)
    cancelled = make_booking(day_calendar, old_day + datetime.timedelta(hours=1))
    Booking.objects.filter(pk=cancelled.pk).update(status=BookingStatus.CANCELLED)
    kept = make_booking(day_calendar, old_day + datetime.timedelta(days=2))
    expired_hold = make_booking(day_calendar, today_at(9) + datetime.timedelta(days=7))
    Booking.objects.filter(pk=expired_hold.pk).update(
        status=BookingStatus.HELD, code=None, held_until=now - datetime.timedelta(minutes=1)
    )
    monday = old_day.date() - datetime.timedelta(days=old_day.weekday())
    for name, weeks in (("over", -1), ("to come", 1)):
        week = monday + datetime.timedelta(weeks=weeks)
        WaitingListEntry.objects.create(calendar=day_calendar, week=week, name=name)
    assert purge(now=now) == 4
    assert list(Booking.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(WaitingListEntry.objects.values_list("name", flat=True)) == ["to come"]
    assert not AdvanceAnswers.objects.exists() and not AnswerSet.objects.filter(data__place_of_birth="Cluj").exists()
    count = DayCount.objects.get(calendar=day_calendar, day=old_day.date())
    assert (count.bookings, count.people, count.checked_in, count.no_shows, count.cancelled) == (2, 3, 1, 1, 1)
    assert purge(now=now) == 0
    assert AuditEntry.objects.filter(action="booking.purge").count() == 1


def test_the_administrator_sets_up_a_screen_and_sees_its_link(client, make_user, day_calendar):
    client.force_login(make_user("admin-user", roles.ADMINISTRATOR))
    created = client.post(
        reverse("wagtailsnippets_scheduling_screen:add"),
        {"name": "Flur\u200b", "calendar": day_calendar.pk, "active": "on"},
    )
    assert created.status_code == 200 and not Screen.objects.exists()  # the hidden character is refused
    created = client.post(
        reverse("wagtailsnippets_scheduling_screen:add"), {"name": "Flur", "calendar": day_calendar.pk, "active": "on"}
    )
    assert created.status_code == 302
    screen = Screen.objects.get()
    listing = client.get(reverse("wagtailsnippets_scheduling_screen:list"))
    assert reverse("scheduling_screen", args=[screen.secret]) in listing.content.decode()
