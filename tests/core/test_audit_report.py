"""The audit report (Berichte → Protokoll): German words, codes only beside them in the CSV, its own reads audited."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import audit, roles
from core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"


@pytest.fixture
def officer_client(client, make_user, bootstrapped):
    make_user("dpo", roles.DATA_PROTECTION, first_name="Dana", last_name="Schutz")
    client.login(username="dpo", password=PASSWORD)
    return client


@pytest.fixture
def clerk(make_user, bootstrapped):
    return make_user("+1+1", roles.CLERK, first_name="Petra", last_name="Schulze")


def log_mentions(text):
    """Whether any entry holds the text (read in Python: a JSON lookup would match whole values only)."""
    return any(text in json.dumps(entry.details) for entry in AuditEntry.objects.all())


def write_entries(clerk):
    audit.record("case.status", actor=clerk, from_status="in_interview", to_status="complete")
    audit.record("case.answers", actor=clerk, fields=["surname", "first_names"], complete=True)


def test_actions_and_details_read_as_german_words(officer_client, clerk):
    write_entries(clerk)
    page = officer_client.get(reverse("clearing_audit_log")).content.decode()
    rows = page.split('<table class="listing"', 1)[1]
    assert "Status geändert" in rows and "Status: im Gespräch → Gespräch abgeschlossen" in rows
    assert "Antworten gespeichert" in rows and "Felder: Familienname, Vornamen; vollständig: Ja" in rows
    assert "Petra Schulze" in rows
    for code in ("case.status", "case.answers", "in_interview", "{", "True", "+1+1"):
        assert code not in rows, code


def test_the_csv_shows_the_words_and_keeps_the_codes_beside_them(officer_client, clerk):
    write_entries(clerk)
    response = officer_client.get(reverse("clearing_audit_log"), {"export": "csv"})
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    status = next(row for row in table if row["Aktion (Code)"] == "case.status")
    assert status["Aktion"] == "Status geändert" and status["Handelnde Person"] == "Petra Schulze"
    assert status["Details"] == "Status: im Gespräch → Gespräch abgeschlossen"
    assert status["Details (Code)"] == '{"from_status": "in_interview", "to_status": "complete"}'


def test_reading_and_exporting_the_log_are_audited(officer_client, clerk):
    write_entries(clerk)
    status = AuditEntry.objects.get(action="case.status")
    officer_client.get(reverse("clearing_audit_log"), {"action": "case.status"})
    read = AuditEntry.objects.get(action="audit.read")
    assert read.actor_name == "dpo" and read.object_type == "core.auditentry"
    assert read.details == {"entries": [status.pk], "filters": {"action": "case.status"}}

    response = officer_client.get(reverse("clearing_audit_log"), {"export": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    export = AuditEntry.objects.get(action="audit.export")
    assert export.details == {"format": "csv", "filters": {}, "rows": 3, "up_to": read.pk}
    assert len(lines) == 1 + 3  # the heading and exactly what the entry says, not the export's own entry


def test_a_reference_that_names_nothing_is_not_kept(officer_client, clerk):
    write_entries(clerk)
    officer_client.get(reverse("clearing_audit_log"), {"reference": "Petrov"})
    assert not log_mentions("Petrov")


def test_the_report_costs_the_same_queries_for_2_and_50_entries(
    officer_client, make_user, django_assert_max_num_queries
):
    url = reverse("clearing_audit_log")
    staff = [make_user(f"u{i}", first_name=f"F{i}", last_name="L") for i in range(25)]
    for user in staff[:2]:
        audit.record("case.read", actor=user, fields=["surname"])
    officer_client.get(url)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(url)
    for user in staff:
        audit.record("case.read", actor=user, fields=["surname"])
    with django_assert_max_num_queries(len(few)):
        page = officer_client.get(url).content.decode()
    assert "F24 L" in page


@pytest.mark.parametrize(
    "query",
    [
        {"actor": "Petrov"},
        {"timestamp_after": "Petrov Ivan"},
        {"timestamp_from": "Petrov Ivan"},
        {"action": "Petrov"},
        {"reference": "Petrov"},
        {"object_id": "Petrov"},
    ],
)
def test_a_filter_as_typed_is_never_kept(officer_client, clerk, query):
    write_entries(clerk)
    officer_client.get(reverse("clearing_audit_log"), query)
    officer_client.get(reverse("clearing_audit_log"), {"export": "csv", **query})
    assert not log_mentions("Petrov")


def test_the_filters_kept_are_the_cleaned_values(officer_client, clerk):
    write_entries(clerk)
    query = {
        "actor": str(clerk.pk),
        "timestamp_from": "2026-01-01",
        "timestamp_to": "2099-12-31",
        "action": "case.status",
    }
    officer_client.get(reverse("clearing_audit_log"), query)
    read = AuditEntry.objects.get(action="audit.read")
    assert read.details["filters"] == {
        "actor": clerk.pk,
        "timestamp_after": "2026-01-01",
        "timestamp_before": "2099-12-31",
        "action": "case.status",
    }


def test_an_object_id_that_is_no_id_is_kept_as_given_only(officer_client, clerk):
    AuditEntry.objects.create(action="case.read", actor=clerk, object_id="abc", details={})
    officer_client.get(reverse("clearing_audit_log"), {"object_id": "abc"})
    assert AuditEntry.objects.get(action="audit.read").details["filters"] == {"not_recorded": ["object_id"]}
    page = officer_client.get(reverse("clearing_audit_log")).content.decode()
    assert "angegeben, Text nicht aufgezeichnet: Objekt-ID" in page


def test_the_reference_filter_ignores_case_and_spaces(officer_client, clerk):
    for reference in ("CS-2026-00001", "CS-2026-00002"):
        AuditEntry.objects.create(action="case.read", actor=clerk, object_repr=reference, details={"fields": []})
    audit.record("case.list", actor=clerk, cases=["CS-2026-00001"])
    officer_client.get(reverse("clearing_audit_log"), {"reference": " cs-2026-00001"})
    read = AuditEntry.objects.get(action="audit.read")
    assert len(read.details["entries"]) == 2
    assert read.details["filters"] == {"reference": "CS-2026-00001"}


def test_the_print_view_and_the_login_keys_read_as_german_words(officer_client, clerk):
    audit.record("case.read", actor=clerk, answers=[], view="print")
    audit.record("login.unlock", actor=clerk, username="clerk", ip_address="10.0.0.1")
    rows = officer_client.get(reverse("clearing_audit_log")).content.decode().split('<table class="listing"', 1)[1]
    assert "Ansicht: Druckansicht" in rows
    assert "Anmeldung entsperrt" in rows and "Anmeldename: clerk; Adresse: 10.0.0.1" in rows
    for code in ("login.unlock", "view:", "username", "ip_address"):
        assert code not in rows, code
