from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Invented people and demo logins; installed by the dev and test settings only, never in production."""

    name = "demo"
    label = "demo"
    verbose_name = _("Demo data")
