from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The public, multilingual information pages."""

    name = "pages"
    label = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"
