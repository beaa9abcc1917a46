import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from core import roles
from core.hooks import ROLE_PERMISSIONS
from core.roles import sync_roles

pytestmark = pytest.mark.django_db


def permission_names(role):
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_role_is_created_once():
    sync_roles()
    sync_roles()
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)


def test_every_role_may_enter_the_admin_and_only_data_protection_reads_the_audit_log():
    sync_roles()
    for role in roles.ROLES:
        assert "wagtailadmin.access_admin" in permission_names(role)
    readers = {role for role in roles.ROLES if "core.view_auditentry" in permission_names(role)}
    assert readers == {roles.DATA_PROTECTION}


def test_a_plugin_adds_permissions_through_the_hook():
    def contribute():
        return {roles.CLERK: ["wagtailimages.add_image"]}

    with hooks.register_temporarily(ROLE_PERMISSIONS, contribute):
        sync_roles()
    assert "wagtailimages.add_image" in permission_names(roles.CLERK)


def test_an_unknown_role_or_permission_is_refused_with_its_name():
    with hooks.register_temporarily(ROLE_PERMISSIONS, lambda: {"Hausmeister": []}):
        with pytest.raises(ImproperlyConfigured, match="Hausmeister"):
            sync_roles()
    with hooks.register_temporarily(ROLE_PERMISSIONS, lambda: {roles.CLERK: ["intake.fly_case"]}):
        with pytest.raises(ImproperlyConfigured, match="intake.fly_case"):
            sync_roles()


def test_permissions_of_a_removed_plugin_go_and_hand_granted_ones_stay():
    sync_roles()
    clerk = Group.objects.get(name=roles.CLERK)
    gone_type = ContentType.objects.create(app_label="removedplugin", model="thing")
    stale = Permission.objects.create(content_type=gone_type, codename="view_thing", name="Can view thing")
    by_hand = Permission.objects.get(content_type__app_label="wagtaildocs", codename="add_document")
    clerk.permissions.add(stale, by_hand)

    sync_roles()

    assert "removedplugin.view_thing" not in permission_names(roles.CLERK)
    assert "wagtaildocs.add_document" in permission_names(roles.CLERK)


def test_bootstrap_reports_the_roles(bootstrapped):
    from core.bootstrap import run_bootstrap

    out = io.StringIO()
    run_bootstrap(demo=False, stdout=out)
    assert "Roles: 0 created" in out.getvalue()
