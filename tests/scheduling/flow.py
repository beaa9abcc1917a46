"""Going through the public booking as a browser without JavaScript would, with Django's test client."""

import re

from django.urls import reverse
from django.utils import translation

CONTACT = {
    "name": "Ștefan Țurcanu",
    "email": "stefan@example.org",
    "phone": "",
    "language": "ro",
    "privacy": "on",
    "website": "",
}


def url(name, language="ro", **kwargs):
    with translation.override(language):
        return reverse(f"scheduling:{name}", kwargs=kwargs)


def free_days(client, calendar="clearingstelle", language="ro", people=1):
    page = client.get(url("days", language, calendar=calendar), {"people": people})
    assert page.status_code == 200
    return re.findall(rf'href="/{language}/termin/{calendar}/(\d{{4}}-\d\d-\d\d)/', page.content.decode())


def free_starts(client, day, calendar="clearingstelle", language="ro", people=1):
    page = client.get(url("times", language, calendar=calendar, day=day), {"people": people})
    return re.findall(r'name="start" value="(\d+)"', page.content.decode())


def hold(client, day, start, calendar="clearingstelle", language="ro", people=1, **extra):
    return client.post(url("times", language, calendar=calendar, day=day), {"start": start, "people": people}, **extra)


def token_of(response):
    return re.search(r"/angaben/([^/]+)/", response["Location"]).group(1)


def send_details(client, token, start, calendar="clearingstelle", language="ro", people=1, **fields):
    data = {**CONTACT, "start": start, "people": people, **fields}
    return client.post(url("details", language, calendar=calendar, token=token), data)


def book(client, calendar="clearingstelle", language="ro", people=1, **fields):
    """Book the first free time; returns the final response and the start booked."""
    day = free_days(client, calendar, language, people)[0]
    start = free_starts(client, day, calendar, language, people)[0]
    held = hold(client, day, start, calendar, language, people)
    assert held.status_code == 302, held.content.decode()[:2000]
    return send_details(client, token_of(held), start, calendar, language, people, **fields), start
