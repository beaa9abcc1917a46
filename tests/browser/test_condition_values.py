"""A condition on a choice or yes/no field is picked from the field's options; a value that is none is refused."""

import copy

import pytest

from questionnaires.api import published
from questionnaires.definition import sections_to_body
from questionnaires.definition_files import load_directory
from questionnaires.models import Questionnaire

from ..questionnaires.definitions import QUESTIONNAIRE, write_definitions
from .builder import add_question_at_end_of_section, answer_of, publish, section_block

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_autosave")]


def option_texts(select):
    return [text.strip() for text in select.locator("option").all_inner_texts()]


def employer(definition):
    return next(i for s in definition["sections"] for i in s["items"] if i["key"] == "employer_name")


def test_the_admin_picks_a_conditions_values_from_the_fields_options(
    page, live_server, bootstrapped, make_user, login, artifacts, probe_without_employer
):
    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe_without_employer.pk}/")
    prefix = add_question_at_end_of_section(page, "Aufenthaltszweck", 1)
    condition = f"{prefix}-value-condition"
    page.select_option(f"select[name='{prefix}-value-field']", "employer_name")
    options, text = answer_of(page, condition)

    page.select_option(f"select[name='{condition}-field']", "has_children")
    page.select_option(f"select[name='{condition}-op']", "equals")
    assert options.is_visible() and text.is_hidden()
    assert option_texts(options) == ["– bitte wählen –", "Ja", "Nein"]

    page.select_option(f"select[name='{condition}-field']", "stay_category")
    page.select_option(f"select[name='{condition}-op']", "one_of")
    assert option_texts(options) == ["Arbeitnehmer", "Arbeitsuchend", "Nichterwerbstätig"]
    options.select_option(label=["Arbeitnehmer", "Arbeitsuchend"])
    assert text.input_value() == "worker, job_seeker"
    options.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-condition-options.png")

    page.select_option(f"select[name='{condition}-op']", "is_set")
    assert options.is_hidden()
    page.select_option(f"select[name='{condition}-op']", "one_of")
    assert options.evaluate("select => Array.from(select.selectedOptions, o => o.value)") == ["worker", "job_seeker"]

    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/")
    _questionnaire, _revision, definition = published("probe")
    assert employer(definition)["condition"] == {
        "field": "stay_category",
        "op": "one_of",
        "value": ["worker", "job_seeker"],
    }


def test_a_draft_whose_condition_names_a_label_is_refused_on_publish_until_an_option_is_picked(
    page, live_server, bootstrapped, make_user, login, artifacts, tmp_path
):
    """A draft saved with the former free-text box: the label „Arbeitnehmer/in“ instead of ``worker``."""
    load_directory(write_definitions(tmp_path / "defs", questionnaires=[QUESTIONNAIRE]), publish=True)
    probe = Questionnaire.objects.get(slug="probe")
    document = copy.deepcopy(QUESTIONNAIRE)
    document["sections"][1]["items"][1]["condition"]["value"] = "Arbeitnehmer/in"
    draft = probe.get_latest_revision_as_object()
    draft.body = sections_to_body(document["sections"])
    draft.save_revision()
    compiled_before = Questionnaire.objects.get(pk=probe.pk).compiled

    make_user("root", is_superuser=True, is_staff=True)
    login(page, "root")
    page.goto(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/edit/{probe.pk}/")
    section = section_block(page, "Aufenthaltszweck")
    section.locator(".w-panel__toggle").first.click()
    question = section.locator(
        "[data-streamfield-child]", has=page.locator(".c-sf-block__title", has_text="employer_name")
    )
    question.locator(".w-panel__toggle").first.click()
    condition = "body-1-value-items-1-value-condition"
    options, _text = answer_of(page, condition)
    options.wait_for(state="visible")
    assert options.evaluate("select => select.selectedOptions[0].textContent") == (
        "„Arbeitnehmer/in“ – keine Option dieses Feldes"
    )

    publish(page)
    error = page.locator(".error-message", has_text="Unbekannter Wert")
    error.first.wait_for()
    assert '"Arbeitnehmer/in"' in error.first.inner_text() and '"worker"' in error.first.inner_text()
    error.first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "builder-condition-refused.png")
    assert Questionnaire.objects.get(pk=probe.pk).compiled == compiled_before

    options, text = answer_of(page, condition)
    options.select_option(label="Arbeitnehmer")
    assert text.input_value() == "worker"
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/snippets/questionnaires/questionnaire/")
    _questionnaire, _revision, definition = published("probe")
    assert employer(definition)["condition"] == {"field": "stay_category", "op": "equals", "value": "worker"}
