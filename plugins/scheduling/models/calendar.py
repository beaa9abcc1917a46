"""A calendar: when an office receives people, in slots of how many seats, and when it is closed."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel

from core.text import TextField, hidden


def visible_text(value):
    """The admin's text is held to the rule of ``core.text``: no control, direction or zero-width characters."""
    if hidden(value):
        raise ValidationError(TextField.default_error_messages["hidden"], code="hidden")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CalendarQuerySet(models.QuerySet):
    def with_rules(self):
        """What slot computation reads of each calendar, in three queries however many days are computed."""
        return self.prefetch_related("rules", "closures", "names")


class Calendar(ClusterableModel):
    """One office's appointments; an administrator edits its hours, seats and closures in the admin."""

    slug = models.SlugField(_("short name"), max_length=40, unique=True, help_text=_("Part of the booking address."))
    name = models.CharField(_("name"), max_length=120, validators=[visible_text])
    bookable_online = models.BooleanField(
        _("bookable online"), default=True, help_text=_("Whether citizens can book this calendar on the public site.")
    )
    hours_to_be_set = models.BooleanField(
        _("hours to be set by the office"),
        default=False,
        help_text=_("The shipped hours are an example; the office still has to set its real ones."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    seats_online = models.PositiveSmallIntegerField(
        _("seats per slot bookable online"), default=1, validators=[MaxValueValidator(100)]
    )
    seats_staff = models.PositiveSmallIntegerField(
        _("seats per slot for staff only"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Kept for walk-ins and bookings by staff; never offered online."),
    )
    lead_days = models.PositiveSmallIntegerField(
        _("lead time (days)"),
        default=1,
        validators=[MaxValueValidator(365)],
        help_text=_("The earliest day that can be booked, counted from today: 1 means from tomorrow."),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("horizon (days)"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("How far ahead appointments can be booked."),
    )
    holiday_subdivision = models.CharField(
        _("public holidays of"),
        max_length=2,
        default="ST",
        choices=[("ST", _("Saxony-Anhalt"))],
        help_text=_("No appointments on these public holidays, whatever the opening hours say."),
    )

    objects = CalendarQuerySet.as_manager()

    panels = [
        HelpPanel(
            content=_(
                "Opening hours repeat every week. Public holidays and closures always win over them: "
                "on such a day nothing can be booked."
            )
        ),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("bookable_online"), FieldPanel("hours_to_be_set")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("seats_online"), FieldPanel("seats_staff")]),
                FieldRowPanel([FieldPanel("lead_days"), FieldPanel("horizon_days"), FieldPanel("holiday_subdivision")]),
            ],
            heading=_("Slots"),
        ),
        InlinePanel("rules", heading=_("Opening hours"), label=_("range")),
        InlinePanel("closures", heading=_("Closures"), label=_("closure")),
        InlinePanel("names", heading=_("Name on the public site"), label=_("translation")),
    ]

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_online__gt=0) | models.Q(seats_staff__gt=0), name="calendar_has_seats"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.seats_online and not self.seats_staff:
            raise ValidationError({"seats_online": _("A slot needs at least one seat.")})

    def public_name(self, language=None):
        """The name in ``language`` (the active one by default), or the German name when none is given."""
        language = language or get_language()
        for entry in self.names.all():
            if entry.language == language:
                return entry.name
        return self.name

    @property
    def slot_length(self):
        return datetime.timedelta(minutes=self.slot_minutes)


class OpeningRule(models.Model):
    """One range of opening hours on a weekday; a day may have several (a lunch break between them)."""

    calendar = ParentalKey(Calendar, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta:
        verbose_name = _("opening range")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="rule_ends_after_start")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The range must end after it starts.")})


class Closure(models.Model):
    """Days the office is closed besides public holidays (training, holidays of the staff), with the reason."""

    calendar = ParentalKey(Calendar, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, validators=[visible_text])

    panels = [FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day"), FieldPanel("reason")])]

    class Meta:
        verbose_name = _("closure")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="closure_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.first_day}–{self.last_day}: {self.reason}"

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})


class CalendarName(models.Model):
    """The calendar's name as the public site shows it in one language (the German name otherwise)."""

    calendar = ParentalKey(Calendar, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=120, validators=[visible_text])

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("name")])]

    class Meta:
        verbose_name = _("public name")
        constraints = [models.UniqueConstraint(fields=["calendar", "language"], name="one_name_per_language")]

    def __str__(self):
        return f"{self.language}: {self.name}"
