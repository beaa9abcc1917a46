"""Two clerks on one case in Chromium: a page opened before a colleague's save cannot undo it."""

import datetime

import pytest

from core import roles
from plugins.intake.case_file import open_case, save_interview
from plugins.intake.models import Case
from questionnaires.api import build_form, published
from tests.intake.test_cases import COMPLETE_INTERVIEW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stale_page_is_refused_and_keeps_what_was_typed(page, live_server, bootstrapped, make_user, login, browser):
    anna = make_user("anna", roles.CLERK, first_name="Anna", last_name="Schulze")
    make_user("bernd", roles.CLERK, first_name="Bernd", last_name="Krause")
    case = open_case(surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), clerk=anna)
    questionnaire, revision, definition = published("erstgespraech")
    form = build_form(definition, data=COMPLETE_INTERVIEW, prefix="q", draft=True)
    form.is_valid()
    save_interview(case, form, questionnaire=questionnaire, revision=revision, actor=anna, expected_version=0)
    interview = f"{live_server.url}/admin/intake/cases/{case.pk}/interview/"

    login(page, "anna")
    page.goto(interview)

    bernd = browser.new_context(locale="de-DE").new_page()
    login(bernd, "bernd")
    bernd.goto(interview)
    for index, name in enumerate(["Popescu, Ana", "Popescu, Mihai"]):
        bernd.fill(f"input[name='q-household_members-{index}-member_name']", name)
        bernd.get_by_role("button", name="Entwurf speichern").click()
        bernd.wait_for_url("**/interview/")
        assert "Entwurf gespeichert." in bernd.locator(".messages").inner_text()

    page.fill("input[name='q-contact_phone']", "+40 712 345 678")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    message = page.locator(".messages").inner_text()
    assert "Bernd Krause hat dieses Gespräch am" in message
    assert "Inzwischen geändert: Weitere mit einziehende Personen." in message
    group = page.locator("[data-group='household_members']")
    assert "Inzwischen geändert; angezeigt ist jetzt der gespeicherte Stand." in group.inner_text()
    shown = [page.locator(f"input[name='q-household_members-{index}-member_name']").input_value() for index in (0, 1)]
    assert shown == ["Popescu, Ana", "Popescu, Mihai"]
    assert page.locator("input[name='q-contact_phone']").input_value() == "+40 712 345 678"
    answers = Case.objects.get(pk=case.pk).answer_set.data
    assert "contact_phone" not in answers and len(answers["household_members"]) == 2

    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/interview/")
    assert "Entwurf gespeichert." in page.locator(".messages").inner_text()
    names = [page.locator(f"input[name='q-household_members-{index}-member_name']").input_value() for index in (0, 1)]
    assert names == ["Popescu, Ana", "Popescu, Mihai"]
    assert page.locator("input[name='q-contact_phone']").input_value() == "+40 712 345 678"
