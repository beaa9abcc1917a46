"""Dashboard panels of the platform itself."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .roles import ROLES


class RolesPanel(Component):
    """Tells a staff member which roles they hold, so a missing screen is explained."""

    name = "clearing_roles"
    order = 50
    template_name = "core/roles_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        names = set(self.user.groups.values_list("name", flat=True))
        return {
            "title": _("Your roles"),
            "roles": [(name, description) for name, description in ROLES.items() if name in names],
            "is_superuser": self.user.is_superuser,
        }
