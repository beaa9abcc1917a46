from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every plugin relies on: roles, the audit log, the bootstrap and our hooks."""

    name = "core"
    label = "core"
    verbose_name = _("Platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .spreadsheet import neutralise_wagtail_csv

        neutralise_wagtail_csv()
