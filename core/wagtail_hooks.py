from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting

from .contracts import AuditVocabulary
from .hooks import AUDIT_VOCABULARY, BOOTSTRAP, ROLE_PERMISSIONS
from .login_lockouts import UNLOCK_PERMISSION, LoginLockoutViewSet
from .office import OfficeDetails, ensure_office_details
from .panels import RolesPanel
from .roles import ADMINISTRATOR, sync_roles
from .views import AuditLogView


@hooks.register(BOOTSTRAP, order=0)
def bootstrap_roles(*, demo, stdout):
    created = sync_roles()
    stdout.write(f"Roles: {len(created)} created, permissions synchronised.")


@hooks.register("construct_homepage_panels")
def add_roles_panel(request, panels):
    panels.append(RolesPanel(request.user))


@hooks.register("register_admin_urls")
def audit_log_urls():
    return [
        path("audit-log/", AuditLogView.as_view(), name="clearing_audit_log"),
        path("audit-log/results/", AuditLogView.as_view(results_only=True), name="clearing_audit_log_results"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.view_auditentry")


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(_("audit log"), reverse("clearing_audit_log"), icon_name="history", order=900)


@hooks.register("register_admin_viewset")
def login_lockouts_viewset():
    return LoginLockoutViewSet()


@hooks.register(ROLE_PERMISSIONS)
def login_lockout_permissions():
    """Administrators see failed and locked logins and unlock them."""
    return {ADMINISTRATOR: ["axes.view_accessattempt", UNLOCK_PERMISSION]}


@hooks.register(AUDIT_VOCABULARY)
def audit_vocabulary():
    return AuditVocabulary(
        actions={
            "audit.read": _("Audit log read"),
            "audit.export": _("Audit log exported"),
            "login.unlock": _("Login unlocked"),
        },
        details={
            "entries": _("entries"),
            "filters": _("filters"),
            "rows": _("rows"),
            "up_to": _("up to entry"),
            "format": _("format"),
            "reference": _("reference"),
            "action": _("action"),
            "actor": _("actor"),
            "object_id": _("object ID"),
            "timestamp_after": _("from"),
            "timestamp_before": _("until"),
            "not_recorded": _("given, text not recorded"),
            "attempt": _("login attempt"),
            "user": _("user account"),
            "username": _("login name"),
            "ip_address": _("address"),
        },
        values={"not_recorded": {"reference": _("reference"), "object_id": _("object ID")}},
    )


register_setting(OfficeDetails, icon="home")


@hooks.register(ROLE_PERMISSIONS)
def office_details_permissions():
    """Administrators keep the office's details (phone, email, data-protection officer) up to date."""
    return {ADMINISTRATOR: ["core.change_officedetails"]}


@hooks.register(BOOTSTRAP, order=1)
def bootstrap_office_details(*, demo, stdout):
    created = ensure_office_details()
    stdout.write("Office details: " + ("created from the shipped file." if created else "kept as they are."))
