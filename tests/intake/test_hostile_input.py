"""Hostile input on the clerk's screens: null bytes, invisible characters, 10 kB strings — a message, never a 500.

PostgreSQL refuses a null byte in any text, so these pass there only when a form refused it first.
"""

import datetime

import pytest
from django.urls import reverse, reverse_lazy
from django.utils.html import escape
from wagtail import hooks

from core.hooks import INTAKE_START_OPTIONS
from plugins.intake.models import Case, CaseStatus, CertificateStatus

from .test_case_views import MARIA, PASSWORD, released

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
HIDDEN_MESSAGE = "Der Text enthielt unsichtbare Zeichen"
START = reverse_lazy("intake_case:add")
HOSTILE = ["Zieht\x00 nicht zu", "Zieht\u202e nicht zu", "Zieht\u200b nicht zu", "Zieht\x1b nicht zu"]


@pytest.fixture
def clerk_client(client, clerk):
    client.login(username="clerk", password=PASSWORD)
    return client


@pytest.fixture
def case(clerk):
    from plugins.intake.case_file import open_case

    return open_case(surname="Petrov", first_names="Ivan", birth_date=datetime.date(1988, 2, 29), clerk=clerk)


@pytest.mark.parametrize("reason", HOSTILE)
def test_a_status_reason_with_hidden_characters_is_refused_and_shown_without_them(clerk_client, case, reason):
    response = clerk_client.post(
        reverse("intake_case:status", args=[case.pk]), {"to": CaseStatus.WITHDRAWN, "reason": reason}
    )
    page = response.content.decode()
    assert response.status_code == 200 and HIDDEN_MESSAGE in page
    assert 'value="Zieht nicht zu"' in page  # what was typed, less what cannot be seen
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN and not case.status_changes.exists()


def test_a_status_reason_of_ten_kilobytes_is_refused_by_length(clerk_client, case):
    response = clerk_client.post(
        reverse("intake_case:status", args=[case.pk]), {"to": CaseStatus.WITHDRAWN, "reason": "x" * 10_000}
    )
    assert "Grund: Bitte sicherstellen, dass der Wert aus höchstens 1000 Zeichen besteht." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN


def test_a_status_that_is_not_a_status_is_refused_with_the_usual_message(clerk_client, case):
    response = clerk_client.post(reverse("intake_case:status", args=[case.pk]), {"to": "open\x00", "reason": "x"})
    assert "Dieser Status kann nicht von Hand gesetzt werden." in response.content.decode()


@pytest.mark.parametrize("reason", [*HOSTILE, "x" * 10_000])
def test_a_revoke_reason_with_hidden_characters_or_too_long_is_refused(clerk_client, clerk, case, reason):
    certificate = released(case, clerk_client, clerk)
    response = clerk_client.post(
        reverse("intake_case:certificate", args=[case.pk, certificate.pk, "revoke"]), {"reason": reason}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert HIDDEN_MESSAGE in page or "höchstens 1000 Zeichen" in page
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID and certificate.revoke_reason == ""


def test_a_revoke_without_a_reason_says_so_and_a_clean_one_revokes(clerk_client, clerk, case):
    certificate = released(case, clerk_client, clerk)
    url = reverse("intake_case:certificate", args=[case.pk, certificate.pk, "revoke"])
    assert "Bitte den Grund für den Widerruf angeben." in clerk_client.post(url, {"reason": "  "}).content.decode()
    clerk_client.post(url, {"reason": "Name falsch\u0301 geschrieben"})
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


@pytest.mark.parametrize(
    "query",
    [
        "source_kind=booking%00&source_id=17",
        "source_kind=booking&source_id=17%00",
        "source_kind=booking&source_id=" + "1" * 10_000,
        "source_kind=%E2%80%AEbooking&source_id=17",
    ],
)
def test_start_parameters_no_case_can_store_are_refused_with_a_message(clerk_client, query):
    refused = escape("Der Link zu diesem Start ist ungültig; bitte den Fall als Vorsprache ohne Termin anlegen.")
    start = f"{START}?{query}"
    with hooks.register_temporarily(INTAKE_START_OPTIONS, lambda request: [MARIA]):
        response = clerk_client.get(start, follow=True)
        assert response.redirect_chain == [(str(START), 302)] and refused in response.content.decode()
        response = clerk_client.post(start, {"surname": "Popescu", "first_names": "Maria", "birth_date": "1999-09-09"})
    assert response.status_code == 200 and refused in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("name", ["Nagy\x00", "Nagy\u202e", "Na\u200bgy", "Na\ufeffgy"])
def test_the_new_case_form_refuses_hidden_characters_in_names(clerk_client, name):
    response = clerk_client.post(
        reverse("intake_case:add"), {"surname": name, "first_names": "Ödön", "birth_date": "1979-12-24"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and HIDDEN_MESSAGE in page and 'value="Nagy"' in page
    assert not Case.objects.exists()


def test_the_new_case_form_stores_names_in_nfc(clerk_client):
    clerk_client.post(
        reverse("intake_case:add"), {"surname": "Petrut\u0326", "first_names": "Ana", "birth_date": "1979-12-24"}
    )
    assert Case.objects.get().surname == "Petruț"


@pytest.mark.parametrize(
    "field, value",
    [
        ("q-surname", "Petrov\u202e"),
        ("q-place_of_birth", "So\u200bfia"),
        ("q-document_issuing_authority", "Stadt\x00amt"),
        ("q-last_address_abroad", "Strada\u2066 Mare 1"),
        ("q-new_address_4", "Weißen\x00fels"),
        ("q-surname", "P" * 10_000),
    ],
)
def test_interview_text_with_hidden_characters_or_too_long_is_never_stored(clerk_client, case, field, value):
    url = reverse("intake_case:interview", args=[case.pk])
    response = clerk_client.post(url, {"q-surname": "Petrov", field: value, "draft": "1"})
    assert response.status_code == 200
    assert HIDDEN_MESSAGE in response.content.decode() or len(value) == 10_000
    stored = Case.objects.get(pk=case.pk).answer_set.data
    assert value not in str(stored) and all(ch.isprintable() for ch in str(stored))
