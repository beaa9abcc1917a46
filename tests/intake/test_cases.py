"""The case file: references, status transitions, release, certificates, verification."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from wagtail import hooks

from core import roles
from core.contracts import CaseStatusChanged, SourceRef
from core.hooks import CASE_STATUS_CHANGED
from core.models import AuditEntry
from plugins.intake.case_file import TransitionRefused, change_status, open_case, save_interview
from plugins.intake.models import Case, CaseStatus, CertificateStatus
from plugins.intake.release import (
    ReleaseRefused,
    confirm_registration,
    reissue_certificate,
    release_case,
    revoke_certificate,
    verify_code,
)
from questionnaires.api import published
from questionnaires.forms import QuestionnaireForm

pytestmark = pytest.mark.django_db

COMPLETE_INTERVIEW = {
    "q-interview_language": "ro",
    "q-staff_member": "Frau Schulze",
    "q-privacy_notice_handed_over": "yes",
    "q-privacy_notice_version": "2026-01",
    "q-privacy_notice_language": "ro",
    "q-surname": "Țurcanu",
    "q-first_names": "Ștefan",
    "q-date_of_birth": "1990-04-01",
    "q-place_of_birth": "Iași",
    "q-country_of_birth": "RO",
    "q-sex": "male",
    "q-nationalities": ["RO"],
    "q-document_type": "id_card",
    "q-document_serial_number": "RX123456",
    "q-new_address_0": "Marktstraße",
    "q-new_address_1": "12",
    "q-new_address_3": "06667",
    "q-new_address_4": "Weißenfels",
    "q-move_in_date": "2026-10-01",
    "q-residence_type": "sole",
    "q-landlord_confirmation_present": "yes",
    "q-landlord_name": "Wohnbau GmbH",
    "q-landlord_address_0": "Am Hang",
    "q-landlord_address_1": "3",
    "q-landlord_address_3": "06667",
    "q-landlord_address_4": "Weißenfels",
    "q-marital_status": "single",
    "q-stay_category": "worker",
    "q-employer_name": "Fleischwerk Süd GmbH",
    "q-children-TOTAL_FORMS": "0",
    "q-children-INITIAL_FORMS": "0",
    "q-household_members-TOTAL_FORMS": "0",
    "q-household_members-INITIAL_FORMS": "0",
}


@pytest.fixture
def case(clerk):
    return open_case(
        surname="Țurcanu",
        first_names="Ștefan",
        birth_date=datetime.date(1990, 4, 1),
        nationality="RO",
        language="ro",
        clerk=clerk,
    )


def interview(case, clerk, data=COMPLETE_INTERVIEW, complete=True):
    questionnaire, revision, definition = published("erstgespraech")
    form = QuestionnaireForm(definition, data=data, prefix="q", draft=not complete)
    assert form.is_valid() or not complete, form.errors
    return save_interview(case, form, questionnaire=questionnaire, revision=revision, actor=clerk, complete=complete)


def test_references_are_sequential_per_year(clerk):
    year = datetime.date.today().year
    first = open_case(surname="A", first_names="B", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    second = open_case(surname="C", first_names="D", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    assert first.reference == f"CS-{year}-00001" and second.reference == f"CS-{year}-00002"
    assert AuditEntry.objects.filter(action="case.open", object_id=str(first.pk)).exists()


def test_a_source_too_long_for_its_columns_is_refused_not_cut(clerk):
    with pytest.raises(ValueError, match="cannot store this source"):
        open_case(
            surname="Pop",
            first_names="Ana",
            birth_date=datetime.date(1990, 1, 1),
            source=SourceRef("booking", "9" * 65),
        )
    assert not Case.objects.filter(surname="Pop").exists()


def test_status_changes_are_checked_recorded_and_audited(case, clerk):
    with pytest.raises(TransitionRefused, match="„offen“ nach „freigegeben“|offen.*freigegeben"):
        change_status(case, CaseStatus.RELEASED, clerk)
    with pytest.raises(TransitionRefused, match="Grund"):
        change_status(case, CaseStatus.WITHDRAWN, clerk)
    change_status(case, CaseStatus.DID_NOT_APPEAR, clerk, reason="nicht erschienen")
    change = case.status_changes.get()
    assert (change.from_status, change.to_status, change.reason, change.actor) == (
        "open",
        "did_not_appear",
        "nicht erschienen",
        clerk,
    )
    entry = AuditEntry.objects.get(action="case.status")
    assert entry.details["to_status"] == "did_not_appear" and entry.actor == clerk


@pytest.fixture
def status_events():
    heard = []
    with hooks.register_temporarily(CASE_STATUS_CHANGED, heard.append):
        yield heard


def test_each_status_change_is_announced_once_after_the_commit(
    case, clerk, status_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, CaseStatus.WITHDRAWN, clerk, reason="Zieht nicht zu.")
        assert status_events == []
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, CaseStatus.OPEN, clerk)
        interview(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        release_case(Case.objects.get(pk=case.pk), clerk)
    assert [(event.old_status, event.new_status) for event in status_events] == [
        ("open", "withdrawn"),
        ("withdrawn", "open"),
        ("open", "in_interview"),
        ("in_interview", "complete"),
        ("complete", "released"),
    ]
    released = Case.objects.get(pk=case.pk)
    assert status_events[-1] == CaseStatusChanged(
        case_id=case.pk,
        reference=case.reference,
        old_status="complete",
        new_status="released",
        actor_id=clerk.pk,
        at=released.status_changed_at,
        source=SourceRef("walk_in", ""),
    )


def test_a_rolled_back_or_refused_status_change_is_not_announced(
    case, clerk, status_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            change_status(case, CaseStatus.WITHDRAWN, clerk, reason="Zieht nicht zu.")
            raise RuntimeError("the request failed later")
        with pytest.raises(TransitionRefused):
            change_status(case, CaseStatus.RELEASED, clerk)
    assert status_events == []
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN


def test_a_failing_receiver_neither_breaks_the_request_nor_silences_the_next(
    client, case, clerk, django_capture_on_commit_callbacks, caplog
):
    heard = []

    def broken(event):
        raise RuntimeError("receiver bug")

    client.force_login(clerk)
    url = reverse("intake_case:status", args=[case.pk])
    with (
        hooks.register_temporarily(CASE_STATUS_CHANGED, broken),
        hooks.register_temporarily(CASE_STATUS_CHANGED, heard.append),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"to": CaseStatus.WITHDRAWN, "reason": "Zieht nicht zu."})
    assert response.status_code == 302
    assert [event.new_status for event in heard] == ["withdrawn"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN
    assert "receiver bug" in caplog.text


def test_interview_draft_then_complete_moves_the_status(case, clerk):
    interview(case, clerk, data={"q-surname": "Țurcanu", "q-date_of_birth": "kein Datum"}, complete=False)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_INTERVIEW
    assert case.answer_set.data["surname"] == "Țurcanu" and "date_of_birth" not in case.answer_set.data
    interview(case, clerk)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETE
    assert case.answer_set.data["employer_name"] == "Fleischwerk Süd GmbH"


def test_release_is_refused_with_a_german_message_when_a_required_answer_is_missing(case, clerk):
    case = interview(case, clerk)
    answers = case.answer_set
    del answers.data["document_serial_number"]
    answers.save()
    with pytest.raises(ReleaseRefused, match="Es fehlen Pflichtangaben: Seriennummer"):
        release_case(case, clerk)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETE and not case.certificates.exists()


def test_release_needs_the_permission(case, clerk, make_user):
    interview(case, clerk)
    office = make_user("buergerbuero", roles.CITIZENS_OFFICE)
    with pytest.raises(PermissionDenied):
        release_case(case, office)


def test_release_needs_a_complete_interview(case, clerk):
    with pytest.raises(ReleaseRefused, match="abgeschlossen"):
        release_case(case, clerk)


def test_release_revoke_reissue_and_verification(case, clerk, make_user):
    interview(case, clerk)
    certificate = release_case(case, clerk)
    case.refresh_from_db()
    year = datetime.date.today().year
    assert case.status == CaseStatus.RELEASED
    assert certificate.number == f"FS-{year}-00001" and len(certificate.verification_code) == 16
    assert certificate.language == "ro"

    office = make_user("buergerbuero", roles.CITIZENS_OFFICE)
    assert verify_code(certificate.verification_code.lower(), office).outcome == "valid"
    assert verify_code("AAAA-BBBB-CCCC-DDDD", office).outcome == "unknown"

    newer = reissue_certificate(certificate, clerk)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED and certificate.superseded_by == newer
    assert verify_code(certificate.verification_code, office).outcome == "superseded"

    with pytest.raises(ReleaseRefused, match="Grund"):
        revoke_certificate(newer, clerk, "  ")
    revoke_certificate(newer, clerk, "Angaben zur Wohnung falsch")
    case.refresh_from_db()
    assert verify_code(newer.verification_code, office).outcome == "revoked"
    assert case.status == CaseStatus.COMPLETE
    assert case.certificates.count() == 2

    third = release_case(case, clerk)
    confirm_registration(third, office)
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED
    assert AuditEntry.objects.filter(action="certificate.verify").count() == 4
    assert AuditEntry.objects.filter(action="case.registered", actor=office).exists()


def test_a_revoked_certificate_cannot_confirm_a_registration(case, clerk, make_user):
    interview(case, clerk)
    certificate = release_case(case, clerk)
    revoke_certificate(certificate, clerk, "Irrtum")
    with pytest.raises(ReleaseRefused):
        confirm_registration(certificate, make_user("buergerbuero", roles.CITIZENS_OFFICE))


def test_a_stale_interview_save_cannot_undo_a_release(clerk, case):
    stale = Case.objects.get(pk=case.pk)  # the form was opened here
    interview(case, clerk, complete=True)
    release_case(case, clerk)
    with pytest.raises(TransitionRefused, match="kann nicht mehr geändert werden"):
        interview(stale, clerk, complete=False)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RELEASED
