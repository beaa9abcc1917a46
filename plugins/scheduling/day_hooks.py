"""The clerk's day, the waiting room, capacity and retention in the admin and the hooks (imported by wagtail_hooks)."""

import datetime

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import roles
from core.contracts import AuditVocabulary, SourceLink
from core.hooks import AUDIT_VOCABULARY, BOOTSTRAP, PUBLIC_URLS, ROLE_PERMISSIONS, SOURCE_LINK
from core.permissions import PermissionRequiredMixin

from . import agenda
from .booking import display_code
from .capacity import capacity
from .day import SOURCE_KIND
from .models import Booking, BookingSettings, Calendar, Screen
from .screen import screen_urls
from .slots import office_zone

# The django-q2 schedules bootstrap creates (an administrator may move their times in the admin).
SCHEDULES = {
    "scheduling: did not appear": ("plugins.scheduling.day.mark_no_shows", datetime.time(20, 0)),
    "scheduling: delete old bookings": ("plugins.scheduling.retention.purge", datetime.time(2, 30)),
}


def _screen_link(screen):
    url = reverse("scheduling_screen", args=[screen.secret])
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, _("Open the screen"))


class ScreenViewSet(SnippetViewSet):
    model = Screen
    icon = "desktop"
    menu_label = gettext_lazy("Waiting-room screens")
    menu_order = 260
    add_to_settings_menu = True
    list_display = ["name", "calendar", "active", Column("link", label=gettext_lazy("Link"), accessor=_screen_link)]


register_snippet(ScreenViewSet)


class CapacityView(PermissionRequiredMixin, agenda.TitledHeader, TemplateView):
    required_permission = agenda.PERMISSION
    template_name = "scheduling/admin/capacity.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Capacity")

    @cached_property
    def calendars(self):
        return list(Calendar.objects.with_rules().order_by("name"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = []
        for calendar in self.calendars:
            weeks, months = capacity(calendar)
            entries.append({"calendar": calendar, "tables": [(_("Weeks"), weeks), (_("Months"), months)]})
        context.update(calendars=entries, expected=BookingSettings.load().expected_arrivals)
        return context


@hooks.register("register_admin_urls")
def day_urls():
    return [
        path("scheduling/day/", agenda.DayStartView.as_view(), name="scheduling_day_start"),
        path("scheduling/day/<slug:calendar>/", agenda.AgendaView.as_view(), name="scheduling_day"),
        path(
            "scheduling/day/<slug:calendar>/print/",
            agenda.AgendaView.as_view(printing=True),
            name="scheduling_day_print",
        ),
        path("scheduling/day/<slug:calendar>/walk-in/", agenda.WalkInView.as_view(), name="scheduling_walk_in"),
        path("scheduling/day/<slug:calendar>/call/", agenda.CallNextView.as_view(), name="scheduling_call_next"),
        path("scheduling/booking/<int:pk>/check-in/", agenda.CheckInView.as_view(), name="scheduling_check_in"),
        path("scheduling/booking/<int:pk>/no-show/", agenda.NoShowView.as_view(), name="scheduling_no_show"),
        path("scheduling/capacity/", CapacityView.as_view(), name="scheduling_capacity"),
    ]


class DayMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(agenda.PERMISSION)


@hooks.register("register_admin_menu_item")
def day_menu_item():
    return DayMenuItem(gettext_lazy("The day"), reverse("scheduling_day_start"), icon_name="date", order=140)


@hooks.register("register_admin_menu_item")
def capacity_menu_item():
    return DayMenuItem(gettext_lazy("Capacity"), reverse("scheduling_capacity"), icon_name="table", order=255)


@hooks.register(PUBLIC_URLS)
def waiting_room_screens():
    return screen_urls()


@hooks.register(ROLE_PERMISSIONS)
def day_permissions():
    screens = [f"scheduling.{action}_screen" for action in ("add", "change", "delete", "view")]
    return {roles.ADMINISTRATOR: screens, roles.CLERK: ["scheduling.run_day"]}


@hooks.register(SOURCE_LINK)
def booking_source_link(source, request):
    """A case opened at a check-in links back to the booking's day in the agenda (while the booking is kept)."""
    if source.kind != SOURCE_KIND or not request.user.has_perm(agenda.PERMISSION):
        return None
    booking = Booking.objects.filter(code=source.id).select_related("slot__calendar").first()
    if booking is None:
        return None
    start = timezone.localtime(booking.slot.start, office_zone())
    url = reverse("scheduling_day", args=[booking.slot.calendar.slug]) + f"?day={start.date().isoformat()}"
    label = _("Appointment %(code)s, %(when)s") % {
        "code": display_code(booking.code),
        "when": date_format(start, "SHORT_DATETIME_FORMAT"),
    }
    return SourceLink(label=label, url=url)


@hooks.register(BOOTSTRAP, order=111)
def bootstrap_schedules(*, demo, stdout):
    """The end-of-day and retention tasks; an existing schedule of the same name is left as it is."""
    from django_q.models import Schedule

    created = 0
    for name, (func, at) in SCHEDULES.items():
        today = timezone.localdate(timezone.now(), office_zone())
        first = datetime.datetime.combine(today, at, office_zone())
        if first <= timezone.now():
            first += datetime.timedelta(days=1)
        _schedule, new = Schedule.objects.get_or_create(
            name=name, defaults={"func": func, "schedule_type": Schedule.DAILY, "next_run": first, "repeats": -1}
        )
        created += new
    stdout.write(f"Scheduling tasks: {created} created.")


@hooks.register(AUDIT_VOCABULARY)
def day_vocabulary():
    return AuditVocabulary(
        actions={
            "booking.agenda": gettext_lazy("Agenda read"),
            "booking.read": gettext_lazy("Booking read"),
            "booking.check_in": gettext_lazy("Checked in"),
            "booking.no_show": gettext_lazy("Marked as not appeared"),
            "booking.no_shows": gettext_lazy("Not appeared (end of the day)"),
            "booking.purge": gettext_lazy("Old bookings deleted"),
            "ticket.call": gettext_lazy("Ticket called"),
        },
        details={
            "ticket": gettext_lazy("ticket"),
            "first": gettext_lazy("from"),
            "last": gettext_lazy("until"),
        },
    )
