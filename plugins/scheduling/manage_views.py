"""The citizen's own links, without login: cancel or move a booking, join the waiting list, take up an offered seat.

A link's token is checked before anything else; a tampered one, a booking cancelled or
moved already, or an appointment that has begun each get a page saying so in the
citizen's language. Moving goes through ``booking.reschedule``, under the same locks and
checks as booking.
"""

import datetime

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import limits, waiting
from .booking import BookingRefused, cancel, display_code, reschedule
from .forms import PeopleForm, WaitingForm
from .links import booking_code, offer_of
from .models import Booking, BookingStatus, WaitingListEntry, WaitingStatus
from .privacy import privacy_notice
from .public_views import _calendar, _render, _start, local, refusal_message, slot_label, time_label
from .slots import bookable_range, open_slots


def _refused(request, calendar, title, text, status):
    return _render(
        request,
        "scheduling/public/message.html",
        {"calendar": calendar, "title": title, "text": text, "book_again": True},
        status=status,
    )


def _invalid_link(request, calendar):
    return _refused(
        request,
        calendar,
        _("This link is not valid"),
        _("The link is incomplete or has been changed. Please open it from your email again, or call the office."),
        400,
    )


def link_refusal(reason):
    return {
        BookingRefused.CANCELLED: (
            _("This appointment is no longer booked"),
            _("The appointment has already been cancelled or moved. A moved appointment has a link of its own."),
        ),
        BookingRefused.BEGUN: (
            _("This appointment can no longer be changed here"),
            _("The appointment has begun or is over. Please call the office."),
        ),
    }[reason]


def _booking(request, calendar, link):
    """The booking the link names, or the page to answer with instead."""
    code = booking_code(link)
    if code is None:
        return None, _invalid_link(request, calendar)
    booking = Booking.objects.select_related("slot").filter(code=code, slot__calendar=calendar).first()
    if booking is None:
        return None, _invalid_link(request, calendar)
    if booking.status != BookingStatus.BOOKED:
        return None, _refused(request, calendar, *link_refusal(BookingRefused.CANCELLED), 410)
    if booking.slot.start <= timezone.now():
        return None, _refused(request, calendar, *link_refusal(BookingRefused.BEGUN), 410)
    return booking, None


@never_cache
def manage(request, calendar, link):
    calendar = _calendar(calendar)
    booking, refused = _booking(request, calendar, link)
    if refused:
        return refused
    return _render(
        request,
        "scheduling/public/manage.html",
        {
            "calendar": calendar,
            "booking": booking,
            "link": link,
            "code": display_code(booking.code),
            "slot_label": slot_label(booking.slot.start),
            "end_label": time_label(booking.slot.end),
        },
    )


@never_cache
def cancel_booking(request, calendar, link):
    calendar = _calendar(calendar)
    if request.method != "POST":
        return redirect("scheduling:manage", calendar=calendar.slug, link=link)
    booking, refused = _booking(request, calendar, link)
    if refused:
        return refused
    try:
        cancel(booking.code)
    except BookingRefused as error:
        return _refused(request, calendar, *link_refusal(error.reason), 410)
    return _render(
        request,
        "scheduling/public/message.html",
        {
            "calendar": calendar,
            "title": _("Your appointment is cancelled"),
            "text": _("The appointment on %(when)s is cancelled. You can book a new one at any time.")
            % {"when": slot_label(booking.slot.start)},
            "book_again": True,
        },
    )


@never_cache
def move(request, calendar, link, day=None):
    """Free days for the booking's people, then a day's free times; choosing one moves the booking."""
    calendar = _calendar(calendar)
    booking, refused = _booking(request, calendar, link)
    if refused:
        return refused
    message, status = "", 200
    if request.method == "POST":
        start = _start(request.POST.get("start"))
        if start is None:
            message, status = _("Please choose a time."), 400
        else:
            try:
                moved = reschedule(calendar, booking.code, start)
            except BookingRefused as error:
                if error.reason in (BookingRefused.CANCELLED, BookingRefused.BEGUN):
                    return _refused(request, calendar, *link_refusal(error.reason), 410)
                message, status = refusal_message(error.reason), 409
            else:
                return redirect("scheduling:confirmation", calendar=calendar.slug, token=moved.token)
    first, last = bookable_range(calendar)
    if day is not None:
        try:
            first = last = datetime.date.fromisoformat(day)
        except ValueError:
            raise Http404 from None
    free = [
        slot
        for slot in open_slots(calendar, first, last)
        if slot.fits(booking.people) and slot.start != booking.slot.start
    ]
    by_day = {}
    for slot in free:
        by_day.setdefault(local(slot.start).date(), []).append((int(slot.start.timestamp()), time_label(slot.start)))
    return _render(
        request,
        "scheduling/public/move.html",
        {
            "calendar": calendar,
            "booking": booking,
            "link": link,
            "day": first if day is not None else None,
            "days": list(by_day.items()),
            "slot_label": slot_label(booking.slot.start),
            "message": message,
        },
        status=status,
    )


@never_cache
def join_waiting_list(request, calendar, week):
    calendar = _calendar(calendar)
    try:
        week = waiting.week_of(datetime.date.fromisoformat(week))
    except ValueError:
        raise Http404 from None
    people_form = PeopleForm(request.POST if request.method == "POST" else request.GET, calendar=calendar)
    people = people_form.cleaned_data["people"] if people_form.is_valid() else 1
    if week not in waiting.full_weeks(calendar, people):
        return redirect(reverse("scheduling:days", kwargs={"calendar": calendar.slug}) + f"?people={people}")
    notice = privacy_notice(get_language())
    context = {"calendar": calendar, "week": week, "week_end": week + datetime.timedelta(days=6), "notice": notice}
    if request.method != "POST":
        form = WaitingForm(initial={"people": people, "language": get_language()}, calendar=calendar)
        return _render(request, "scheduling/public/waiting.html", {**context, "form": form})
    form = WaitingForm(request.POST, calendar=calendar)
    if form.is_robot or not form.is_valid():
        return _render(request, "scheduling/public/waiting.html", {**context, "form": form}, status=400)
    contact = form.contact()
    budget = limits.bookings_per_contact()
    taken = [budget.take(key) for key in (contact.email_key, contact.phone_key) if key]
    if None in taken:
        for slot in filter(None, taken):
            budget.give_back(slot)
        return _render(request, "scheduling/public/too_many.html", {}, status=429)
    waiting.join(calendar, week, contact, form.cleaned_data["people"], notice)
    return _render(
        request,
        "scheduling/public/message.html",
        {
            "calendar": calendar,
            "title": _("You are on the waiting list"),
            "text": _(
                "When a time in this week becomes free, we keep it for you and tell you by email. "
                "Without an email address, the office will call you."
            ),
        },
    )


@never_cache
def offer(request, calendar, link):
    """The seat held for someone on the waiting list: book it, or let it go to the next in line."""
    calendar = _calendar(calendar)
    signed = offer_of(link)
    if signed is None:
        return _invalid_link(request, calendar)
    entry = (
        WaitingListEntry.objects.select_related("offer__slot")
        .filter(pk=signed[0], offer_id=signed[1], calendar=calendar)
        .first()
    )
    if entry is None:
        return _invalid_link(request, calendar)
    gone = _refused(
        request,
        calendar,
        _("This offer is no longer open"),
        _("The time was booked, declined, or kept for you longer than offered, and has gone to the next person."),
        410,
    )
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "decline":
                waiting.decline(*signed)
                return _refused(
                    request,
                    calendar,
                    _("Thank you"),
                    _("The time goes to the next person on the waiting list."),
                    200,
                )
            booked = waiting.accept(*signed)
        except waiting.OfferGone:
            return gone
        except BookingRefused as error:
            return _refused(request, calendar, _("This offer is no longer open"), refusal_message(error.reason), 409)
        return redirect("scheduling:confirmation", calendar=calendar.slug, token=booked.token)
    if entry.status != WaitingStatus.OFFERED or entry.offered_until <= timezone.now():
        return gone
    return _render(
        request,
        "scheduling/public/offer.html",
        {
            "calendar": calendar,
            "entry": entry,
            "slot_label": slot_label(entry.offer.slot.start),
            "until_label": slot_label(entry.offered_until),
        },
    )
