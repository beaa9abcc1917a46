from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    """Calendars, opening hours, slots and bookings."""

    name = "plugins.scheduling"
    label = "scheduling"
    verbose_name = _("Appointments")
    default_auto_field = "django.db.models.BigAutoField"
    requires = ()
