"""An invalid "complete" post saves its valid part as a draft from the form it built, built once."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plugins.intake.models import Case, CaseStatus
from questionnaires.field_types import FormFieldBuilder
from questionnaires.forms import QuestionnaireForm

from .test_cases import COMPLETE_INTERVIEW
from .test_drafts import KEPT, clerk_client, complete_case  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def post(client, case, *, complete, **changes):
    data = {**COMPLETE_INTERVIEW, "q-contact_phone": "+40 712 345 678", "version": str(case.answer_set.version)}
    data.update({f"q-{key}": value for key, value in changes.items()})
    data["complete" if complete else "draft"] = "1"
    return client.post(reverse("intake_case:interview", args=[case.pk]), data)


@pytest.fixture
def counted():
    """How often a questionnaire form was made and a field built, during the ``with`` block."""
    made, built = QuestionnaireForm.__init__, FormFieldBuilder.build
    with (
        mock.patch.object(QuestionnaireForm, "__init__", autospec=True, side_effect=made) as forms_made,
        mock.patch.object(FormFieldBuilder, "build", autospec=True, side_effect=built) as fields_built,
    ):
        yield forms_made, fields_built


def test_an_invalid_complete_post_builds_the_questionnaire_once(clerk_client, complete_case, counted):  # noqa: F811
    forms_made, fields_built = counted
    response = post(clerk_client, complete_case, complete=True, document_serial_number="abc-invalid")
    assert response.status_code == 200
    assert forms_made.call_count == 1
    complete_builds = fields_built.call_count

    fields_built.reset_mock()
    case = Case.objects.select_related("answer_set").get(pk=complete_case.pk)
    assert post(clerk_client, case, complete=False, document_serial_number="abc-invalid").status_code == 200
    assert fields_built.call_count == complete_builds  # as many as the draft post's one build


def test_the_valid_part_of_an_invalid_complete_post_is_saved_as_before(clerk_client, complete_case):  # noqa: F811
    response = post(clerk_client, complete_case, complete=True, document_serial_number="abc-invalid", place_of_birth="")
    assert response.status_code == 200
    page = response.content.decode()
    assert KEPT + "RX123456" in page
    assert "Dieses Feld muss ausgefüllt werden." in page  # the complete form's errors are shown
    case = Case.objects.select_related("answer_set").get(pk=complete_case.pk)
    assert case.answer_set.data["document_serial_number"] == "RX123456"
    assert "place_of_birth" not in case.answer_set.data  # a draft stores the emptied answer
    assert case.status == CaseStatus.IN_INTERVIEW


def test_an_invalid_complete_post_looks_up_the_published_questionnaire_once(clerk_client, complete_case):  # noqa: F811
    with CaptureQueriesContext(connection) as queries:
        response = post(clerk_client, complete_case, complete=True, document_serial_number="abc-invalid")
    assert response.status_code == 200
    lookups = [
        query["sql"] for query in queries.captured_queries if 'FROM "questionnaires_questionnaire"' in query["sql"]
    ]
    assert len(lookups) == 1, lookups
