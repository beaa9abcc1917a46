"""Failed and locked logins (django-axes' attempts) in the admin, and unlocking them.

Django's own admin, where axes shows them by default, is not installed. Axes
counts failures per username, client address and browser; the lock is on the
pair of username and address, so unlocking removes all attempts of that pair.
"""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ExpressionWrapper, OuterRef, Q, Subquery, Sum, Value
from django.db.models.fields import BooleanField
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from . import audit
from .permissions import PermissionRequiredMixin

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def same_pair(attempt):
    return AccessAttempt.objects.filter(username=attempt.username, ip_address=attempt.ip_address)


def with_lock_state(attempts):
    """Each attempt with ``is_locked``: its pair failed ``AXES_FAILURE_LIMIT`` times within the cool-off."""
    recent = AccessAttempt.objects.filter(
        username=OuterRef("username"),
        ip_address=OuterRef("ip_address"),
        attempt_time__gte=timezone.now() - get_cool_off(),
    )
    pair_failures = recent.order_by().values("username").annotate(total=Sum("failures_since_start")).values("total")
    return attempts.annotate(
        pair_failures=Coalesce(Subquery(pair_failures), Value(0)),
        is_locked=ExpressionWrapper(Q(pair_failures__gte=settings.AXES_FAILURE_LIMIT), output_field=BooleanField()),
    )


class LockoutIndexView(PermissionRequiredMixin, generic.IndexView):
    required_permission = "axes.view_accessattempt"
    page_title = gettext_lazy("Locked logins")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The list offers no export: ``?export=`` must not turn it into one unpaginated page.
        self.is_export = False

    def get_base_queryset(self):
        return with_lock_state(AccessAttempt.objects.all())

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_buttons(self, instance):
        if not self.request.user.has_perm(UNLOCK_PERMISSION):
            return []
        return [
            ListingButton(
                _("Unlock"),
                url=reverse("login_lockouts:unlock", args=[instance.pk]),
                icon_name="lock-open",
                attrs={"aria-label": _("Unlock “%s”") % instance.username},
            )
        ]


class UnlockView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks first (GET), then removes every failed attempt of the pair (POST), audited."""

    required_permission = UNLOCK_PERMISSION
    template_name = "core/unlock_login.html"
    header_icon = "lock-open"

    def get_page_title(self):
        return _("Unlock login")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("login_lockouts:index"), "label": LoginLockoutViewSet.menu_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        attempt = get_object_or_404(AccessAttempt, pk=self.kwargs["pk"])
        return super().get_context_data(attempt=attempt, **kwargs)

    def post(self, request, pk):
        attempt = get_object_or_404(AccessAttempt, pk=pk)
        # The username is what was typed in the login box (perhaps a name): the log keeps ids only.
        User = get_user_model()
        account = User._default_manager.filter(**{User.USERNAME_FIELD: attempt.username}).values_list("pk", flat=True)
        user = {"user": account_id} if (account_id := account.first()) is not None else {}
        with transaction.atomic():  # no unlock without its audit entry
            same_pair(attempt).delete()
            audit.record("login.unlock", actor=request.user, attempt=attempt.pk, ip_address=attempt.ip_address, **user)
        messages.success(
            request,
            _("“%(username)s” can sign in from %(address)s again.")
            % {"username": attempt.username, "address": attempt.ip_address or "—"},
        )
        return redirect("login_lockouts:index")


class LoginLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "login_lockouts"
    url_prefix = "login-lockouts"
    icon = "lock"
    menu_label = gettext_lazy("Locked logins")
    add_to_settings_menu = True
    menu_order = 900
    index_view_class = LockoutIndexView
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    copy_view_enabled = False
    ordering = ["-attempt_time"]
    list_display = [
        "username",
        Column("ip_address", label=gettext_lazy("address")),
        Column("failures_since_start", label=gettext_lazy("failed attempts")),
        DateColumn("attempt_time", label=gettext_lazy("last attempt")),
        StatusFlagColumn("is_locked", label=gettext_lazy("state"), true_label=gettext_lazy("locked")),
    ]

    def get_form_class(self, for_update=False):
        """Attempts are axes' records: no form adds or edits one."""
        return None

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results")] + [
            path("<int:pk>/unlock/", UnlockView.as_view(), name="unlock")
        ]
