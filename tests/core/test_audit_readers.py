"""Who reads the audit log: the role “Datenschutz” and superusers; the Administrator configures, it does not read."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core import roles
from core.roles import sync_roles

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"


def holds_audit_log(role):
    return Group.objects.get(name=role).permissions.filter(codename="view_auditentry").exists()


def test_an_existing_administrator_role_loses_the_audit_log_and_a_hand_grant_goes_too(bootstrapped):
    audit_log = Permission.objects.get(content_type__app_label="core", codename="view_auditentry")
    Group.objects.get(name=roles.ADMINISTRATOR).permissions.add(audit_log)  # as every earlier bootstrap gave it
    Group.objects.get(name=roles.CLERK).permissions.add(audit_log)  # granted by hand

    sync_roles()

    assert not holds_audit_log(roles.ADMINISTRATOR) and not holds_audit_log(roles.CLERK)
    assert holds_audit_log(roles.DATA_PROTECTION)


def test_the_role_is_described_in_german(client, make_user, bootstrapped):
    make_user("dpo", roles.DATA_PROTECTION)
    client.login(username="dpo", password=PASSWORD)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Datenschutz" in page and "Liest das Protokoll" in page
    assert reverse("clearing_audit_log") in page  # the report is in the menu


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("dpo", 200), ("root", 200)])
def test_only_data_protection_and_superusers_open_the_report(client, make_user, bootstrapped, who, status):
    make_user("admin", roles.ADMINISTRATOR)
    make_user("dpo", roles.DATA_PROTECTION)
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username=who, password=PASSWORD)
    assert client.get(reverse("clearing_audit_log")).status_code == status
    assert client.get(reverse("clearing_audit_log"), {"export": "csv"}).status_code == status
