from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Stage 1: questionnaires, the case file, the interview and the release."""

    name = "plugins.intake"
    label = "intake"
    verbose_name = _("First interview")
    default_auto_field = "django.db.models.BigAutoField"
    requires = ()
