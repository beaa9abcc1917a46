"""Lengths agree from the catalogue to every column that copies an answer: a long name never breaks a release."""

import datetime
import json
from pathlib import Path

import pytest
from django.db import models
from django.utils import translation

from plugins.intake.case_file import CORE_ANSWERS, open_case
from plugins.intake.models import Case, CaseStatus, ReleaseCertificate
from plugins.intake.release import release_case
from questionnaires.field_types import registry
from questionnaires.form_fields import LANGUAGE_CODES
from questionnaires.validation import check_sections

from .test_cases import COMPLETE_INTERVIEW, interview

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = {
    field["key"]: field for field in json.loads((ROOT / "form_definitions/catalogue.json").read_text())["fields"]
}
# What each catalogue type can hand a column, beyond a type's own ``longest``.
LONGEST_BY_TYPE = {"language": max(map(len, LANGUAGE_CODES))}


def longest_answer(key):
    kind = CATALOGUE[key]["type"]
    return registry.get(kind).longest or LONGEST_BY_TYPE.get(kind)


@pytest.mark.parametrize("key, column", sorted(CORE_ANSWERS.items()))
def test_every_core_answer_fits_the_case_column_it_is_copied_to(key, column):
    field = Case._meta.get_field(column)
    if isinstance(field, models.CharField):
        assert longest_answer(key) is not None, f"{key}: its type sets no longest answer for {column}"
        assert field.max_length >= longest_answer(key), (key, column)
    else:
        assert isinstance(field, models.DateField) and CATALOGUE[key]["type"] == "date"


def test_the_certificate_holds_what_it_copies_from_the_case():
    """The holder's name is ``Case.full_name``: first names, a space, the surname."""
    case, certificate = Case._meta, ReleaseCertificate._meta
    names = case.get_field("first_names").max_length + 1 + case.get_field("surname").max_length
    assert certificate.get_field("holder_name").max_length >= names
    assert certificate.get_field("language").max_length >= case.get_field("language").max_length
    assert type(certificate.get_field("holder_birth_date")) is type(case.get_field("birth_date"))


def test_the_text_type_never_takes_more_than_its_longest_answer():
    field = registry.get("text").form_field({"max_length": 10_000}, builder=None)
    assert field.max_length == registry.get("text").longest == 255


@pytest.mark.parametrize("kind, longest", [("text", 255), ("phone", 30), ("email", 254)])
def test_publishing_refuses_a_maximum_length_the_type_cannot_take(kind, longest):
    data = [{"key": "only", "title": {"de": "A", "en": "A"}, "items": [{"field": "name", "max_length": longest + 1}]}]
    with translation.override("de"):
        found = check_sections(data, {"name": {"type": kind, "options": []}})
    assert (
        ("sections", 0, "items", 0, "max_length"),
        f"Ein Feld dieses Typs nimmt höchstens {longest} Zeichen auf.",
    ) in [(tuple(path), message) for path, message in found]


@pytest.mark.django_db
def test_the_longest_names_the_interview_takes_are_released(clerk):
    """Surname 100 and first names 200 characters (the shipped maxima): the certificate's name is 301 long."""
    surname, first_names = "Ș" * 100, "Ă" * 200
    case = open_case(surname=surname, first_names=first_names, birth_date=datetime.date(1990, 4, 1), clerk=clerk)
    interview(case, clerk, {**COMPLETE_INTERVIEW, "q-surname": surname, "q-first_names": first_names})
    certificate = release_case(Case.objects.get(pk=case.pk), clerk)
    certificate.refresh_from_db()
    assert certificate.holder_name == f"{first_names} {surname}"
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RELEASED
