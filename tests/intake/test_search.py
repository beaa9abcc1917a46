"""The case list's search: accents and case ignored, certificates findable, a few words at most."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse_lazy

from core.text import fold
from plugins.intake.case_file import open_case
from plugins.intake.demo import seed_demo_cases
from plugins.intake.models import Case
from plugins.intake.release import display_code

from .test_case_views import PASSWORD, released
from .test_cases import interview

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
INDEX = reverse_lazy("intake_case:index")
CUT = "Für die Suche wurden nur die ersten 10 Wörter (höchstens 500 Zeichen) verwendet."


@pytest.fixture
def clerk_client(client, clerk):
    client.login(username="clerk", password=PASSWORD)
    return client


@pytest.fixture
def people(clerk):
    names = [("Petruț", "Ana-Maria"), ("Łódź", "Zofia"), ("Straße", "Jörg"), ("Đurđević", "Nikola"), ("Søren", "Ærø")]
    return {
        surname: open_case(surname=surname, first_names=first, birth_date=datetime.date(1990, 1, 2), clerk=clerk)
        for surname, first in names
    }


def shown(page):
    """The surnames in the list's cells (not in the search box, which echoes the query)."""
    page = " ".join(page.split())
    return {surname for surname in Case.objects.values_list("surname", flat=True) if f"<td > {surname} </td>" in page}


def found(client, query, url=INDEX):
    return shown(client.get(url, {"q": query}).content.decode())


@pytest.mark.parametrize(
    "query, surname",
    [
        ("petrut", "Petruț"),
        ("PETRUȚ", "Petruț"),
        ("ana-maria", "Petruț"),
        ("lodz", "Łódź"),
        ("zofia", "Łódź"),
        ("strasse", "Straße"),
        ("jorg", "Straße"),
        ("durdevic", "Đurđević"),
        ("soren", "Søren"),
        ("aero", "Søren"),
    ],
)
def test_search_ignores_accents_and_case(clerk_client, people, query, surname):
    assert found(clerk_client, query) == {surname}


def test_the_folded_names_follow_the_interview(clerk_client, clerk, people):
    case = people["Petruț"]
    interview(case, clerk, complete=False, data={"q-surname": "Țurcanu", "q-first_names": "Ștefan"})
    assert found(clerk_client, "turcanu") == {"Țurcanu"} and found(clerk_client, "petrut") == set()
    assert Case.objects.get(pk=case.pk).search_text == "stefan turcanu"


def test_demo_cases_written_in_bulk_have_their_folded_names():
    seed_demo_cases(12, seed=5)
    cases = list(Case.objects.all())
    assert cases and all(case.search_text == fold(f"{case.first_names} {case.surname}") for case in cases)


def test_the_migration_folds_the_names_of_existing_cases(people):
    Case.objects.update(search_text="")  # as the new column is for cases written before it
    migration = importlib.import_module("plugins.intake.migrations.0002_case_names_as_long_as_answers_and_search_text")
    migration.fill_search_text(apps, connection.schema_editor())
    assert Case.objects.get(surname="Łódź").search_text == "zofia lodz"
    assert not Case.objects.filter(search_text="").exists()


def test_certificate_number_and_verification_code_as_printed_find_the_case(clerk_client, clerk, people):
    case = people["Søren"]
    certificate = released(case, clerk_client, clerk)
    code = display_code(certificate.verification_code)
    for query in (certificate.number, certificate.number.lower(), code, code.lower(), code.replace("-", " ")):
        assert found(clerk_client, query) == {Case.objects.get(pk=case.pk).surname}, query


def test_searching_costs_the_same_queries_for_3_cases_as_for_40(clerk_client, clerk, django_assert_max_num_queries):
    for i in range(3):
        open_case(surname=f"Popescu{i}", first_names="Ana", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    query = "popescu ana FS-2026-00001 ABCD-EFGH-JKLM-NPQR 01.01.1990"
    clerk_client.get(INDEX, {"q": query})
    with CaptureQueriesContext(connection) as few:
        clerk_client.get(INDEX, {"q": query})
    for i in range(37):
        open_case(surname=f"Popescu{i + 3}", first_names="Ana", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    with django_assert_max_num_queries(len(few)):
        page = clerk_client.get(INDEX, {"q": query}).content.decode()
    assert "Popescu39" in shown(page)


@pytest.mark.parametrize("url", [INDEX, reverse_lazy("intake_case:index_results")])
def test_a_search_of_600_words_uses_the_first_ten_and_says_so(clerk_client, people, url):
    words = ["petrut"] + [f"wort{i}" for i in range(598)] + ["lodz"]
    response = clerk_client.get(url, {"q": " ".join(words)})
    page = response.content.decode()
    assert response.status_code == 200 and CUT in page
    assert found(clerk_client, " ".join(words), url) == {"Petruț"}


def test_a_short_search_says_nothing_about_a_cut(clerk_client, people):
    assert CUT not in clerk_client.get(INDEX, {"q": "petrut lodz"}).content.decode()


@pytest.mark.parametrize("query", ["petrut\x00", "a" * 10_000, "petrut\u202e", "\u200b", "%_%"])
def test_hostile_searches_are_answered(clerk_client, people, query):
    response = clerk_client.get(INDEX, {"q": query})
    assert response.status_code == 200
    assert found(clerk_client, query) <= {"Petruț"}
