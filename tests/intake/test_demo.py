"""Demo cases: realistic, valid against the published questionnaire, consistent, and written in bulk."""

import datetime
import io
import math
import re
from collections import Counter
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_countries import countries

from core import roles
from core.models import AuditEntry
from demo.wagtail_hooks import BOOTSTRAP_ARRIVALS as BOOTSTRAP_CASES
from plugins.intake.case_file import TRANSITIONS, open_case
from plugins.intake.demo import seed_demo_cases
from plugins.intake.models import Case, CaseStatus, CertificateStatus, ReleaseCertificate
from plugins.intake.release import CODE_ALPHABET, CODE_LENGTH
from questionnaires.answers import answered_keys
from questionnaires.api import missing_required, published
from questionnaires.entries import ENTRY_ID
from questionnaires.form_fields import LANGUAGE_CODES, AddressField
from questionnaires.forms import QuestionnaireForm, post_data
from questionnaires.models import Questionnaire

pytestmark = pytest.mark.django_db

S = CaseStatus
INTERVIEWED = {S.COMPLETE, S.RELEASED, S.REGISTERED}
COUNTRY_CODES = {code for code, _name in countries}


@pytest.fixture
def definition(bootstrapped):
    return published("erstgespraech")[2]


@pytest.fixture
def seeded(definition):
    report = seed_demo_cases(60, seed=20221004)
    cases = list(
        Case.objects.filter(source_kind="demo")
        .select_related("answer_set__revision")
        .prefetch_related("status_changes", "certificates")
    )
    assert len(cases) == report.cases == 60
    return cases


def items_of(definition):
    return {item["key"]: item for section in definition["sections"] for item in section["items"]}


# -- what a stored answer must look like, per catalogue type ------------------------------
def typed(item, value):
    kind = item["type"]
    options = {option["value"] for option in item.get("options", [])}
    if kind in ("text", "long_text", "email", "phone"):
        return isinstance(value, str) and value.strip() == value != ""
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "date":
        return isinstance(value, str) and datetime.date.fromisoformat(value).isoformat() == value
    if kind == "yes_no":
        return isinstance(value, bool)
    if kind == "choice":
        return value in options
    if kind == "multi_choice":
        return isinstance(value, list) and value and set(value) <= options
    if kind == "country":
        return value in COUNTRY_CODES
    if kind == "nationality":
        return isinstance(value, list) and value and set(value) <= COUNTRY_CODES
    if kind == "language":
        return value in LANGUAGE_CODES
    if kind == "address":
        return isinstance(value, dict) and set(value) == set(AddressField.PARTS) and value["postcode"] and value["town"]
    if kind == "group":
        subitems = {sub["key"]: sub for sub in item["fields"]}
        return (
            isinstance(value, list)
            and value
            and all(isinstance(entry, dict) and set(entry) - {ENTRY_ID} <= set(subitems) for entry in value)
            and all(
                typed(subitems[key], sub_value)
                for entry in value
                for key, sub_value in entry.items()
                if key != ENTRY_ID
            )
        )
    raise AssertionError(f"unknown type {kind}")


# -- the tests ----------------------------------------------------------------------------
def test_the_bootstrap_publishes_the_first_interview(definition):
    assert {"surname", "nationalities", "buergerbuero_appointment_date"} <= set(items_of(definition))


def test_cases_look_like_a_year_of_arrivals(seeded):
    assert len({case.reference for case in seeded}) == 60
    assert all(re.fullmatch(r"CS-\d{4}-\d{5}", case.reference) for case in seeded)
    assert all(case.reference == f"CS-{case.year}-{case.number:05d}" for case in seeded)
    assert all(case.year == timezone.localtime(case.created_at).year for case in seeded)

    statuses = Counter(case.status for case in seeded)
    assert len(statuses) >= 4, statuses
    assert statuses[S.REGISTERED] > 60 / 2

    nationalities = Counter(case.nationality for case in seeded)
    assert nationalities.most_common(1)[0][0] == "RO", nationalities
    assert 0.35 < nationalities["RO"] / 60 < 0.75 and nationalities["BG"] > nationalities["PL"]
    assert set(nationalities) <= {"RO", "BG", "PL", "HU", "HR"}

    created = sorted(case.created_at for case in seeded)
    now = timezone.now()
    assert created[-1] <= now and created[0] >= now - datetime.timedelta(days=380)
    assert created[-1] - created[0] > datetime.timedelta(days=250), "created_at must be spread, not 'now'"
    assert len({(c.year, c.month) for c in created}) >= 8


def test_interviewed_cases_answer_every_required_question(seeded, definition):
    interviewed = [case for case in seeded if case.status in INTERVIEWED]
    assert len(interviewed) > 40
    for case in interviewed:
        missing = missing_required(case.answer_set)
        assert missing == [], (case.reference, missing)


def test_every_answer_has_its_type_and_hidden_questions_have_none(seeded, definition):
    items = items_of(definition)
    answer_sets = [case.answer_set for case in seeded if case.answer_set_id]
    assert answer_sets
    for answer_set in answer_sets:
        assert answer_set.revision_id == Questionnaire.objects.get(slug="erstgespraech").live_revision_id
        for key, value in answer_set.data.items():
            assert typed(items[key], value), (key, value)
        form = QuestionnaireForm(answer_set.definition(), answers=answer_set.data)
        assert set(answer_set.data) <= form.visible, set(answer_set.data) - form.visible
        for key, formset in form.formsets.items():
            for entry in answer_set.data.get(key, []):
                assert not set(entry) & formset.hidden_keys


def test_answers_come_back_unchanged_when_posted_through_the_form(seeded, definition):
    """As on the interview day (the date rules are relative to it), drafts as drafts."""
    checked = 0
    for case in seeded:
        if not case.answer_set_id:
            continue
        answers = case.answer_set.data
        interview_day = timezone.localdate(case.answer_set.created_at)
        with mock.patch("django.utils.timezone.localdate", return_value=interview_day):
            form = QuestionnaireForm(
                case.answer_set.definition(),
                data=post_data(definition, answers),
                draft=case.status not in INTERVIEWED,
            )
            valid = form.is_valid()
        groups = {key: [f.errors for f in formset] for key, formset in form.formsets.items() if key in form.visible}
        assert valid, (case.reference, form.errors, groups)
        assert form.answers() == answers, case.reference
        checked += 1
    assert checked > 40


def test_core_columns_agree_with_the_answers(seeded):
    """Every case with answers holds the core answers, equal to its columns (a missing answer is a failure)."""
    answered = [case for case in seeded if case.answer_set_id]
    assert answered
    for case in answered:
        answers = case.answer_set.data
        core = {
            "surname": case.surname,
            "first_names": case.first_names,
            "date_of_birth": case.birth_date.isoformat(),
            "nationalities": case.nationality,
            "interview_language": case.language,
        }
        shown = {key: answers.get(key) for key in core}
        shown["nationalities"] = (answers.get("nationalities") or [None])[0]
        assert shown == core, case.reference
        assert set(case.answer_set.answered) == answered_keys(answers)


def test_status_histories_follow_the_transitions(seeded):
    now = timezone.now()
    for case in seeded:
        changes = list(case.status_changes.all())
        status, previous = S.OPEN, case.created_at
        for change in changes:
            assert change.from_status == status, case.reference
            assert change.to_status in TRANSITIONS[S(status)], (case.reference, status, change.to_status)
            assert previous <= change.changed_at <= now, case.reference
            if change.to_status in (S.WITHDRAWN, S.DID_NOT_APPEAR):
                assert change.reason
            status, previous = change.to_status, change.changed_at
        assert status == case.status, case.reference
        assert case.status_changed_at == previous
        assert case.created_at <= case.updated_at <= now
        if case.status in (S.OPEN, S.DID_NOT_APPEAR):
            assert case.answer_set_id is None


def test_released_cases_have_exactly_one_valid_certificate(seeded):
    certificates = [certificate for case in seeded for certificate in case.certificates.all()]
    assert len({c.number for c in certificates}) == len(certificates)
    assert len({c.verification_code for c in certificates}) == len(certificates)
    for certificate in certificates:
        year = timezone.localtime(certificate.issued_at).year
        assert re.fullmatch(rf"FS-{year}-\d{{5}}", certificate.number)
        assert len(certificate.verification_code) == CODE_LENGTH
        assert set(certificate.verification_code) <= set(CODE_ALPHABET)
        if certificate.status == CertificateStatus.REVOKED:
            assert certificate.revoked_at and certificate.revoke_reason
        if certificate.status == CertificateStatus.SUPERSEDED:
            assert certificate.superseded_by.status == CertificateStatus.VALID
            assert certificate.superseded_by.case_id == certificate.case_id
    for case in seeded:
        valid = [c for c in case.certificates.all() if c.status == CertificateStatus.VALID]
        if case.status in (S.RELEASED, S.REGISTERED):
            assert len(valid) == 1, case.reference
            answered = case.answer_set.data["buergerbuero_appointment_date"]
            assert timezone.localdate(valid[0].follow_up_appointment).isoformat() == answered
            assert valid[0].issued_at >= case.answer_set.updated_at
        else:
            assert valid == [], case.reference


def test_open_case_continues_after_the_demo_numbers(seeded):
    year = timezone.localdate().year
    numbers = [case.number for case in seeded if case.year == year]
    case = open_case(surname="Popescu", first_names="Ana", birth_date=datetime.date(1990, 1, 2), nationality="RO")
    assert case.number == max(numbers, default=0) + 1
    assert case.reference not in {c.reference for c in seeded}


def test_seeding_again_adds_cases_with_new_numbers(seeded):
    report = seed_demo_cases(60, seed=20221004)
    references = list(Case.objects.values_list("reference", flat=True))
    assert report.cases == 60 and len(references) == len(set(references)) >= 120
    numbers = list(ReleaseCertificate.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_one_audit_entry_for_the_whole_run(definition):
    before = AuditEntry.objects.count()
    seed_demo_cases(25, seed=1)
    entries = list(AuditEntry.objects.order_by("-pk")[: AuditEntry.objects.count() - before])
    assert [entry.action for entry in entries] == ["demo.seed"]
    assert entries[0].details["cases"] == 25


def statements(queries):
    """Captured statements counted by (verb, table); an ``executemany`` counts once."""
    kinds = Counter()
    for query in queries:
        sql = re.sub(r"^\d+ times: ", "", query["sql"])
        table = re.search(r'(?:FROM|UPDATE|INTO)\s+"?(\w+)"?', sql)
        kinds[(sql.split()[0], table.group(1) if table else "")] += 1
    return kinds


def test_seeding_costs_statements_per_batch_not_per_case(definition):
    counts = {}
    for n in (60, 120):
        with CaptureQueriesContext(connection) as captured:
            report = seed_demo_cases(n, seed=7)
        counts[n] = (statements(captured.captured_queries), report)
    small, large = counts[60][0], counts[120][0]
    others = {kind: count for kind, count in large.items() if kind[0] != "INSERT"}
    assert others == {kind: count for kind, count in small.items() if kind[0] != "INSERT"}
    # Inserts grow only by the chunks Django splits a bulk insert into (SQLite: 999 parameters a statement).
    report = counts[120][1]
    rows = {
        "intake_case": report.cases,
        "intake_answerset": report.answer_sets,
        "intake_casestatuschange": report.status_changes,
        "intake_releasecertificate": report.certificates,
    }
    for table, count in rows.items():
        assert large[("INSERT", table)] <= math.ceil(count / 40), (table, large[("INSERT", table)], count)
    assert sum(large.values()) - sum(small.values()) < 30, (sum(small.values()), sum(large.values()))


def test_the_command_reports_what_it_did(definition):
    out = io.StringIO()
    call_command("seed_demo", "--cases", "12", "--seed", "3", stdout=out)
    assert re.search(r"Seeded 12 cases in \d+\.\d s", out.getvalue())
    assert Case.objects.filter(source_kind="demo").count() == 12


def test_the_command_asks_for_the_bootstrap_first(definition):
    Questionnaire.objects.filter(slug="erstgespraech").update(live=False)
    with pytest.raises(CommandError, match="bootstrap"):
        call_command("seed_demo", "--cases", "5", stdout=io.StringIO())
    assert not Case.objects.filter(source_kind="demo").exists()


def test_bootstrap_demo_seeds_cases_the_first_time_only(definition, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("bootstrap", "--demo", stdout=io.StringIO())
    seeded = Case.objects.filter(source_kind="demo").count()
    assert seeded == BOOTSTRAP_CASES
    out = io.StringIO()
    call_command("bootstrap", "--demo", stdout=out)
    assert f"Demo cases exist: {seeded} (none added)." in out.getvalue()
    assert Case.objects.filter(source_kind="demo").count() == seeded


@pytest.mark.parametrize("command", [["bootstrap", "--demo"], ["seed_demo", "--cases", "5"]])
def test_demo_data_is_refused_where_switched_off(definition, settings, command):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command(*command, stdout=io.StringIO())
    assert not Case.objects.filter(source_kind="demo").exists()


def test_interviewed_demo_cases_belong_to_the_demo_clerks(definition, make_user):
    petra = make_user("petra", roles.CLERK, first_name="Petra", last_name="Schulze")
    make_user("office", roles.CITIZENS_OFFICE)
    seed_demo_cases(40, seed=7)
    cases = Case.objects.filter(source_kind="demo").select_related("answer_set")
    for case in cases:
        answered = case.answer_set_id is not None
        assert case.assigned_clerk_id == (petra.pk if answered else None), case.status
        if answered:
            assert case.answer_set.data.get("staff_member") in (None, "Petra Schulze")
    assert any(case.assigned_clerk_id for case in cases)


def test_no_demo_case_waits_for_an_appointment_to_come(definition):
    """The bookings to come are scheduling's demo bookings; intake's demo has none of its own."""
    seed_demo_cases(60, seed=11)
    assert not Case.objects.filter(source_kind="demo", created_at__gt=timezone.now()).exists()
    assert Case.objects.filter(source_kind="demo", status=S.OPEN).count() <= 2
