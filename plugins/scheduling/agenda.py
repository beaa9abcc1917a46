"""The clerk's day in the admin: the agenda per calendar (a day or a week), check-in, no-show, walk-ins, calls.

Every page showing bookings reads them through ``agenda_bookings`` and writes one audit
entry naming the bookings shown; the number of queries does not grow with the bookings.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import audit
from core.contracts import PersonCore
from core.permissions import PermissionRequiredMixin
from core.text import EmailField, TextField
from questionnaires.api import answer_sections

from .booking import BookingRefused, display_code
from .day import (
    DayRefused,
    call_next,
    called_numbers,
    check_in,
    local_day,
    mark_no_show,
    person_of,
    register_walk_in,
    walk_in_contact,
)
from .forms import MAX_PEOPLE
from .models import Booking, BookingStatus, Calendar, Outcome, Ticket
from .slots import office_zone

PERMISSION = "scheduling.run_day"


def refusal_text(reason):
    return {
        DayRefused.NOT_BOOKED: _("This booking is cancelled or was never completed."),
        DayRefused.NOT_TODAY: _("Only today's appointments can be checked in; a no-show only once its day has come."),
        DayRefused.ATTENDED: _("This booking is checked in; it cannot be marked as not appeared."),
        DayRefused.NO_SEAT: _("No slot left today has enough seats for them; please book another day."),
        BookingRefused.UNAVAILABLE: _("This time cannot be booked."),
        BookingRefused.TAKEN: _("The seats have just been taken."),
        BookingRefused.EXPIRED: _("The booking could not be completed; please try again."),
        BookingRefused.OPEN_BOOKINGS: _("This contact already has as many appointments to come as allowed."),
    }[reason]


def day_bounds(first, last):
    """Aware start of ``first`` and end of ``last`` in the office's zone."""
    zone = office_zone()
    start = datetime.datetime.combine(first, datetime.time(), zone)
    return start, datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)


def agenda_bookings(calendar, first, last):
    """The bookings of ``calendar`` from ``first`` to ``last`` with what the agenda shows, in three queries."""
    start, end = day_bounds(first, last)
    return list(
        Booking.objects.filter(slot__calendar=calendar, status=BookingStatus.BOOKED, slot__start__gte=start)
        .filter(slot__start__lt=end)
        .select_related("slot", "attendance__ticket", "advance_answers__answer_set__revision")
        .defer("advance_answers__answer_set__revision__content")
        .order_by("slot__start", "pk")
    )


def advance_sections(booking):
    link = getattr(booking, "advance_answers", None)
    return answer_sections(link.answer_set) if link is not None else []


def _attendance(booking):
    return getattr(booking, "attendance", None)


class TitledHeader(WagtailAdminTemplateMixin):
    """The header names the page: Wagtail's default trail ends at "Home"."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class DayMixin(PermissionRequiredMixin, TitledHeader):
    required_permission = PERMISSION
    header_icon = "date"

    @cached_property
    def calendars(self):
        return list(Calendar.objects.order_by("name"))

    @cached_property
    def calendar(self):
        slug = self.kwargs.get("calendar")
        for calendar in self.calendars:
            if calendar.slug == slug:
                return calendar
        return get_object_or_404(Calendar, slug=slug)

    @cached_property
    def today(self):
        return local_day(timezone.now())

    def agenda_url(self, **query):
        url = reverse("scheduling_day", args=[self.calendar.slug])
        query = "&".join(f"{key}={value}" for key, value in query.items())
        return f"{url}?{query}" if query else url


class DayForm(forms.Form):
    day = forms.DateField(required=False)
    week = forms.BooleanField(required=False)


class AgendaView(DayMixin, TemplateView):
    """Today's or another day's bookings (or the week's) of one calendar, with the answers given in advance."""

    template_name = "scheduling/admin/agenda.html"
    printing = False

    def get_template_names(self):
        return ["scheduling/admin/day_print.html"] if self.printing else [self.template_name]

    def get_page_title(self):
        return _("The day: %(calendar)s") % {"calendar": self.calendar.name}

    @cached_property
    def period(self):
        form = DayForm(self.request.GET)
        chosen = form.cleaned_data if form.is_valid() else {}
        day = chosen.get("day") or self.today
        if chosen.get("week") and not self.printing:
            monday = day - datetime.timedelta(days=day.weekday())
            return day, monday, monday + datetime.timedelta(days=6), True
        return day, day, day, False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day, first, last, week = self.period
        bookings = agenda_bookings(self.calendar, first, last)
        audit.record(
            "booking.agenda",
            Booking,
            self.request.user,
            calendar=self.calendar.slug,
            first=first.isoformat(),
            last=last.isoformat(),
            bookings=[booking.pk for booking in bookings],
            **({"view": "print"} if self.printing else {}),
        )
        rows = [
            {
                "booking": booking,
                "code": display_code(booking.code),
                "attendance": _attendance(booking),
                "ticket": getattr(_attendance(booking), "ticket", None) if _attendance(booking) else None,
                "sections": advance_sections(booking),
                "today": local_day(booking.slot.start) == self.today,
                "past": booking.slot.start < timezone.now(),
            }
            for booking in bookings
        ]
        days = []
        for row in rows:
            label = date_format(timezone.localtime(row["booking"].slot.start, office_zone()), "l, j. F Y")
            if not days or days[-1]["label"] != label:
                days.append({"label": label, "rows": []})
            days[-1]["rows"].append(row)
        outcomes = [row["attendance"].outcome for row in rows if row["attendance"]]
        waiting = Ticket.objects.filter(calendar=self.calendar, day=self.today).aggregate(
            waiting=Count("pk", filter=Q(called_at__isnull=True)), called=Count("pk", filter=Q(called_at__isnull=False))
        )
        context.update(
            calendar=self.calendar,
            calendars=self.calendars,
            days=days,
            day=day,
            week=week,
            first=first,
            last=last,
            is_today=day == self.today and not week,
            people=sum(row["booking"].people for row in rows),
            checked_in=outcomes.count(Outcome.CHECKED_IN),
            no_shows=outcomes.count(Outcome.NO_SHOW),
            waiting=waiting["waiting"],
            called=called_numbers(self.calendar),
            previous=(first - datetime.timedelta(days=7 if week else 1)).isoformat(),
            next=(first + datetime.timedelta(days=7 if week else 1)).isoformat(),
            week_url=self.agenda_url(day=day.isoformat(), week=1),
            day_url=self.agenda_url(day=day.isoformat()),
            print_url=reverse("scheduling_day_print", args=[self.calendar.slug]) + f"?day={day.isoformat()}",
        )
        return context


class DayStartView(DayMixin, View):
    """The menu's entry: the first calendar's day."""

    def get(self, request):
        if not self.calendars:
            messages.info(request, _("There is no calendar yet."))
            return redirect("wagtailadmin_home")
        return redirect("scheduling_day", self.calendars[0].slug)


class PersonForm(forms.Form):
    """One person present, as the clerk confirms them from the identity document."""

    first_names = TextField(label=gettext_lazy("First names"), max_length=200)
    surname = TextField(label=gettext_lazy("Surname"), max_length=200)
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value >= datetime.date.today():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        return value


PeopleFormSet = forms.formset_factory(PersonForm, extra=0, min_num=1, max_num=MAX_PEOPLE, validate_min=True)


def people_from(formset, language):
    return [
        PersonCore(
            surname=form.cleaned_data["surname"],
            first_names=form.cleaned_data["first_names"],
            birth_date=form.cleaned_data["birth_date"],
            language=language,
        )
        for form in formset.forms
    ]


def checked_in_message(request, result):
    """The ticket number, and a link to each case (or whatever a receiver answered) opened for the people."""
    text = _("Checked in: ticket %(number)d.") % {"number": result.ticket.number}
    if result.links:
        links = format_html_join(", ", '<a href="{}">{}</a>', ((link.url, link.label) for link in result.links))
        messages.success(request, format_html("{} {} {}", text, _("Opened:"), links))
    else:
        messages.success(request, text)


class CheckInView(DayMixin, FormView):
    """Confirm the name and date of birth of each person of the booking (a family: one row each), then check in."""

    template_name = "scheduling/admin/check_in.html"

    def get_page_title(self):
        return _("Check in %(code)s") % {"code": display_code(self.booking.code)}

    @cached_property
    def booking(self):
        bookings = Booking.objects.select_related("slot__calendar", "advance_answers__answer_set")
        return get_object_or_404(bookings, pk=self.kwargs["pk"], status=BookingStatus.BOOKED)

    @cached_property
    def calendar(self):
        return self.booking.slot.calendar

    def get_form(self, form_class=None):
        return PeopleFormSet(self.request.POST or None, initial=self.initial_people(), prefix="person")

    def initial_people(self):
        link = getattr(self.booking, "advance_answers", None)
        answers = link.answer_set.data if link is not None else {}
        first = person_of(self.booking)
        people = [
            {
                "first_names": answers.get("first_names") or first.first_names,
                "surname": answers.get("surname") or first.surname,
                "birth_date": answers.get("date_of_birth") or None,
            }
        ]
        return people + [{"surname": first.surname}] * (self.booking.people - 1)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit.record("booking.read", self.booking, self.request.user, view="check_in")
        context.update(
            booking=self.booking,
            code=display_code(self.booking.code),
            sections=advance_sections(self.booking),
            back=reverse("scheduling_day", args=[self.calendar.slug]),
        )
        return context

    def form_valid(self, form):
        try:
            result = check_in(self.booking, people_from(form, self.booking.language), self.request)
        except DayRefused as refused:
            messages.error(self.request, refusal_text(refused.reason))
            return self.form_invalid(form)
        if result.again:
            messages.info(self.request, _("Already checked in: ticket %(number)d.") % {"number": result.ticket.number})
        else:
            checked_in_message(self.request, result)
        return redirect("scheduling_day", self.calendar.slug)


class NoShowView(DayMixin, View):
    def post(self, request, pk):
        booking = get_object_or_404(Booking.objects.select_related("slot__calendar"), pk=pk)
        try:
            mark_no_show(booking, request.user)
            messages.success(request, _("%(code)s marked as not appeared.") % {"code": display_code(booking.code)})
        except DayRefused as refused:
            messages.error(request, refusal_text(refused.reason))
        return redirect("scheduling_day", booking.slot.calendar.slug)


class WalkInForm(forms.Form):
    """How to reach a walk-in (both optional) and their language; the people come in ``PeopleFormSet``."""

    email = EmailField(label=gettext_lazy("Email address"), max_length=254, required=False)
    phone = TextField(label=gettext_lazy("Phone number"), max_length=40, required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


class WalkInView(DayMixin, FormView):
    """Someone came without an appointment: booked on today's next slot with free staff seats, and checked in."""

    template_name = "scheduling/admin/walk_in.html"
    form_class = WalkInForm

    def get_page_title(self):
        return _("Register a walk-in: %(calendar)s") % {"calendar": self.calendar.name}

    @cached_property
    def people_count(self):
        count = forms.TypedChoiceField(coerce=int, choices=[(n, n) for n in range(1, MAX_PEOPLE + 1)])
        try:
            return count.clean(self.request.GET.get("people", 1))
        except forms.ValidationError:
            return 1

    @cached_property
    def people_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return PeopleFormSet(data, prefix="person", initial=[{}] * self.people_count)

    def get_initial(self):
        return {"language": "de"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            people=self.people_formset,
            people_count=self.people_count,
            people_choices=range(1, MAX_PEOPLE + 1),
            back=reverse("scheduling_day", args=[self.calendar.slug]),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not (form.is_valid() and self.people_formset.is_valid()):
            return self.form_invalid(form)
        language = form.cleaned_data["language"]
        people = people_from(self.people_formset, language)
        contact = walk_in_contact(people[0], form.cleaned_data["email"], form.cleaned_data["phone"], language)
        try:
            result = register_walk_in(self.calendar, contact, people, request)
        except (DayRefused, BookingRefused) as refused:
            messages.error(request, refusal_text(refused.reason))
            return self.form_invalid(form)
        checked_in_message(request, result)
        return redirect("scheduling_day", self.calendar.slug)


class CallNextView(DayMixin, View):
    def post(self, request, calendar):
        ticket = call_next(self.calendar, request.user)
        if ticket is None:
            messages.info(request, _("Nobody is waiting."))
        else:
            messages.success(request, _("Called: ticket %(number)d.") % {"number": ticket.number})
        return redirect("scheduling_day", self.calendar.slug)
