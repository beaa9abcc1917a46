"""The engine's front door: what every plugin may ask of it."""

import pytest

from questionnaires import api
from questionnaires.entries import ENTRY_ID
from questionnaires.models import Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(bootstrapped):
    return api.published("erstgespraech")


def items_of(definition):
    for section in definition["sections"]:
        for item in section["items"]:
            yield item
            yield from item.get("fields", [])


def test_published_names_questionnaire_revision_and_definition(interview):
    assert interview.questionnaire.slug == "erstgespraech"
    assert interview.revision == interview.questionnaire.live_revision
    assert interview.definition == interview.revision.content["compiled"]


def test_an_unpublished_questionnaire_is_a_404(interview):
    Questionnaire.objects.filter(slug="erstgespraech").update(live=False)
    with pytest.raises(api.NotPublished):
        api.published("erstgespraech")
    with pytest.raises(api.NotPublished):
        api.published("no-such-questionnaire")


@pytest.mark.parametrize("language", ["ro", "bg", "hu"])
def test_the_public_audience_gets_exactly_the_fields_answered_in_advance_in_its_language(interview, language):
    public = {item["key"]: item for item in items_of(interview.definition) if item["public"]}
    assert len(public) > 10
    form = api.build_form(interview.definition, audience="public", language=language)
    top_level = set(form.fields)
    in_groups = {
        key
        for formset in form.formsets.values()
        for key in formset.empty_form.fields
        if key not in ("DELETE", ENTRY_ID)
    }
    assert top_level | set(form.formsets) | in_groups == set(public)
    for key, field in form.fields.items():
        assert field.label == public[key]["label"][language]
    assert "staff_member" not in form.fields and "document_serial_number" not in form.fields


def test_a_public_field_whose_condition_is_not_public_is_shown_and_optional():
    label = {"de": "Frage", "en": "Question"}
    definition = {
        "slug": "probe",
        "sections": [
            {
                "key": "only",
                "title": label,
                "condition": None,
                "items": [
                    {"key": "clerk_only", "type": "yes_no", "label": label, "public": False},
                    {
                        "key": "asked_ahead",
                        "type": "text",
                        "label": label,
                        "public": True,
                        "required": True,
                        "condition": {"field": "clerk_only", "op": "equals", "value": True},
                    },
                ],
            }
        ],
    }
    form = api.build_form(definition, audience="public", data={})
    assert list(form.fields) == ["asked_ahead"]
    assert "asked_ahead" in form.visible
    assert form.is_valid()


def test_missing_required_names_what_the_stored_answers_lack(interview, clerk):
    data = {"surname": "Pop"}
    answer_set = api.AnswerSet(
        questionnaire=interview.questionnaire, revision=interview.revision, data=data, language="de"
    )
    missing = api.missing_required(answer_set)
    assert "Vornamen" in missing and "Familienname" not in missing
    assert "Name des Ehegatten / Lebenspartners" not in missing  # hidden: marital status not answered


def test_answer_sections_can_be_restricted_to_keys(interview):
    data = {
        "surname": "Pop",
        "first_names": "Ana",
        "contact_phone": "+40 721 000 000",
        "household_members": [{"member_name": "Ion Pop", "member_relationship": "spouse"}],
    }
    answer_set = api.AnswerSet(questionnaire=interview.questionnaire, revision=interview.revision, data=data)
    every = [row["label"] for section in api.answer_sections(answer_set) for row in section["rows"]]
    scoped = api.answer_sections(answer_set, keys=["surname", "member_name"])
    rows = [row for section in scoped for row in section["rows"]]
    assert len(every) == 4
    assert [row["label"] for row in rows] == ["Familienname", "Weitere mit einziehende Personen"]
    assert rows[1]["entries"] == [[("Familienname und Vornamen", "Ion Pop")]]
