"""The interview's section index stays in view and follows the answers; the person reads along (item 17)."""

import datetime

import pytest

from core import roles
from plugins.intake.case_file import open_case
from questionnaires.definition_files import load_directory
from questionnaires.models import CatalogueField, Questionnaire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def romanian_case(bootstrapped, make_user):
    load_directory(publish=True)
    # One question without its Romanian label: the toggle shows it in German only.
    field = CatalogueField.objects.get(key="place_of_birth")
    field.translations = [t for t in field.translations.raw_data if t["value"]["language"] != "ro"]
    field.save()
    Questionnaire.objects.get(slug="erstgespraech").save_revision().publish()
    clerk = make_user("clerk", roles.CLERK, first_name="Petra", last_name="Schulze")
    return open_case(
        surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), language="ro", clerk=clerk
    )


def state(page, section):
    return page.locator(f"[data-section-index='{section}'] .clearing-state")


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_the_index_stays_in_view_and_its_states_follow_the_answers(
    page, live_server, romanian_case, login, artifacts, screen
):
    page.set_viewport_size(VIEWPORTS[screen])
    login(page, "clerk")
    page.goto(f"{live_server.url}/admin/intake/cases/{romanian_case.pk}/interview/")
    index = page.locator(".clearing-section-index")
    assert index.is_visible()
    assert state(page, "a_procedure").get_attribute("data-state") == "missing"
    assert state(page, "a_procedure").inner_text() == "Angaben fehlen"
    assert state(page, "f_counselling").inner_text() == "nicht begonnen"
    page.screenshot(path=artifacts / f"interview-index-{screen}-top.png")

    page.locator("#section-g_release").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert page.locator("#section-a_procedure").bounding_box()["y"] < -3000  # far down the long page …
    box = index.bounding_box()
    assert -1 <= box["y"] < 80 and index.is_visible()  # … the index is still at the top
    page.screenshot(path=artifacts / f"interview-index-{screen}-scrolled.png")

    page.select_option("select[name='q-interview_language']", "ro")
    page.locator("[data-key='privacy_notice_handed_over'] input[value='yes']").check()
    page.fill("input[name='q-privacy_notice_version']", "2026-01")
    page.select_option("select[name='q-privacy_notice_language']", "ro")
    page.wait_for_function(
        "document.querySelector(\"[data-section-index='a_procedure'] .clearing-state\").dataset.state === 'complete'"
    )
    assert state(page, "a_procedure").inner_text() == "vollständig"
    page.locator("[data-key='counselling_topics'] input[value='housing']").check()
    page.wait_for_function(
        "document.querySelector(\"[data-section-index='f_counselling'] .clearing-state\").dataset.state"
        " !== 'not_started'"
    )
    page.get_by_role("link", name="E. Aufenthaltszweck").click()
    page.wait_for_timeout(300)
    legend = page.locator("#section-e_purpose > legend").bounding_box()
    assert 0 <= legend["y"] < VIEWPORTS[screen]["height"] / 2
    page.screenshot(path=artifacts / f"interview-index-{screen}-filled.png")


def test_the_toggle_shows_each_question_also_in_romanian_and_german_only_where_it_has_none(
    page, live_server, romanian_case, login, artifacts
):
    login(page, "clerk")
    page.goto(f"{live_server.url}/admin/intake/cases/{romanian_case.pk}/interview/")
    surname = page.locator("[data-key='surname'] label .clearing-read-along")
    assert not surname.is_visible()
    page.get_by_label("Fragen auch auf Rumänisch").check()
    assert surname.is_visible() and surname.inner_text() == "Nume de familie"
    assert page.locator("[data-key='surname'] p.clearing-read-along").inner_text() == "ca în actul de identitate"
    assert surname.get_attribute("lang") == "ro"
    assert page.locator("#section-b_identity > legend .clearing-read-along").inner_text() == "B. Identitate"
    assert page.locator("[data-key='stay_category'] label .clearing-read-along").inner_text() == (
        "Temeiul invocat al dreptului la liberă circulație"
    )
    place = page.locator("[data-key='place_of_birth'] label")
    assert place.inner_text().startswith("Geburtsort") and place.locator(".clearing-read-along").count() == 0
    page.locator("[data-key='surname']").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "interview-read-along.png")

    page.reload()  # the choice is kept for the tab
    assert page.get_by_label("Fragen auch auf Rumänisch").is_checked() and surname.is_visible()
    page.set_viewport_size(VIEWPORTS["phone"])
    page.locator("[data-key='surname']").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "interview-read-along-phone.png")
