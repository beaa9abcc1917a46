"""The clerk's day: who came (check-in, walk-in) and who did not, their tickets, the waiting-room screens.

Kept beside the bookings rather than in them: a booking is what the citizen asked for,
an attendance is what happened on the day. Bookings are deleted 30 days after their
day (``retention.py``); ``DayCount`` keeps the numbers for statistics.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel

from .booking import Booking
from .calendar import Calendar, visible_text


class Outcome(models.TextChoices):
    CHECKED_IN = "checked_in", _("checked in")
    NO_SHOW = "no_show", _("did not appear")


class Attendance(models.Model):
    """What became of a booking on its day: checked in (by whom, when) or did not appear.

    One per booking (unique): a second check-in of the same booking, from a double click
    or a colleague's screen, finds this row and changes nothing.
    """

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="attendance")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    walk_in = models.BooleanField(_("walk-in"), default=False)

    class Meta:
        verbose_name = _("attendance")
        permissions = [("run_day", _("Can run the day: agenda, check-in, walk-ins and the waiting room"))]

    def __str__(self):
        return self.get_outcome_display()

    @property
    def audit_reference(self):
        return self.booking.audit_reference


class Ticket(models.Model):
    """The number a person waits under, per calendar and day; the screen shows it once called, never a name."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="tickets")
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    attendance = models.OneToOneField(Attendance, on_delete=models.CASCADE, related_name="ticket")
    called_at = models.DateTimeField(_("called"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ticket")
        constraints = [models.UniqueConstraint(fields=["calendar", "day", "number"], name="one_ticket_number_a_day")]
        indexes = [models.Index(fields=["calendar", "day", "called_at"], name="ticket_calls")]

    def __str__(self):
        return str(self.number)


def new_screen_secret():
    return secrets.token_urlsafe(32)


class Screen(models.Model):
    """A screen in a waiting room, opened by its secret link without login; switching it off revokes the link."""

    name = models.CharField(_("name"), max_length=120, validators=[visible_text])
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="screens", verbose_name=_("calendar"))
    secret = models.CharField(max_length=43, unique=True, default=new_screen_secret, editable=False)
    active = models.BooleanField(
        _("link valid"), default=True, help_text=_("Switch off to revoke the link: the screen then shows nothing.")
    )
    new_secret = models.BooleanField(
        _("give a new link"),
        default=False,
        help_text=_("The old link stops working at once; open the new one on the screen."),
    )

    panels = [
        HelpPanel(
            content=_(
                "The screen shows the ticket numbers called, never names. Open its link (shown in the list of "
                "screens) in the screen's browser; anyone with the link can see the numbers."
            )
        ),
        FieldPanel("name"),
        FieldPanel("calendar"),
        FieldPanel("active"),
        FieldPanel("new_secret"),
    ]

    class Meta:
        verbose_name = _("waiting-room screen")
        verbose_name_plural = _("waiting-room screens")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.new_secret:
            self.secret = new_screen_secret()
            self.new_secret = False
        super().save(*args, **kwargs)


class AdvanceAnswers(models.Model):
    """The answers a citizen gave before the appointment (the engine's public audience), for the clerk's day."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="advance_answers")
    answer_set = models.OneToOneField("questionnaires.AnswerSet", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("answers given in advance")

    def __str__(self):
        return str(self.booking)


class DayCount(models.Model):
    """What is left of a day's bookings once they are deleted: counts for the statistics, no person."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="day_counts")
    day = models.DateField(_("day"))
    bookings = models.PositiveIntegerField(_("bookings"), default=0)
    people = models.PositiveIntegerField(_("people"), default=0)
    online = models.PositiveIntegerField(_("booked online"), default=0)
    walk_ins = models.PositiveIntegerField(_("walk-ins"), default=0)
    checked_in = models.PositiveIntegerField(_("checked in"), default=0)
    no_shows = models.PositiveIntegerField(_("did not appear"), default=0)
    cancelled = models.PositiveIntegerField(_("cancelled"), default=0)

    class Meta:
        verbose_name = _("day count")
        constraints = [models.UniqueConstraint(fields=["calendar", "day"], name="one_count_per_day")]
        ordering = ["day"]

    def __str__(self):
        return f"{self.calendar} {self.day}"
