"""Keys another app reads (intake's case file) cannot be dropped, made optional or retyped."""

import json
import shutil

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail import hooks

from core import roles
from core.contracts import FieldDependency
from core.hooks import QUESTIONNAIRE_DEPENDENCIES
from questionnaires.definition_files import DefinitionError, load_directory
from questionnaires.models import CatalogueField, Questionnaire

from .test_admin import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(tmp_path, bootstrapped):
    """A copy of form_definitions/ to change; ``load()`` loads it and publishes."""
    folder = tmp_path / "defs"
    shutil.copytree(settings.BASE_DIR / "form_definitions", folder)

    class Files:
        def edit(self, name, change):
            path = folder / name
            document = json.loads(path.read_text(encoding="utf-8"))
            change(document)
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

        def load(self):
            return load_directory(folder, publish=True)

    return Files()


def interview_item(document, key):
    return next(item for section in document["sections"] for item in section["items"] if item["field"] == key)


def drop(key):
    def change(document):
        for section in document["sections"]:
            section["items"] = [item for item in section["items"] if item["field"] != key]

    return change


def refused(files):
    with pytest.raises(DefinitionError) as error:
        files.load()
    return error.value.problems


def test_the_shipped_definitions_meet_what_intake_reads(shipped):
    shipped.load()


def test_an_interview_without_the_date_of_birth_is_refused_naming_intake(shipped):
    shipped.edit("erstgespraech.json", drop("date_of_birth"))
    [problem] = refused(shipped)
    assert problem.startswith("erstgespraech.json: $.sections: ")
    assert "Erstgespräch (intake) liest „date_of_birth“ aus diesem Fragebogen" in problem


def test_retyping_the_date_of_birth_to_text_is_refused_naming_intake(shipped):
    def retype(document):
        next(entry for entry in document["fields"] if entry["key"] == "date_of_birth")["type"] = "text"
        next(entry for entry in document["fields"] if entry["key"] == "date_of_birth").pop("date", None)

    shipped.edit("catalogue.json", retype)
    shipped.edit("erstgespraech.json", lambda document: interview_item(document, "date_of_birth").pop("date"))
    problems = refused(shipped)
    assert any(p.startswith("catalogue.json: $.fields[") and "(intake)" in p and "date_of_birth" in p for p in problems)
    assert any(p.startswith("erstgespraech.json: $.sections[1].items[3].field: ") for p in problems), problems


def test_the_surname_cannot_become_optional_or_conditional(shipped):
    def loosen(document):
        surname = interview_item(document, "surname")
        surname["required"] = False
        surname["condition"] = {"field": "interview_language", "op": "is_set"}

    shipped.edit("erstgespraech.json", loosen)
    problems = refused(shipped)
    assert {problem.split(": ")[1] for problem in problems} == {
        "$.sections[1].items[0].required",
        "$.sections[1].items[0].condition",
    }


def test_an_optional_dependency_may_stay_optional_but_must_stay_asked(shipped):
    shipped.edit("erstgespraech.json", lambda d: interview_item(d, "buergerbuero_appointment_date").pop("date"))
    shipped.load()
    shipped.edit("erstgespraech.json", lambda document: document["sections"].pop())  # its section, g_release
    [problem] = refused(shipped)
    assert "buergerbuero_appointment_date" in problem


def test_a_dependency_of_another_app_is_named_too(shipped):
    need = FieldDependency("scheduling", "erstgespraech", "contact_phone", "phone")
    with hooks.register_temporarily(QUESTIONNAIRE_DEPENDENCIES, lambda: [need]):
        shipped.edit("erstgespraech.json", drop("contact_phone"))
        [problem] = refused(shipped)
    assert "(scheduling)" in problem and "contact_phone" in problem


@pytest.fixture
def admin_client(client, make_user, bootstrapped):
    make_user("verwaltung", roles.ADMINISTRATOR)
    client.login(username="verwaltung", password="pw-for-tests-only")
    return client


def test_the_catalogue_admin_refuses_retyping_what_intake_reads(admin_client):
    field = CatalogueField.objects.get(key="date_of_birth")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    response = admin_client.post(url, edit_data(field, field_type="text"))
    [message] = response.context["form"].errors["field_type"]
    assert message == "Erstgespräch (intake) liest „date_of_birth“ als Datum; der Typ kann sich nicht ändern."
    assert CatalogueField.objects.get(pk=field.pk).field_type == "date"


def test_deleting_what_intake_reads_is_refused(admin_client):
    field = CatalogueField.objects.get(key="staff_member")
    url = reverse("wagtail_bulk_action", args=("questionnaires", "cataloguefield", "delete"))
    admin_client.post(f"{url}?id={field.pk}", follow=True)
    assert CatalogueField.objects.filter(pk=field.pk).exists()


def test_a_questionnaire_intake_reads_is_neither_unpublished_nor_deleted(admin_client):
    interview = Questionnaire.objects.get(slug="erstgespraech")
    viewset = "wagtailsnippets_questionnaires_questionnaire"
    unpublished = admin_client.post(reverse(f"{viewset}:unpublish", args=[interview.pk]), follow=True)
    [message] = [str(m) for m in unpublished.context["messages"]]
    expected = "Nichts wurde zurückgezogen. Andere Teile der Plattform arbeiten mit: „Erstgespräch“ "
    expected += "(Erstgespräch (intake))."
    assert message == expected
    admin_client.post(reverse(f"{viewset}:delete", args=[interview.pk]))
    bulk = reverse("wagtail_bulk_action", args=("questionnaires", "questionnaire", "delete"))
    admin_client.post(f"{bulk}?id={interview.pk}")
    interview.refresh_from_db()
    assert interview.live


def test_a_questionnaire_nobody_reads_can_be_unpublished(admin_client):
    beratung = Questionnaire.objects.get(slug="beratung")
    admin_client.post(reverse("wagtailsnippets_questionnaires_questionnaire:unpublish", args=[beratung.pk]))
    beratung.refresh_from_db()
    assert not beratung.live


def test_the_slug_of_a_questionnaire_that_is_read_cannot_change_even_in_a_draft(admin_client):
    draft = Questionnaire.objects.create(slug="vorab", title_de="Vorab", title_en="Ahead", live=False)
    need = FieldDependency("scheduling", "vorab", "contact_phone", "phone", required=False)
    data = {"slug": "vorab_neu", "title_de": "Vorab", "title_en": "Ahead", "body-count": "0"}
    data.update(description_de="", description_en="")
    with hooks.register_temporarily(QUESTIONNAIRE_DEPENDENCIES, lambda: [need]):
        response = admin_client.post(
            reverse("wagtailsnippets_questionnaires_questionnaire:edit", args=[draft.pk]), data
        )
    [message] = response.context["form"].errors["slug"]
    assert (
        message
        == "Terminvergabe (scheduling) liest diesen Fragebogen als „vorab“; der Kurzname kann sich nicht ändern."
    )
    draft.refresh_from_db()
    assert draft.slug == "vorab"
