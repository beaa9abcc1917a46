"""A draft never blanks an answer on file: an invalid new input leaves the stored value, and says so."""

import datetime

import pytest
from django.urls import reverse

from plugins.intake.case_file import open_case
from plugins.intake.models import Case, CaseStatus

from .test_cases import COMPLETE_INTERVIEW

pytestmark = pytest.mark.django_db
KEPT = "Diese Eingabe wurde nicht gespeichert; gespeichert bleibt die bisherige Angabe: "


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def complete_case(clerk, clerk_client):
    case = open_case(
        surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), nationality="RO", clerk=clerk
    )
    response = clerk_client.post(
        reverse("intake_case:interview", args=[case.pk]),
        {**COMPLETE_INTERVIEW, "q-contact_phone": "+40 712 345 678", "version": "0", "complete": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETE
    return case


def draft(clerk_client, case, **changes):
    data = {**COMPLETE_INTERVIEW, "q-contact_phone": "+40 712 345 678", "version": str(case.answer_set.version)}
    data.update({f"q-{key}": value for key, value in changes.items()})
    return clerk_client.post(reverse("intake_case:interview", args=[case.pk]), {**data, "draft": "1"})


def test_an_invalid_input_in_a_draft_keeps_the_stored_answer_and_says_so(clerk_client, complete_case):
    response = draft(clerk_client, complete_case, document_serial_number="abc-invalid", contact_phone="call me maybe")

    assert response.status_code == 200
    page = response.content.decode()
    assert KEPT + "RX123456" in page
    assert KEPT + "+40 712 345 678" in page
    # What the clerk typed stays on the page to be corrected.
    assert 'value="abc-invalid"' in page and 'value="call me maybe"' in page
    case = Case.objects.select_related("answer_set").get(pk=complete_case.pk)
    assert case.answer_set.data["document_serial_number"] == "RX123456"
    assert case.answer_set.data["contact_phone"] == "+40 712 345 678"
    assert case.status == CaseStatus.COMPLETE


def test_a_draft_that_leaves_a_required_answer_empty_reopens_the_interview(clerk_client, complete_case):
    response = draft(clerk_client, complete_case, place_of_birth="")

    assert response.status_code == 302
    case = Case.objects.select_related("answer_set").get(pk=complete_case.pk)
    assert "place_of_birth" not in case.answer_set.data
    assert case.status == CaseStatus.IN_INTERVIEW
    assert case.status_changes.last().to_status == CaseStatus.IN_INTERVIEW
    page = clerk_client.get(reverse("intake_case:interview", args=[case.pk])).content.decode()
    assert "Jetzt fehlen Pflichtangaben: Der Fall ist wieder „im Gespräch“." in page
