"""A certificate the person registered with stays as it was; every revoke and reissue is in the case history."""

import datetime

import pytest
from django.urls import reverse

from core import roles
from plugins.intake.case_file import open_case
from plugins.intake.models import CaseStatus, CertificateStatus
from plugins.intake.release import (
    ReleaseRefused,
    confirm_registration,
    reissue_certificate,
    release_case,
    revoke_certificate,
)

from .test_cases import interview

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"
REGISTERED = "Die Person hat sich bereits beim Bürgerbüro angemeldet"


@pytest.fixture
def clerk(make_user, bootstrapped):
    return make_user("ps4711", roles.CLERK, first_name="Petra", last_name="Schulze")


@pytest.fixture
def registered(clerk, make_user):
    case = open_case(surname="Petrov", first_names="Ivan", birth_date=datetime.date(1988, 2, 29), clerk=clerk)
    certificate = release_case(interview(case, clerk), clerk)
    confirm_registration(certificate, make_user("buero", roles.CITIZENS_OFFICE))
    return certificate


@pytest.mark.parametrize(
    ("act", "word"),
    [(lambda cert, clerk: revoke_certificate(cert, clerk, "Irrtum"), "widerrufen"), (reissue_certificate, "neu")],
)
def test_after_the_registration_revoking_and_reissuing_are_refused_in_german(registered, clerk, act, word):
    with pytest.raises(ReleaseRefused, match=f"{REGISTERED}; der Freigabeschein kann nicht mehr {word}"):
        act(registered, clerk)
    registered.refresh_from_db()
    assert registered.status == CertificateStatus.VALID and registered.case.status == CaseStatus.REGISTERED
    assert registered.case.certificates.count() == 1


def test_the_case_file_offers_neither_and_a_forged_post_is_refused(client, registered, clerk):
    client.login(username="ps4711", password=PASSWORD)
    case = registered.case
    page = client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    for action in ("revoke", "reissue"):
        assert reverse("intake_case:certificate", args=[case.pk, registered.pk, action]) not in page
    response = client.post(
        reverse("intake_case:certificate", args=[case.pk, registered.pk, "revoke"]), {"reason": "Irrtum"}, follow=True
    )
    assert REGISTERED in response.content.decode()
    registered.refresh_from_db()
    assert registered.status == CertificateStatus.VALID


def test_the_history_shows_revokes_and_reissues_in_time_order_with_who_and_why(client, clerk, make_user):
    case = open_case(surname="Petrov", first_names="Ivan", birth_date=datetime.date(1988, 2, 29), clerk=clerk)
    first = release_case(interview(case, clerk), clerk)
    colleague = make_user("jr0815", roles.CLERK, first_name="Jonas", last_name="Richter")
    revoke_certificate(first, colleague, "Adresse falsch")
    second = release_case(case, clerk)
    third = reissue_certificate(second, colleague)

    client.login(username="ps4711", password=PASSWORD)
    page = client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    history = [line.split("</li>")[0] for line in page.split("<li data-history-event>")[1:]]
    expected = [
        f"Freigabeschein {first.number} ausgestellt (Petra Schulze)",
        f"Freigabeschein {first.number} widerrufen (Jonas Richter) – Adresse falsch",
        "freigegeben → Gespräch abgeschlossen (Jonas Richter) – Adresse falsch",
        f"Freigabeschein {second.number} ausgestellt (Petra Schulze)",
        f"Freigabeschein {third.number} ausgestellt, ersetzt {second.number} (Jonas Richter)",
    ]
    found = [line for line in history if "Freigabeschein" in line or "freigegeben →" in line]
    assert [line.split(": ", 1)[1] for line in found] == expected
