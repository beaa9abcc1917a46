"""Clerks appear by name (the login name only where none is set): case list, its filter, case file history."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from core import roles
from plugins.intake.case_file import open_case, set_status_by_hand

from ..tables import column

pytestmark = pytest.mark.django_db


@pytest.fixture
def petra(make_user, bootstrapped):
    return make_user("pschulze", roles.CLERK, first_name="Petra", last_name="Schulze")


@pytest.fixture
def petra_client(client, petra):
    client.login(username="pschulze", password="pw-for-tests-only")
    return client


def new_case(clerk, surname="Petrov"):
    return open_case(surname=surname, first_names="Ivan", birth_date=datetime.date(1988, 2, 29), clerk=clerk)


def test_the_case_list_shows_and_filters_clerks_by_name(petra_client, petra, make_user):
    unnamed = make_user("aushilfe", roles.CLERK)
    new_case(petra)
    new_case(unnamed, surname="Kowalski")
    page = petra_client.get(reverse("intake_case:index")).content.decode()
    assert sorted(column(page, "Sachbearbeitung")) == ["Petra Schulze", "aushilfe"]
    options = BeautifulSoup(page, "html.parser").select("select[name=assigned_clerk] option")
    assert [option.get_text(strip=True) for option in options if option.get("value")] == ["aushilfe", "Petra Schulze"]


def test_the_case_history_names_who_changed_the_status(petra_client, petra):
    case = new_case(petra)
    set_status_by_hand(case, "withdrawn", petra, reason="zurückgezogen")
    page = petra_client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    history = BeautifulSoup(page, "html.parser").find("h2", string="Verlauf").find_next("ol").get_text(" ", strip=True)
    assert "(Petra Schulze)" in history and "pschulze" not in history
