"""The office setting: the town's public details shipped, the rest left to the town, edits kept by bootstrap."""

import re

import pytest
from django.core.management import call_command
from wagtail.contrib.settings.views import get_setting_edit_handler

from core.office import OfficeDetails, office_details

pytestmark = pytest.mark.django_db


def test_shipped_details_are_public_ones_and_the_rest_is_to_be_completed(bootstrapped):
    office = office_details()
    assert office.name == "Stadt Weißenfels – Clearingstelle"
    assert office.address_lines == ["Markt 1", "06667 Weißenfels"]
    assert office.missing == ["phone", "email", "data_protection_officer"]


def test_bootstrap_keeps_an_edited_setting(bootstrapped):
    office = OfficeDetails.load()
    office.phone = "03443 000-0"
    office.save()
    call_command("bootstrap")
    assert OfficeDetails.objects.get().phone == "03443 000-0"


def test_the_admin_shows_blank_details_as_to_be_completed(client, make_user, bootstrapped):
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="root", password="pw-for-tests-only")
    html = client.get(f"/admin/settings/core/officedetails/{OfficeDetails.load().pk}/").content.decode()
    officer = re.search(r'<textarea[^>]*name="data_protection_officer"[^>]*>([^<]*)</textarea>', html)
    assert 'placeholder="noch zu ergänzen"' in officer.group(0) and officer.group(1).strip() == ""
    assert "Stadt Weißenfels – Clearingstelle" in html


def test_hidden_characters_are_refused_in_german(bootstrapped):
    form = get_setting_edit_handler(OfficeDetails).get_form_class()(
        data={"name": "Stadt\u202eWeißenfels", "address": "Markt 1\n06667 Weißenfels"}, instance=OfficeDetails.load()
    )
    assert not form.is_valid()
    assert "unsichtbare Zeichen" in str(form.errors["name"])
