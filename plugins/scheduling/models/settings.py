"""The office's settings for bookings, edited under Einstellungen."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="date")
class BookingSettings(BaseGenericSetting):
    """What bookings need beyond the calendars: the privacy notice's version until a notice page exists."""

    privacy_version = models.CharField(
        _("privacy notice version"),
        max_length=40,
        default="1",
        help_text=_(
            "Recorded with each booking while the public site has no privacy page of its own; "
            "change it whenever the notice shown on the booking form changes."
        ),
    )

    expected_arrivals = models.PositiveIntegerField(
        _("expected arrivals per month"),
        default=150,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("The capacity view compares the seats of each week and month with this number."),
    )

    class Meta:
        verbose_name = _("appointment settings")
