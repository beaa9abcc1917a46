"""A plain 403 for staff screens.

Wagtail's admin turns ``PermissionDenied`` into a redirect to the dashboard;
for personal data we answer 403, so a role's limits are unambiguous (and testable).
"""

from django.core.exceptions import PermissionDenied
from django.views.defaults import permission_denied


class PermissionRequiredMixin:
    required_permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)
