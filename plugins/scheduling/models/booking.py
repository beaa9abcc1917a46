"""Slots as rows to lock, and the bookings (and holds) that take their seats."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import Calendar


class Slot(models.Model):
    """A slot of a calendar that someone has tried to book: the row every booking of it locks.

    Slots come from the calendar's rules (``slots.py``); a row is created the first time
    one is held or booked. Every change to the seats of a slot takes this row's lock
    first, so counting the seats taken and adding a booking happen one after another.
    """

    calendar = models.ForeignKey(Calendar, on_delete=models.PROTECT, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("slot")
        constraints = [models.UniqueConstraint(fields=["calendar", "start"], name="one_slot_per_start")]

    def __str__(self):
        return f"{self.calendar} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    HELD = "held", _("held")
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    STAFF = "staff", _("by staff")


class BookingQuerySet(models.QuerySet):
    def taking_seats(self, now=None):
        """Bookings, and holds not yet expired: what occupies seats at ``now``."""
        now = now or timezone.now()
        return self.filter(Q(status=BookingStatus.BOOKED) | Q(status=BookingStatus.HELD, held_until__gt=now))


class Booking(models.Model):
    """A booking of ``people`` seats of one slot, from the hold while the form is filled to the appointment.

    ``token`` is the secret of the citizen's pages (form, confirmation); ``code`` is what
    the citizen reads out to the clerk. A hold that expires is no longer counted
    (``taking_seats``); nothing has to run for the seat to be free again.
    """

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    token = models.CharField(max_length=43, unique=True, editable=False)
    code = models.CharField(_("booking code"), max_length=12, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.HELD)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    people = models.PositiveSmallIntegerField(_("people"), default=1, validators=[MinValueValidator(1)])
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    phone_key = models.CharField(max_length=40, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    privacy_version = models.CharField(_("privacy notice version"), max_length=40, blank=True)
    privacy_language = models.CharField(_("privacy notice language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["email_key"], name="booking_email_key", condition=~Q(email_key="")),
            models.Index(fields=["phone_key"], name="booking_phone_key", condition=~Q(phone_key="")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(people__gte=1), name="booking_has_people"),
            models.CheckConstraint(condition=~Q(status="booked") | Q(code__isnull=False), name="booked_has_code"),
        ]

    def __str__(self):
        return self.code or _("hold")

    @property
    def audit_reference(self):
        return self.code or f"hold {self.pk}"
