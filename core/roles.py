"""The staff roles (Django groups) and how their permissions are kept in step.

Core grants only what every staff member needs (admin access) and the audit log
to the data-protection officer; each plugin adds its own permissions through the
``ROLE_PERMISSIONS`` hook. ``sync_roles`` adds what is declared and removes
permissions of apps that are no longer installed; permissions an administrator
granted by hand to installed apps are left alone, except the ``EXCLUSIVE`` ones:
a role that does not declare one loses it (the Administrator role held the audit
log until it moved to “Datenschutz”).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .hooks import ROLE_PERMISSIONS

ADMINISTRATOR = "Administrator"
CLERK = "Sachbearbeitung Clearingstelle"
CASE_MANAGER = "Case Management"
FOREIGNERS_AUTHORITY = "Ausländerbehörde"
HOUSING_INSPECTION = "Wohnraumkontrolle"
CITIZENS_OFFICE = "Bürgerbüro"
CONTROLLING = "Controlling"
DATA_PROTECTION = "Datenschutz"

ROLES = {
    ADMINISTRATOR: _("Configures questionnaires, recipients, calendars and pages."),
    CLERK: _("Runs the first interview and issues release certificates (stage 1)."),
    CASE_MANAGER: _("Continues handed-over cases with counselling and follow-ups (stage 2)."),
    FOREIGNERS_AUTHORITY: _("Receives its scoped data and records the free-movement pre-check (stage 3)."),
    HOUSING_INSPECTION: _("Receives the housing data its scope allows."),
    CITIZENS_OFFICE: _("Verifies release certificates and confirms registrations."),
    CONTROLLING: _("Sees aggregated figures only."),
    DATA_PROTECTION: _("Reads the audit log: who read or changed which case (data-protection officer)."),
}

CORE_PERMISSIONS = {role: ["wagtailadmin.access_admin"] for role in ROLES} | {
    DATA_PROTECTION: ["wagtailadmin.access_admin", "core.view_auditentry"],
}
# Read personal data across all cases: held by the roles that declare them and no other.
EXCLUSIVE = {"core.view_auditentry"}


def declared_permissions():
    """Role name → set of "app_label.codename", from core and every hook."""
    declared = {role: set(perms) for role, perms in CORE_PERMISSIONS.items()}
    for contribute in hooks.get_hooks(ROLE_PERMISSIONS):
        for role, perms in contribute().items():
            if role not in ROLES:
                raise ImproperlyConfigured(f"{contribute.__module__}: unknown role {role!r}")
            declared[role].update(perms)
    return declared


def _permission_objects(names):
    if not names:
        return []
    query = Q()
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise ImproperlyConfigured(f"Unknown permissions declared for roles: {', '.join(sorted(missing))}")
    return found


@transaction.atomic
def sync_roles():
    """Create the groups and give them their declared permissions; returns created names."""
    created = []
    installed = {config.label for config in apps.get_app_configs()}
    for role, names in declared_permissions().items():
        group, was_created = Group.objects.get_or_create(name=role)
        if was_created:
            created.append(role)
        group.permissions.remove(*group.permissions.exclude(content_type__app_label__in=installed))
        group.permissions.remove(*_permission_objects(EXCLUSIVE - names))
        group.permissions.add(*_permission_objects(names))
    return created
