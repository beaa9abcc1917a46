from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Stage 1: the case file, the interview, the release certificate and its verification."""

    name = "plugins.intake"
    label = "intake"
    verbose_name = _("First interview")
    default_auto_field = "django.db.models.BigAutoField"
    requires = ()
