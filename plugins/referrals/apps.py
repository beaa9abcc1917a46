from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Recipients, data scopes, scheduled handovers and case-management follow-ups."""

    name = "plugins.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
    default_auto_field = "django.db.models.BigAutoField"
    requires = ("intake",)
