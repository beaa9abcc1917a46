"""What scheduling tells citizens: each email sent, the texts per language; moved bookings; the waiting list."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.text import TextField, hidden

from .booking import Booking
from .calendar import Calendar, visible_text


class Move(models.Model):
    """A booking moved to another time by its holder: the old one is cancelled, the new one is a booking of its own."""

    old = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="moved_to")
    new = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="moved_from")
    moved_at = models.DateTimeField(_("moved"), auto_now_add=True)

    class Meta:
        verbose_name = _("moved booking")

    def __str__(self):
        return f"{self.old} → {self.new}"


class NoticeKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("confirmation")
    REMINDER = "reminder", _("reminder")
    CANCELLATION = "cancellation", _("cancellation")
    RULE_CHANGE = "rule_change", _("change of the office's hours")
    WAITING_OFFER = "waiting_offer", _("seat offered from the waiting list")


ONCE_PER_BOOKING = (NoticeKind.CONFIRMATION, NoticeKind.REMINDER, NoticeKind.CANCELLATION, NoticeKind.RULE_CHANGE)


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notice(models.Model):
    """One email to a booking's holder, recorded before it goes out.

    The unique constraint makes a second confirmation, reminder or cancellation notice of
    the same booking fail at the insert, so a task run twice, or by two clusters at once,
    sends it once. A failed send keeps its error for the clerk.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices", null=True, blank=True)
    waiting = models.ForeignKey(
        "WaitingListEntry", on_delete=models.CASCADE, related_name="notices", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    status = models.CharField(_("status"), max_length=8, choices=NoticeStatus.choices, default=NoticeStatus.PENDING)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("email to a citizen")
        verbose_name_plural = _("emails to citizens")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind"], condition=Q(kind__in=ONCE_PER_BOOKING), name="one_notice_per_booking"
            ),
            models.UniqueConstraint(
                fields=["booking", "waiting"],
                condition=Q(kind=NoticeKind.WAITING_OFFER),
                name="one_offer_notice_per_seat",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.booking or ''}"


# The placeholders each email's text may use; the admin form refuses any other.
PLACEHOLDERS = {
    NoticeKind.CONFIRMATION: {"name", "code", "when", "place", "people", "link"},
    NoticeKind.REMINDER: {"name", "code", "when", "place", "people", "link"},
    NoticeKind.CANCELLATION: {"name", "code", "when", "place", "people"},
    NoticeKind.RULE_CHANGE: {"name", "code", "when", "place", "people", "link"},
    NoticeKind.WAITING_OFFER: {"name", "when", "place", "people", "link", "until"},
}


def placeholders_in(text):
    """The ``{names}`` in ``text``; a stray brace raises ``ValueError``."""
    return {field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field is not None}


class EmailText(models.Model):
    """An email's subject and text in one language, edited in the admin; German is used where a language has none."""

    kind = models.CharField(_("email"), max_length=16, choices=NoticeKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200, validators=[visible_text])
    body = models.TextField(_("text"), max_length=5000)

    class Meta:
        verbose_name = _("email text")
        verbose_name_plural = _("email texts")
        ordering = ["kind", "language"]
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="one_email_text_per_language")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self):
        allowed = PLACEHOLDERS.get(self.kind, set())
        errors = {}
        for name in ("subject", "body"):
            text = getattr(self, name) or ""
            try:
                used = placeholders_in(text)
            except ValueError:
                errors[name] = _("A curly brace is not closed. Placeholders are written like {code}.")
                continue
            unknown = sorted(used - allowed)
            if unknown:
                errors[name] = _("Unknown placeholders: %(unknown)s. Allowed are: %(allowed)s.") % {
                    "unknown": ", ".join(f"{{{field}}}" for field in unknown),
                    "allowed": ", ".join(f"{{{field}}}" for field in sorted(allowed)),
                }
        if hidden(self.body or "", multiline=True):
            errors["body"] = TextField.default_error_messages["hidden"]
        if errors:
            raise ValidationError(errors)


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    OFFERED = "offered", _("seat offered")
    BOOKED = "booked", _("booked")
    PASSED = "passed", _("offer not taken up")


class WaitingListEntry(models.Model):
    """A citizen waiting for a seat in a full week; a freed seat is held for the first in line (``offer``)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="waiting_list")
    week = models.DateField(_("week (Monday)"))
    people = models.PositiveSmallIntegerField(_("people"), default=1, validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    privacy_version = models.CharField(_("privacy notice version"), max_length=40, blank=True)
    privacy_language = models.CharField(_("privacy notice language"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=WaitingStatus.choices, default=WaitingStatus.WAITING)
    offer = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="waiting_offer", verbose_name=_("offer")
    )
    offered_until = models.DateTimeField(_("offered until"), null=True, blank=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["calendar", "week", "status", "created_at"], name="waiting_in_line")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer__isnull=False, offered_until__isnull=False),
                name="offered_has_seat",
            )
        ]

    def __str__(self):
        return str(_("waiting list entry %(id)s")) % {"id": self.pk}

    @property
    def audit_reference(self):
        return f"waiting {self.pk}"


@register_setting(icon="mail")
class NotificationSettings(BaseGenericSetting):
    """How long a seat freed for the waiting list is held for the person it is offered to."""

    offer_hours = models.PositiveSmallIntegerField(
        _("seat held for the waiting list (hours)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_("When a seat frees up, the first person on the waiting list has this long to book it."),
    )

    class Meta:
        verbose_name = _("emails and waiting list")
