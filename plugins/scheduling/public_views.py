"""The citizen's booking pages under ``/<lang>/termin/``: day, time, form, confirmation; no JavaScript needed.

Each step is a plain link or form. A chosen time is held for ten minutes (``booking.hold``);
the form turns the hold into a booking (``booking.book``). When the time was lost meanwhile
the form comes back with what was typed, a message in the citizen's language and other
free times to choose from.
"""

import datetime

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import limits
from .booking import BookingRefused, book, display_code, hold
from .forms import DetailsForm, PeopleForm
from .links import manage_token
from .models import Booking, BookingStatus, Calendar
from .privacy import privacy_notice
from .slots import bookable_range, office_zone, open_slots
from .waiting import weeks_full

ALTERNATIVES = 12  # other free times offered when the chosen one was lost


def refusal_message(reason):
    return {
        BookingRefused.TAKEN: _(
            "Sorry, this time has just been taken by someone else. Please choose another time; "
            "what you entered has been kept."
        ),
        BookingRefused.UNAVAILABLE: _(
            "This time can no longer be booked (it has passed, or the office is closed that day). "
            "Please choose another time; what you entered has been kept."
        ),
        BookingRefused.EXPIRED: _("Your reservation has expired. Please choose a time again."),
        BookingRefused.OPEN_BOOKINGS: _(
            "You already have as many appointments booked with this email address or phone number as are "
            "possible. Please keep one of them, or call the office."
        ),
    }[reason]


def _languages(request):
    """The same page in every language of the public site, for the language menu."""
    current = get_language()
    return [
        {"code": code, "name": name, "url": translate_url(request.path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


def _render(request, template, context, status=200):
    return render(request, template, {"languages": _languages(request), **context}, status=status)


def _calendar(slug):
    return get_object_or_404(Calendar.objects.with_rules(), slug=slug, bookable_online=True)


def _people(request, calendar):
    form = PeopleForm(request.GET or None, calendar=calendar)
    return form, (form.cleaned_data["people"] if form.is_valid() else 1)


def local(start):
    return timezone.localtime(start, office_zone())


def time_label(start):
    return date_format(local(start), "TIME_FORMAT")


def slot_label(start):
    moment = local(start)
    return f"{date_format(moment, 'l')}, {date_format(moment, 'DATE_FORMAT')}, {date_format(moment, 'TIME_FORMAT')}"


def index(request):
    calendars = list(Calendar.objects.with_rules().filter(bookable_online=True))
    if len(calendars) == 1:
        return redirect("scheduling:days", calendar=calendars[0].slug)
    return _render(request, "scheduling/public/index.html", {"calendars": calendars})


def days(request, calendar):
    calendar = _calendar(calendar)
    form, people = _people(request, calendar)
    first, last = bookable_range(calendar)
    offered = open_slots(calendar, first, last)
    free = [slot for slot in offered if slot.fits(people)]
    by_day = {}
    for slot in free:
        by_day.setdefault(local(slot.start).date(), []).append(slot)
    return _render(
        request,
        "scheduling/public/days.html",
        {
            "calendar": calendar,
            "form": form,
            "people": people,
            "days": list(by_day.items()),
            "full_weeks": weeks_full(offered, people),
        },
    )


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


@never_cache
def times(request, calendar, day):
    calendar = _calendar(calendar)
    day = _day(day)
    if request.method == "POST":
        return _hold(request, calendar, day)
    form, people = _people(request, calendar)
    return _times_page(request, calendar, day, people)


def _times_page(request, calendar, day, people, message="", status=200):
    slots = [slot for slot in open_slots(calendar, day, day) if slot.fits(people)]
    return _render(
        request,
        "scheduling/public/times.html",
        {
            "calendar": calendar,
            "day": day,
            "people": people,
            "slots": [(int(slot.start.timestamp()), time_label(slot.start)) for slot in slots],
            "message": message,
        },
        status=status,
    )


def _start(value):
    try:
        return datetime.datetime.fromtimestamp(int(value), datetime.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _hold(request, calendar, day):
    form = PeopleForm(request.POST, calendar=calendar)
    start = _start(request.POST.get("start"))
    if not form.is_valid() or start is None:
        return _times_page(request, calendar, day, 1, _("Please choose a time."), status=400)
    people = form.cleaned_data["people"]
    budget = limits.holds_per_address().take(get_client_ip_address(request))
    if budget is None:
        return _too_many(request)
    try:
        held = hold(calendar, start, people)
    except BookingRefused as refused:
        limits.holds_per_address().give_back(budget)
        return _times_page(request, calendar, day, people, refusal_message(refused.reason), status=409)
    return redirect("scheduling:details", calendar=calendar.slug, token=held.token)


def _too_many(request):
    return _render(request, "scheduling/public/too_many.html", {}, status=429)


def _alternatives(calendar, people, around):
    first, last = bookable_range(calendar)
    first = max(first, local(around).date())
    slots = [slot for slot in open_slots(calendar, first, last) if slot.fits(people)]
    return [(int(slot.start.timestamp()), slot_label(slot.start)) for slot in slots[:ALTERNATIVES]]


@never_cache
def details(request, calendar, token):
    calendar = _calendar(calendar)
    held = Booking.objects.select_related("slot").filter(token=token, slot__calendar=calendar).first()
    if held is None or held.status == BookingStatus.CANCELLED:
        raise Http404
    if held.status == BookingStatus.BOOKED:
        return redirect("scheduling:confirmation", calendar=calendar.slug, token=token)
    start = int(held.slot.start.timestamp())
    notice = privacy_notice(get_language())
    context = {"calendar": calendar, "held": held, "notice": notice, "slot_label": slot_label(held.slot.start)}
    held_choice = [(start, slot_label(held.slot.start))]
    if request.method != "POST":
        initial = {"start": start, "people": held.people, "language": get_language()}
        form = DetailsForm(initial=initial, calendar=calendar, starts=held_choice)
        return _render(request, "scheduling/public/details.html", {**context, "form": form})

    chosen = _start(request.POST.get("start"))
    alternatives = _alternatives(calendar, held.people, held.slot.start)
    if chosen is not None and chosen != held.slot.start:
        # The chosen time may have filled up since it was offered: the booking decides under its
        # lock and answers "taken", where a choice missing from the list would answer "invalid".
        picked = (int(chosen.timestamp()), slot_label(chosen))
        others = [choice for choice in alternatives if choice[0] not in (start, picked[0])]
        form = DetailsForm(request.POST, calendar=calendar, starts=[*held_choice, picked, *others], stale=True)
    else:
        form = DetailsForm(request.POST, calendar=calendar, starts=held_choice)
    if form.is_robot:
        return _render(request, "scheduling/public/details.html", {**context, "form": form}, status=400)
    if not form.is_valid():
        return _render(request, "scheduling/public/details.html", {**context, "form": form}, status=400)
    contact = form.contact()
    budget = limits.bookings_per_contact()
    slots = [budget.take(key) for key in (contact.email_key, contact.phone_key) if key]
    if None in slots:
        for slot in filter(None, slots):
            budget.give_back(slot)
        return _too_many(request)
    try:
        book(
            calendar,
            token,
            start=_start(form.cleaned_data["start"]),
            people=form.cleaned_data["people"],
            contact=contact,
            privacy=notice,
        )
    except BookingRefused as refused:
        for slot in slots:
            budget.give_back(slot)
        if refused.reason == BookingRefused.EXPIRED:
            return redirect("scheduling:days", calendar=calendar.slug)
        if refused.reason in (BookingRefused.TAKEN, BookingRefused.UNAVAILABLE):
            others = [choice for choice in alternatives if choice[0] != form.cleaned_data["start"]]
            kept = {**form.cleaned_data, "start": None}
            form = DetailsForm(initial=kept, calendar=calendar, starts=others, stale=True)
            context["lost"] = True
        return _render(
            request,
            "scheduling/public/details.html",
            {**context, "form": form, "message": refusal_message(refused.reason)},
            status=409,
        )
    return redirect("scheduling:confirmation", calendar=calendar.slug, token=token)


@never_cache
def confirmation(request, calendar, token):
    calendar = _calendar(calendar)
    booking = get_object_or_404(
        Booking.objects.select_related("slot"), token=token, slot__calendar=calendar, status=BookingStatus.BOOKED
    )
    return _render(
        request,
        "scheduling/public/confirmation.html",
        {
            "calendar": calendar,
            "booking": booking,
            "code": display_code(booking.code),
            "slot_label": slot_label(booking.slot.start),
            "end_label": time_label(booking.slot.end),
            "manage_url": reverse(
                "scheduling:manage", kwargs={"calendar": calendar.slug, "link": manage_token(booking)}
            ),
        },
    )


def public_booking_url(language):
    """The booking's start page in ``language`` (the address ``PUBLIC_LINKS`` hands to the pages)."""
    with translation.override(language):
        return reverse("scheduling:index")
