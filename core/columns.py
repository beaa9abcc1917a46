"""Admin list columns of the platform's own."""

from django.utils.translation import gettext
from wagtail.admin.ui.tables import StatusTagColumn


class YesNoColumn(StatusTagColumn):
    """A boolean as "Ja"/"Nein" in a status tag ("Ja" highlighted), not Python's True/False."""

    def get_primary(self, instance):
        return bool(super().get_value(instance))

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return "—"
        return gettext("Yes") if value else gettext("No")
