"""The admin protects answers: fixed keys, no retyping or deleting of used fields, confirmed removals."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core import roles
from questionnaires.answers import save_answers
from questionnaires.forms import QuestionnaireForm
from questionnaires.models import CatalogueField

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, bootstrapped):
    make_user("verwaltung", roles.ADMINISTRATOR)
    client.login(username="verwaltung", password="pw-for-tests-only")
    return client


@pytest.fixture
def answered(probe, probe_definition):
    form = QuestionnaireForm(
        probe_definition,
        data={
            "surname": "Petrov",
            "birth_date": "1985-05-05",
            "nationalities": ["BG"],
            "stay_category": "worker",
            "employer_name": "Schlachthof AG",
        },
    )
    assert form.is_valid(), form.errors
    return save_answers(form, questionnaire=probe, revision=probe.live_revision)


def text_field(key, label_de, label_en):
    facts = {"purpose": "x", "legal_basis": "y", "retention": "intake"}
    return CatalogueField(key=key, field_type="text", label_de=label_de, label_en=label_en, **facts)


def edit_data(field, **changes):
    data = {
        "key": field.key,
        "field_type": field.field_type,
        "label_de": field.label_de,
        "label_en": field.label_en,
        "help_de": "",
        "help_en": "",
        "translations-count": "0",
        "options-count": "0",
        "purpose": field.purpose,
        "legal_basis": field.legal_basis,
        "sensitivity": field.sensitivity,
        "retention": field.retention,
    }
    data.update(changes)
    return data


def test_administrator_sees_catalogue_and_questionnaires(admin_client, probe):
    assert admin_client.get(reverse("wagtailsnippets_questionnaires_cataloguefield:list")).status_code == 200
    response = admin_client.get(reverse("wagtailsnippets_questionnaires_questionnaire:edit", args=[probe.pk]))
    assert response.status_code == 200
    assert "Abschnitte" in response.content.decode()


def test_a_clerk_cannot_edit_questionnaires(client, make_user, bootstrapped, probe):
    make_user("sachbearbeitung", roles.CLERK)
    client.login(username="sachbearbeitung", password="pw-for-tests-only")
    assert client.get(reverse("wagtailsnippets_questionnaires_questionnaire:edit", args=[probe.pk])).status_code == 302
    assert client.get(reverse("wagtailsnippets_questionnaires_cataloguefield:add")).status_code == 302


def test_the_type_of_an_answered_field_cannot_change(admin_client, answered):
    field = CatalogueField.objects.get(key="employer_name")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    response = admin_client.post(url, edit_data(field, field_type="long_text"))
    assert response.status_code == 200
    assert "1 Antwortsatz enthält dieses Feld; sein Typ kann nicht mehr geändert werden." in response.content.decode()
    assert CatalogueField.objects.get(key="employer_name").field_type == "text"


def test_the_key_cannot_change_once_saved(admin_client, probe):
    field = CatalogueField.objects.get(key="employer_name")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    admin_client.post(url, edit_data(field, key="arbeitgeber", label_de="Arbeitgeber"))
    field.refresh_from_db()
    assert (field.key, field.label_de) == ("employer_name", "Arbeitgeber")


def test_deleting_a_used_field_says_what_it_breaks_and_refuses(admin_client, answered):
    field = CatalogueField.objects.get(key="employer_name")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:delete", args=[field.pk])
    response = admin_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailsnippets_questionnaires_cataloguefield:list")
    page = response.content.decode()
    assert (
        "Es wurde nichts gelöscht. Noch in Gebrauch: „employer_name“ "
        "(1 Antwortsatz enthält es; verwendet von: Erstgespräch, Probe)." in page
    )
    admin_client.post(url)
    assert CatalogueField.objects.filter(key="employer_name").exists()


def test_an_unused_field_can_be_deleted(admin_client, probe):
    field = text_field("spare", "Reserve", "Spare")
    field.save()
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:delete", args=[field.pk])
    assert "wird von keinem Fragebogen und keiner Antwort verwendet" in admin_client.get(url).content.decode()
    admin_client.post(url)
    assert not CatalogueField.objects.filter(key="spare").exists()


def test_a_public_field_needs_every_language(admin_client):
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:add")
    field = text_field("nickname", "Rufname", "Nickname")
    response = admin_client.post(url, edit_data(field, public="on"))
    assert "braucht alle Inhaltssprachen; es fehlen: bg, hr, hu, pl, ro" in response.content.decode()
    assert not CatalogueField.objects.filter(key="nickname").exists()


def test_bulk_deletion_spares_used_fields_and_says_why(admin_client, answered):
    used = CatalogueField.objects.get(key="employer_name")
    spare = text_field("spare", "Reserve", "Spare")
    spare.save()
    url = reverse("wagtail_bulk_action", args=("questionnaires", "cataloguefield", "delete"))
    response = admin_client.post(f"{url}?id={used.pk}&id={spare.pk}", follow=True)
    page = response.content.decode()
    assert "Es wurde nichts gelöscht. Noch in Gebrauch: „employer_name“ (1 Antwortsatz enthält es" in page
    assert CatalogueField.objects.filter(key__in=["employer_name", "spare"]).count() == 2

    admin_client.post(f"{url}?id={spare.pk}")
    assert not CatalogueField.objects.filter(key="spare").exists()


def options_data(*codes):
    return nested_form_data(
        {
            "options": streamfield(
                [
                    ("option", {"code": code, "label_de": code, "label_en": code, "translations": {"count": "0"}})
                    for code in codes
                ]
            )
        }
    )


def test_options_that_answers_chose_cannot_be_removed(admin_client, answered):
    field = CatalogueField.objects.get(key="stay_category")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    response = admin_client.post(url, {**edit_data(field), **options_data("job_seeker", "non_active")})
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["options"]
    assert str(error.non_block_errors[0]).startswith(
        "Bestehende Antworten haben Optionen gewählt, die diese Änderung entfernt: „worker“ (1)"
    )
    assert [option["value"] for option in CatalogueField.objects.get(pk=field.pk).option_list()] == [
        "worker",
        "job_seeker",
        "non_active",
    ]

    relabelled = admin_client.post(url, {**edit_data(field), **options_data("worker", "job_seeker", "non_active")})
    assert relabelled.status_code == 302
    assert CatalogueField.objects.get(pk=field.pk).option_list()[0]["label"]["de"] == "worker"


def test_options_that_conditions_compare_with_cannot_be_removed(admin_client, probe):
    field = CatalogueField.objects.get(key="stay_category")
    url = reverse("wagtailsnippets_questionnaires_cataloguefield:edit", args=[field.pk])
    response = admin_client.post(url, {**edit_data(field), **options_data("worker", "job_seeker")})
    [error] = response.context["form"].errors.as_data()["options"]
    [message] = [str(problem) for problem in error.non_block_errors]
    assert message.startswith("Bedingungen vergleichen mit Optionen, die diese Änderung entfernt: ")
    assert "Probe (non_active)" in message
    assert len(CatalogueField.objects.get(pk=field.pk).option_list()) == 3
