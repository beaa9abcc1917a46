"""The interview's section index and read-along toggle (item 17); the printable case file (item 20)."""

import re

import pytest
from django.urls import reverse

from core import roles
from core.models import AuditEntry
from plugins.intake.models import Case
from questionnaires.definition_files import load_directory

from .test_case_views import PASSWORD, case, clerk_client, released  # noqa: F401 (fixtures)
from .test_cases import COMPLETE_INTERVIEW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shipped_definitions(bootstrapped):
    load_directory(publish=True)  # the shipped translations, also on a kept test database


def test_the_interview_shows_the_section_index_and_the_toggle_in_the_cases_language(clerk_client, case):  # noqa: F811
    page = clerk_client.get(reverse("intake_case:interview", args=[case.pk])).content.decode()
    states_url = reverse("intake_case:interview_sections", args=[case.pk])
    assert f'data-states-url="{states_url}"' in page
    assert re.search(r'href="#section-a_procedure".*?data-state="missing">Angaben fehlen<', page, re.S)
    assert re.search(r'href="#section-f_counselling".*?data-state="not_started">nicht begonnen<', page, re.S)
    assert 'id="section-b_identity"' in page
    assert "Fragen auch auf Bulgarisch" in page  # the case was opened with language "bg"
    assert '<span class="clearing-read-along" lang="bg">Фамилно име</span>' in page


def test_the_states_follow_what_the_page_holds_and_nothing_is_saved(clerk_client, case):  # noqa: F811
    url = reverse("intake_case:interview_sections", args=[case.pk])
    states = {s["key"]: s for s in clerk_client.post(url, COMPLETE_INTERVIEW).json()["sections"]}
    assert states["a_procedure"]["state"] == "complete" and states["a_procedure"]["state_label"] == "vollständig"
    assert states["d_household"]["state"] in ("not_started", "complete")
    assert clerk_client.post(url, {}).json()["sections"][0]["state"] == "not_started"
    case.refresh_from_db()
    assert case.answer_set_id is None
    assert clerk_client.get(url).status_code == 405


def test_only_who_may_edit_the_interview_asks_for_states(client, make_user, case):  # noqa: F811
    make_user("office", roles.CITIZENS_OFFICE)
    client.login(username="office", password=PASSWORD)
    assert client.post(reverse("intake_case:interview_sections", args=[case.pk]), {}).status_code == 403
    assert client.get(reverse("intake_case:print", args=[case.pk])).status_code == 403


def test_the_printable_case_file_has_the_answers_by_section_and_is_audited(clerk_client, clerk, case):  # noqa: F811
    certificate = released(case, clerk_client, clerk)
    detail = clerk_client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    print_url = reverse("intake_case:print", args=[case.pk])
    pdf_url = reverse("intake_case:pdf", args=[case.pk, certificate.pk])
    assert f'href="{print_url}" target="_blank" rel="noopener"' in detail
    assert f'href="{pdf_url}" target="_blank" rel="noopener"' in detail

    before = AuditEntry.objects.count()
    response = clerk_client.get(print_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "@media print" in page and "Drucken" in page
    assert re.search(r"<h2>E\. Aufenthaltszweck</h2>.*?Arbeitgeber \(Name\)</th><td>Fleischwerk Süd GmbH<", page, re.S)
    assert "<h2>A. Verfahren</h2>" in page and "<h2>G. Freigabe</h2>" not in page  # sections without answers left out
    assert "29.02.1988" in page and certificate.number in page
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_id, entry.actor) == ("case.read", str(case.pk), clerk)
    stored = Case.objects.get(pk=case.pk).answer_set.data
    assert entry.details["answers"] == sorted(stored) and "employer_name" in entry.details["answers"]
    assert entry.details["view"] == "print" and "surname" in entry.details["fields"]


def test_a_case_without_answers_prints_its_facts_and_is_audited(clerk_client, clerk, case):  # noqa: F811
    page = clerk_client.get(reverse("intake_case:print", args=[case.pk])).content.decode()
    assert "Petrov" in page and "Noch keine Antworten aus dem Gespräch." in page
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.details["answers"], entry.details["view"]) == ("case.read", [], "print")
