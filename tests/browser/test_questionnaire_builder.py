"""An administrator changes a questionnaire in the admin; clerks get it once published."""

import pytest

from questionnaires.answers import save_answers
from questionnaires.api import published
from questionnaires.definition_files import load_directory
from questionnaires.forms import QuestionnaireForm
from questionnaires.models import Questionnaire

from ..questionnaires.definitions import QUESTIONNAIRE, write_definitions
from .builder import add_question_at_end_of_section, answer_of, publish, section_block

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_autosave")]


def add_employer_question(page, title, section_index):
    """„Arbeitgeber (Name)“, shown only when „Zweck des Aufenthalts = Arbeitnehmer“."""
    prefix = add_question_at_end_of_section(page, title, section_index)
    page.select_option(f"select[name='{prefix}-value-field']", "employer_name")
    page.select_option(f"select[name='{prefix}-value-condition-field']", "stay_category")
    page.select_option(f"select[name='{prefix}-value-condition-op']", "equals")
    options, _text = answer_of(page, f"{prefix}-value-condition")
    options.select_option(label="Arbeitnehmer")
    return prefix


def test_admin_adds_a_conditional_question_publishes_and_the_clerk_form_has_it(
    page, live_server, bootstrapped, make_user, login, artifacts, probe_without_employer
):
    probe = probe_without_employer
    old_revision = probe.live_revision
    old_form = QuestionnaireForm(
        old_revision.content["compiled"],
        data={"surname": "Gősi", "birth_date": "1970-03-03", "nationalities": ["HU"], "stay_category": "worker"},
    )
    assert old_form.is_valid(), old_form.errors
    old_answers = save_answers(old_form, questionnaire=probe, revision=old_revision)

    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe.pk}/")
    prefix = add_employer_question(page, "Aufenthaltszweck", 1)
    page.locator(f"select[name='{prefix}-value-field']").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-new-question.png")
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/")
    assert page.locator(".messages .success").count() == 1

    questionnaire, revision, definition = published("probe")
    assert revision.pk != old_revision.pk
    new_form = QuestionnaireForm(definition)
    assert new_form.fields["employer_name"].label == "Arbeitgeber (Name)"
    employer = [i for s in definition["sections"] for i in s["items"] if i["key"] == "employer_name"][0]
    assert employer["condition"] == {"field": "stay_category", "op": "equals", "value": "worker"}
    hidden = QuestionnaireForm(
        definition,
        data={
            "surname": "A",
            "birth_date": "1970-03-03",
            "nationalities": ["HU"],
            "stay_category": "job_seeker",
            "employer_name": "ignored",
        },
    )
    assert hidden.is_valid() and "employer_name" not in hidden.answers()

    old_answers.refresh_from_db()
    assert old_answers.revision == old_revision
    again = QuestionnaireForm(old_answers.definition(), answers=old_answers.data)
    assert "employer_name" not in again.fields and again["surname"].value() == "Gősi"

    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe.pk}/")
    page.locator("button[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    employer_row = preview.locator("[data-key='employer_name']")
    employer_row.wait_for(state="attached")
    assert employer_row.is_hidden()
    preview.get_by_label("Arbeitnehmer").check()
    assert employer_row.is_visible() and "Arbeitgeber (Name)" in employer_row.inner_text()
    preview.get_by_label("Arbeitsuchend").check()
    assert employer_row.is_hidden()
    preview.get_by_label("Arbeitnehmer").check()
    page.screenshot(path=artifacts / "builder-preview.png")


def test_publishing_a_condition_on_a_later_field_shows_a_german_error_on_that_field(
    page, live_server, bootstrapped, make_user, login, artifacts, probe_without_employer
):
    probe = probe_without_employer
    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe.pk}/")
    add_employer_question(page, "Identität", 0)
    publish(page)
    error = page.locator(".error-message", has_text="erst später abgefragt")
    error.first.wait_for()
    error.first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-error.png")
    probe.refresh_from_db()
    assert "employer_name" not in str(probe.compiled)


def test_removing_an_answered_field_needs_confirmation(
    page, live_server, bootstrapped, make_user, login, artifacts, tmp_path
):
    load_directory(write_definitions(tmp_path / "defs", questionnaires=[QUESTIONNAIRE]), publish=True)
    probe = Questionnaire.objects.get(slug="probe")
    form = QuestionnaireForm(
        probe.live_revision.content["compiled"],
        data={
            "surname": "Żółć",
            "birth_date": "1991-01-01",
            "nationalities": ["PL"],
            "stay_category": "worker",
            "employer_name": "Zerlegung GmbH",
        },
    )
    assert form.is_valid(), form.errors
    save_answers(form, questionnaire=probe, revision=probe.live_revision)

    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe.pk}/")
    section = section_block(page, "Aufenthaltszweck")
    section.locator(".w-panel__toggle").first.click()
    employer = section.locator(
        "[data-streamfield-child]", has=page.locator(".c-sf-block__title", has_text="employer_name")
    )
    employer.locator("button[data-streamfield-action='DELETE']").first.click()
    publish(page)
    message = page.locator(".error-message", has_text="Diese Version entfernt Felder")
    message.first.wait_for()
    assert "„employer_name“ (1)" in message.first.inner_text()
    message.first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-removal-warning.png")
    probe.refresh_from_db()
    assert "employer_name" in str(probe.compiled)

    page.check("input[name='confirm_removal']")
    publish(page)
    try:
        page.wait_for_url(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/", timeout=10000)
    finally:
        page.screenshot(path=artifacts / "builder-removal-confirmed.png")
    probe.refresh_from_db()
    assert "employer_name" not in str(probe.compiled)


def test_removing_what_intake_reads_is_refused_naming_intake(
    page, live_server, bootstrapped, make_user, login, artifacts
):
    interview = Questionnaire.objects.get(slug="erstgespraech")
    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{interview.pk}/")
    section = section_block(page, "B. Identität")
    section.locator(".w-panel__toggle").first.click()
    birth = section.locator(
        "[data-streamfield-child]", has=page.locator(".c-sf-block__title", has_text="date_of_birth")
    )
    birth.locator("button[data-streamfield-action='DELETE']").first.click()
    publish(page)
    # A key that is gone has no block to carry the message: it stands above the sections.
    message = page.locator(".help-critical", has_text="(intake)")
    message.first.wait_for()
    assert "date_of_birth" in message.first.inner_text()
    message.first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-dependency-refused.png")
    interview.refresh_from_db()
    assert "date_of_birth" in str(interview.compiled)
