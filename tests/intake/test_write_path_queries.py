"""What the write path and the certificate cost: each reads and locks the case row once, with the same records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from core import roles
from core.hooks import CASE_STATUS_CHANGED
from core.models import AuditEntry
from plugins.intake.case_file import open_case
from plugins.intake.models import Case, CaseStatus
from plugins.intake.release import confirm_registration, release_case, revoke_certificate

from .test_cases import COMPLETE_INTERVIEW, interview

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def case_reads(queries):
    """The statements that read the case row; on PostgreSQL those that lock it end in ``FOR UPDATE``."""
    return [
        query["sql"] for query in queries if query["sql"].startswith("SELECT") and 'FROM "intake_case"' in query["sql"]
    ]


def locks(reads):
    return [sql for sql in reads if "FOR UPDATE" in sql]


@pytest.fixture
def new_case(clerk):
    return open_case(
        surname="Țurcanu",
        first_names="Ștefan",
        birth_date=datetime.date(1990, 4, 1),
        nationality="RO",
        language="ro",
        clerk=clerk,
    )


def test_completing_a_new_case_reads_and_locks_its_row_once_and_records_both_steps(
    new_case, clerk, django_capture_on_commit_callbacks
):
    heard = []
    with (
        hooks.register_temporarily(CASE_STATUS_CHANGED, heard.append),
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        case = interview(new_case, clerk)
    reads = case_reads(queries.captured_queries)
    assert len(reads) == 1, reads
    assert len(locks(reads)) == (1 if connection.vendor == "postgresql" else 0)
    statements = [query["sql"] for query in queries.captured_queries]
    assert sum(sql.startswith('UPDATE "intake_case"') for sql in statements) == 2  # the answers, then the status

    assert case.status == CaseStatus.COMPLETE == Case.objects.get(pk=case.pk).status
    steps = [(change.from_status, change.to_status, change.actor) for change in case.status_changes.all()]
    assert steps == [("open", "in_interview", clerk), ("in_interview", "complete", clerk)]
    entries = AuditEntry.objects.filter(action="case.status", object_id=str(case.pk)).order_by("pk")
    assert [(entry.details["from_status"], entry.details["to_status"]) for entry in entries] == [
        ("open", "in_interview"),
        ("in_interview", "complete"),
    ]
    assert [(event.old_status, event.new_status) for event in heard] == [
        ("open", "in_interview"),
        ("in_interview", "complete"),
    ]
    assert heard[-1].at == Case.objects.get(pk=case.pk).status_changed_at


def test_a_draft_of_a_complete_case_that_misses_an_answer_goes_back_in_one_step(new_case, clerk):
    case = interview(new_case, clerk)
    data = {**COMPLETE_INTERVIEW, "q-employer_name": ""}
    with CaptureQueriesContext(connection) as queries:
        interview(case, clerk, data=data, complete=False)
    assert len(case_reads(queries.captured_queries)) == 1
    assert Case.objects.get(pk=case.pk).status == CaseStatus.IN_INTERVIEW
    assert [(change.from_status, change.to_status) for change in case.status_changes.all()][-1] == (
        "complete",
        "in_interview",
    )


def test_the_complete_post_reads_the_case_once_and_locks_it_once(client, new_case, clerk):
    client.force_login(clerk)
    data = {**COMPLETE_INTERVIEW, "complete": "1", "version": "0"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("intake_case:interview", args=[new_case.pk]), data)
    assert response.status_code == 302
    reads = case_reads(queries.captured_queries)
    assert len(reads) == 2, reads  # the page's case, then the save's lock
    assert len(locks(reads)) == (1 if connection.vendor == "postgresql" else 0)
    assert Case.objects.get(pk=new_case.pk).status == CaseStatus.COMPLETE


def test_releasing_reads_and_locks_the_case_once(new_case, clerk):
    case = interview(new_case, clerk)
    with CaptureQueriesContext(connection) as queries:
        release_case(case, clerk)
    assert len(case_reads(queries.captured_queries)) == 1
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RELEASED
    assert [change.to_status for change in case.status_changes.all()][-1] == "released"


def case_row_reads(queries):
    """Statements that read the case row, alone or joined to its certificate."""
    return [q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"intake_case"."status"' in q["sql"]]


def test_confirming_the_registration_reads_and_locks_certificate_and_case_once(new_case, clerk, make_user):
    certificate = release_case(interview(new_case, clerk), clerk)
    with CaptureQueriesContext(connection) as queries:
        confirm_registration(certificate, make_user("buergerbuero", roles.CITIZENS_OFFICE))
    assert len(case_row_reads(queries.captured_queries)) == 1
    assert Case.objects.get(pk=new_case.pk).status == CaseStatus.REGISTERED


def test_revoking_reads_and_locks_certificate_and_case_once(new_case, clerk):
    certificate = release_case(interview(new_case, clerk), clerk)
    with CaptureQueriesContext(connection) as queries:
        revoke_certificate(certificate, clerk, "Irrtum")
    assert len(case_row_reads(queries.captured_queries)) == 1
    assert Case.objects.get(pk=new_case.pk).status == CaseStatus.COMPLETE


def revision_content_reads(queries):
    """Statements that load a revision's content (the whole questionnaire, 157 KB, decoded on read)."""
    return [query["sql"] for query in queries if '"wagtailcore_revision"."content"' in query["sql"]]


def test_case_screens_and_release_never_load_the_revision_content(client, new_case, clerk):
    case = interview(new_case, clerk)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        for name in ("detail", "interview", "print"):
            assert client.get(reverse(f"intake_case:{name}", args=[case.pk])).status_code == 200
        release_case(case, clerk)
    assert revision_content_reads(queries.captured_queries) == []
