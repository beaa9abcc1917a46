"""Each default recipient's file holds exactly its scoped columns, in every format; formulas arrive as text."""

import csv
import io
import json

import jsonschema
import pytest
from openpyxl import load_workbook

from plugins.intake.models import Case
from plugins.referrals.handover import build_handover, handover_path
from plugins.referrals.scope import json_schema

pytestmark = pytest.mark.django_db

DEFAULTS = ["buergerbuero", "auslaenderbehoerde", "wohnraumkontrolle", "case-management"]
NEVER_TO_REGISTRATION_OFFICE = {
    "stay_category", "employer_name", "work_site", "employment_start_date", "hours_per_week",
    "family_relationship", "evidence_shown", "evidence_date", "health_insurance", "sufficient_means",
    "health_notes", "health_notes_consent", "health_needs", "counselling_topics", "referred_to",
    "eu_national_valid_id", "assessment_outcome",
}  # fmt: skip


def read_back(handover):
    path = handover_path(handover)
    if handover.file_format == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
        return rows[0], rows[1:]
    if handover.file_format == "xlsx":
        sheet = load_workbook(path, read_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return rows[0], rows[1:]
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, json_schema(handover.scope_version.scope, handover.recipient.slug))
    return list(document["rows"][0]), document["rows"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize("slug", DEFAULTS)
def test_each_default_recipient_gets_exactly_its_columns(slug, file_format, released_cases, recipient):
    released_cases(30)
    target = recipient(slug)
    target.file_format = file_format
    target.save()
    handover = build_handover(target)
    headers, rows = read_back(handover)
    assert headers == handover.scope_version.columns
    assert len(rows) == handover.rows > 0
    assert all(len(row) == len(headers) for row in rows)
    if slug == "buergerbuero":
        assert not NEVER_TO_REGISTRATION_OFFICE & set(headers)


def test_the_registration_office_scope_names_no_purpose_free_movement_or_health_field(recipient):
    assert not NEVER_TO_REGISTRATION_OFFICE & set(recipient("buergerbuero").catalogue_fields)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_formula_arrives_as_text(file_format, released_cases, recipient):
    released_cases(20)
    case = Case.objects.filter(status="released").select_related("answer_set").order_by("pk").first()
    case.answer_set.data = {**case.answer_set.data, "surname": '=HYPERLINK("http://x")', "first_names": "@SUM(1)"}
    case.answer_set.save()
    target = recipient("buergerbuero")
    target.file_format = file_format
    target.save()
    handover = build_handover(target)
    headers, rows = read_back(handover)
    first = dict(zip(headers, rows[0], strict=True))
    assert first["surname"] == '\'=HYPERLINK("http://x")'
    assert first["first_names"] == "'@SUM(1)"
    if file_format == "xlsx":
        cell = load_workbook(handover_path(handover)).active["D2"]
        assert cell.data_type == "s"


def test_health_goes_to_case_management_only_with_consent(released_cases, recipient):
    released_cases(20)
    first, second = Case.objects.filter(status="released").select_related("answer_set").order_by("pk")[:2]
    for case, consent in ((first, True), (second, False)):
        case.answer_set.data = {**case.answer_set.data, "health_notes_consent": consent, "health_notes": "Asthma"}
        case.answer_set.save()
    handover = build_handover(recipient("case-management"))
    headers, rows = read_back(handover)
    notes = {row[headers.index("case_reference")]: row[headers.index("health_notes")] for row in rows}
    assert (notes[first.reference], notes[second.reference]) == ("Asthma", "")
