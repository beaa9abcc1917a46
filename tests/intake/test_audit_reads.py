"""Every screen and download that shows a person's data writes one audit entry, naming the case by reference only."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import roles
from core.models import AuditEntry
from plugins.intake.case_file import open_case, set_status_by_hand
from plugins.intake.release import confirm_registration, reissue_certificate, release_case, revoke_certificate

from .test_cases import COMPLETE_INTERVIEW, interview

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"
REASON = "zieht ins Frauenhaus"


@pytest.fixture
def clerk(make_user, bootstrapped):
    return make_user("ps4711", roles.CLERK, first_name="Petra", last_name="Schulze")


@pytest.fixture
def clerk_client(client, clerk):
    client.login(username="ps4711", password=PASSWORD)
    return client


def new_case(clerk, surname="Petrov", first_names="Ivan"):
    return open_case(surname=surname, first_names=first_names, birth_date=datetime.date(1988, 2, 29), clerk=clerk)


def entries_written(action, since):
    return list(AuditEntry.objects.filter(action=action, pk__gt=since).order_by("pk"))


def last_pk():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a_list_page_writes_one_entry_with_the_cases_shown_never_the_search(clerk_client, clerk):
    petrov, kowalski = new_case(clerk), new_case(clerk, "Kowalski", "Jan")
    index = reverse("intake_case:index")

    before = last_pk()
    clerk_client.get(index)
    (entry,) = entries_written("case.list", before)
    assert entry.details["cases"] == [kowalski.reference, petrov.reference]
    assert {"surname", "first_names", "birth_date"} <= set(entry.details["fields"])
    assert entry.actor == clerk and entry.object_type == "intake.case"

    for view in ("intake_case:index", "intake_case:index_results"):
        before = last_pk()
        clerk_client.get(reverse(view), {"q": "Kowal"})
        (entry,) = entries_written("case.list", before)
        assert entry.details["cases"] == [kowalski.reference] and entry.details["searched"] is True
        assert "Kowal" not in entry.object_repr + json.dumps(entry.details, ensure_ascii=False)

    before = last_pk()
    clerk_client.get(index, {"q": "Nobody"})
    assert entries_written("case.list", before) == []  # nothing shown, nothing read


def test_the_list_with_its_audit_entry_costs_the_same_queries_for_2_and_50_cases(
    clerk_client, clerk, django_assert_max_num_queries
):
    index = reverse("intake_case:index")
    for i in range(2):
        new_case(clerk, f"Name{i}")
    clerk_client.get(index, {"q": "name"})
    with CaptureQueriesContext(connection) as few:
        clerk_client.get(index, {"q": "name"})
    for i in range(48):
        new_case(clerk, f"Name{i + 2}")
    before = last_pk()
    with django_assert_max_num_queries(len(few)):
        clerk_client.get(index, {"q": "name"})
    (entry,) = entries_written("case.list", before)
    assert len(entry.details["cases"]) == 50


def test_the_case_file_and_interview_of_a_case_without_answers_are_audited(clerk_client, clerk):
    case = new_case(clerk)
    assert case.answer_set_id is None

    before = last_pk()
    assert clerk_client.get(reverse("intake_case:detail", args=[case.pk])).status_code == 200
    (entry,) = entries_written("case.read", before)
    assert entry.object_id == str(case.pk) and entry.object_repr == case.reference
    assert {"surname", "first_names", "birth_date", "nationality"} <= set(entry.details["fields"])

    before = last_pk()
    assert clerk_client.get(reverse("intake_case:interview", args=[case.pk])).status_code == 200
    (entry,) = entries_written("case.read", before)
    assert {"surname", "first_names", "date_of_birth", "staff_member"} <= set(entry.details["answers"])


def test_the_certificate_pdf_and_the_verification_say_what_they_showed(clerk_client, clerk, client, make_user):
    case = interview(new_case(clerk), clerk)
    certificate = release_case(case, clerk)

    before = last_pk()
    clerk_client.get(reverse("intake_case:pdf", args=[case.pk, certificate.pk]))
    (entry,) = entries_written("certificate.download", before)
    assert entry.details["case"] == case.reference and "holder_name" in entry.details["fields"]

    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    before = last_pk()
    client.get(reverse("intake_verify_code", kwargs={"code": certificate.verification_code}))
    (entry,) = entries_written("certificate.verify", before)
    assert entry.details["case"] == case.reference
    assert {"holder_name", "holder_birth_date"} <= set(entry.details["fields"])


def test_no_entry_of_a_whole_case_holds_the_persons_name_or_a_reason(clerk_client, clerk, make_user):
    case = new_case(clerk, "Țurcanu", "Ștefan")
    set_status_by_hand(case, "withdrawn", clerk, reason=REASON)
    set_status_by_hand(case, "open", clerk)
    case = interview(case, clerk)
    first = release_case(case, clerk)
    revoke_certificate(first, clerk, f"{REASON}, Adresse falsch")
    second = reissue_certificate(release_case(case, clerk), clerk)
    confirm_registration(second, make_user("buero", roles.CITIZENS_OFFICE))
    clerk_client.get(reverse("intake_case:index"), {"q": "Țurcanu"})
    clerk_client.get(reverse("intake_case:detail", args=[case.pk]))
    clerk_client.get(reverse("intake_case:pdf", args=[case.pk, second.pk]))

    entries = list(AuditEntry.objects.all())
    assert {"case.status", "certificate.revoke", "case.list", "case.read", "case.registered"} <= {
        entry.action for entry in entries
    }
    for entry in entries:
        text = entry.object_repr + json.dumps(entry.details, ensure_ascii=False)
        for personal in ("Țurcanu", "Ștefan", "Frauenhaus"):
            assert personal not in text, (entry.action, text)


def test_the_data_protection_officer_sees_who_read_case_x_by_full_name(clerk_client, clerk, client, make_user):
    case = new_case(clerk)
    other = new_case(clerk, "Kowalski", "Jan")
    clerk_client.get(reverse("intake_case:index"))
    clerk_client.get(reverse("intake_case:detail", args=[case.pk]))
    clerk_client.get(reverse("intake_case:interview", args=[case.pk]))
    colleague = make_user("jr0815", roles.CLERK, first_name="Jonas", last_name="Richter")
    client.force_login(colleague)
    client.get(reverse("intake_case:detail", args=[other.pk]))

    make_user("dpo", roles.DATA_PROTECTION)
    client.login(username="dpo", password=PASSWORD)
    page = client.get(reverse("clearing_audit_log"), {"reference": case.reference}).content.decode()
    assert "Petra Schulze" in page and "Fallliste gelesen" in page and "Fall gelesen" in page
    assert "Antworten: Geburtsdatum, Vornamen" in page  # answer keys read as their catalogue labels
    assert "Jonas Richter" not in page.split('<table class="listing"', 1)[1]  # in the actor filter, not in the rows
    for personal in ("Petrov", "Ivan", "ps4711"):
        assert personal not in page


def stored_keys(case):
    case.refresh_from_db()
    return sorted(key for key, value in case.answer_set.data.items() if value)


def test_an_interview_save_refused_after_release_audits_what_the_page_shows(clerk_client, clerk):
    case = interview(new_case(clerk), clerk)
    release_case(case, clerk)
    before = last_pk()
    response = clerk_client.post(reverse("intake_case:interview", args=[case.pk]), {"q-surname": "X", "draft": "1"})
    assert response.status_code == 409
    (entry,) = entries_written("case.read", before)
    assert {"surname", "document_serial_number"} <= set(entry.details["answers"])


def test_a_stale_interview_page_audits_the_answers_it_shows(clerk_client, clerk):
    case = interview(new_case(clerk), clerk)
    before = last_pk()
    response = clerk_client.post(
        reverse("intake_case:interview", args=[case.pk]), {**COMPLETE_INTERVIEW, "version": "0", "draft": "1"}
    )
    assert response.status_code == 409
    (entry,) = entries_written("case.read", before)
    assert entry.details == {"answers": stored_keys(case)}


def test_a_draft_with_invalid_answers_audits_the_stored_values_it_shows(clerk_client, clerk):
    case = interview(new_case(clerk), clerk)
    data = {**COMPLETE_INTERVIEW, "q-document_serial_number": "abc-invalid", "draft": "1"}
    before = last_pk()
    response = clerk_client.post(
        reverse("intake_case:interview", args=[case.pk]), {**data, "version": case.answer_set.version}
    )
    assert response.status_code == 200
    (entry,) = entries_written("case.read", before)
    assert "document_serial_number" in entry.details["answers"] and entry.details == {"answers": stored_keys(case)}
