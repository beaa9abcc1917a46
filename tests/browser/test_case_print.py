"""The printable case file as a clerk prints it, and the certificate PDF in a new tab (item 20)."""

import datetime

import pytest
from django.db import transaction

from core import roles
from plugins.intake.case_file import open_case, save_interview
from plugins.intake.release import release_case
from questionnaires.api import build_form, published

from ..intake.test_cases import COMPLETE_INTERVIEW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def released_case(bootstrapped, make_user):
    clerk = make_user("clerk", roles.CLERK, first_name="Petra", last_name="Schulze")
    case = open_case(
        surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), language="ro", clerk=clerk
    )
    questionnaire, revision, definition = published("erstgespraech")
    form = build_form(definition, data=COMPLETE_INTERVIEW, prefix="q")
    assert form.is_valid(), form.errors
    with transaction.atomic():
        save_interview(case, form, questionnaire=questionnaire, revision=revision, actor=clerk, complete=True)
    case.refresh_from_db()
    release_case(case, clerk)
    return case


def test_the_case_file_prints_by_section_and_the_pdf_opens_in_a_new_tab(
    page, live_server, released_case, login, artifacts
):
    login(page, "clerk")
    page.goto(f"{live_server.url}/admin/intake/cases/{released_case.pk}/")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Druckansicht").click()
    printable = opened.value
    printable.wait_for_load_state()
    assert printable.locator("h1").inner_text() == f"Fallakte {released_case.reference}"
    assert printable.get_by_role("button", name="Drucken").is_visible()
    printable.emulate_media(media="print")
    assert not printable.get_by_role("button", name="Drucken").is_visible()
    assert printable.locator("h2").all_inner_texts()[:2] == ["A. Verfahren", "B. Identität"]
    printable.screenshot(path=artifacts / "case-print.png", full_page=True)
    printable.close()

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="PDF").click()
    assert opened.value.url.endswith("/pdf/")
    assert page.url.endswith(f"/intake/cases/{released_case.pk}/")  # the case file stays open
