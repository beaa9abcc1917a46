from django.contrib import messages
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import roles
from core.contracts import AuditVocabulary, OpeningHours, OpeningRange, PublicLink
from core.hooks import (
    AUDIT_VOCABULARY,
    BOOTSTRAP,
    DEMO_DATA,
    OPENING_HOURS,
    PUBLIC_LINKS,
    PUBLIC_URLS,
    ROLE_PERMISSIONS,
)

from .booking import display_code
from .emails import ensure_default_texts
from .models import Calendar
from .notification_admin import EmailTextViewSet, NoticeViewSet, WaitingListViewSet
from .notifications import ensure_schedule, tell_of_rule_change
from .public_urls import public_urls
from .rule_changes import stranded_bookings
from .slots import office_zone


class CalendarViewSet(SnippetViewSet):
    model = Calendar
    icon = "date"
    menu_label = gettext_lazy("Calendars")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "bookable_online", "hours_to_be_set", "slot_minutes", "seats_online", "seats_staff"]


register_snippet(CalendarViewSet)
register_snippet(EmailTextViewSet)


@hooks.register("register_admin_viewset")
def notification_viewsets():
    return [NoticeViewSet(), WaitingListViewSet()]


def _when(booking):
    return date_format(timezone.localtime(booking.slot.start, office_zone()), "SHORT_DATETIME_FORMAT")


@hooks.register("after_edit_snippet")
def warn_of_stranded_bookings(request, instance):
    """After a calendar is changed, list the bookings its new rules leave out, for the clerk to move."""
    if not isinstance(instance, Calendar):
        return
    stranded = stranded_bookings(Calendar.objects.with_rules().get(pk=instance.pk))
    if stranded:
        told = tell_of_rule_change(stranded)
        messages.info(request, _("%(count)d of the people concerned were told by email.") % {"count": told})
        listed = ", ".join(f"{display_code(booking.code)} ({_when(booking)})" for booking in stranded)
        messages.warning(
            request,
            _(
                "%(count)d bookings no longer fit the calendar's hours, closures or seats. They stay booked; "
                "please move them and tell the people concerned: %(bookings)s"
            )
            % {"count": len(stranded), "bookings": listed},
        )


@hooks.register(PUBLIC_URLS)
def booking_pages():
    return public_urls()


@hooks.register(PUBLIC_LINKS)
def booking_link(language):
    from .public_views import public_booking_url

    if not Calendar.objects.filter(bookable_online=True).exists():
        return []
    with translation.override(language):
        return [
            PublicLink(
                label=_("Book an appointment"),
                url=public_booking_url(language),
                description=_("Choose a day and a time for your first interview, in your language."),
            )
        ]


@hooks.register(OPENING_HOURS)
def opening_hours(language):
    today = timezone.localdate()
    hours = []
    for calendar in Calendar.objects.with_rules().filter(bookable_online=True):
        closures = tuple(
            (closure.first_day, closure.last_day, closure.reason)
            for closure in calendar.closures.all()
            if closure.last_day >= today
        )
        ranges = tuple(OpeningRange(rule.weekday, rule.start, rule.end) for rule in calendar.rules.all())
        hours.append(OpeningHours(label=calendar.public_name(language), ranges=ranges, closures=closures))
    return hours


@hooks.register(ROLE_PERMISSIONS)
def scheduling_permissions():
    calendar = [f"scheduling.{action}_calendar" for action in ("add", "change", "delete", "view")]
    return {
        roles.ADMINISTRATOR: [
            *calendar,
            "scheduling.change_bookingsettings",
            "scheduling.change_notificationsettings",
            *[f"scheduling.{action}_emailtext" for action in ("add", "change", "delete", "view")],
            "scheduling.view_notice",
            "scheduling.view_waitinglistentry",
        ],
        roles.CLERK: ["scheduling.view_calendar", "scheduling.view_notice", "scheduling.view_waitinglistentry"],
    }


@hooks.register(BOOTSTRAP, order=110)
def bootstrap_calendars(*, demo, stdout):
    from .defaults import ensure_default_calendars

    stdout.write(f"Calendars: {ensure_default_calendars()} created.")


@hooks.register(BOOTSTRAP, order=111)
def bootstrap_notifications(*, demo, stdout):
    stdout.write(f"Email texts: {ensure_default_texts()} created.")
    stdout.write("Reminder schedule: " + ("created." if ensure_schedule() else "exists."))


@hooks.register(DEMO_DATA)
def demo_bookings(request, stdout):
    from .demo import contribute

    contribute(request, stdout)


@hooks.register(AUDIT_VOCABULARY)
def audit_vocabulary():
    return AuditVocabulary(
        actions={
            "booking.book": gettext_lazy("Appointment booked"),
            "booking.cancel": gettext_lazy("Appointment cancelled"),
            "booking.move": gettext_lazy("Appointment moved"),
            "waiting.join": gettext_lazy("Joined the waiting list"),
            "waiting.offer": gettext_lazy("Seat offered from the waiting list"),
            "waiting.passed": gettext_lazy("Waiting-list offer passed on"),
            "waiting.declined": gettext_lazy("Waiting-list offer declined"),
            "waiting.list": gettext_lazy("Waiting list read"),
            "demo.bookings": gettext_lazy("Demo bookings"),
        },
        details={
            "calendar": gettext_lazy("calendar"),
            "people": gettext_lazy("people"),
            "channel": gettext_lazy("channel"),
            "bookings": gettext_lazy("bookings"),
            "moved_from": gettext_lazy("moved from"),
            "week": gettext_lazy("week"),
            "slot": gettext_lazy("slot"),
            "entries": gettext_lazy("entries"),
            "fields": gettext_lazy("fields"),
        },
    )


from . import day_hooks  # noqa: E402, F401  (its hooks register on import; Wagtail loads only this module)
