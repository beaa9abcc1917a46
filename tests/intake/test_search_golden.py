"""The case list finds the same cases for the same searches as before its search was given indexes.

``search_golden.json`` holds fixed cases (invented by ``demo.people`` once, plus a few names with
the accents the office meets), their certificates, and per search the references the list showed,
recorded with the search as it was before issue 10 (``GOLDEN_RECORD=1`` writes them anew from the
current code: only ever do that on purpose). Every page of the list is read, as the clerk pages through.
"""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.urls import reverse_lazy

from plugins.intake.models import Case, ReleaseCertificate

from .test_case_views import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
GOLDEN = Path(__file__).with_name("search_golden.json")
RESULTS = reverse_lazy("intake_case:index_results")
DATA = json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture
def golden_cases(clerk):
    cases = Case.objects.bulk_create(
        Case(
            reference=reference,
            year=int(reference[3:7]),
            number=int(reference[8:]),
            surname=surname,
            first_names=first_names,
            birth_date=datetime.date.fromisoformat(birth_date),
            nationality=nationality,
            assigned_clerk=clerk,
        )
        for reference, surname, first_names, birth_date, nationality in DATA["cases"]
    )
    by_reference = {case.reference: case for case in cases}
    ReleaseCertificate.objects.bulk_create(
        ReleaseCertificate(
            case=by_reference[reference],
            number=number,
            verification_code=code,
            holder_name=by_reference[reference].full_name,
            holder_birth_date=by_reference[reference].birth_date,
        )
        for reference, number, code in DATA["certificates"]
    )


def listed(client, query):
    """The references on every page of the list for ``query``."""
    references, page = [], 1
    while True:
        response = client.get(RESULTS, {"q": query, "p": page})
        assert response.status_code == 200
        references += [case.reference for case in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return references
        page += 1


def test_the_list_finds_what_it_found_before(client, clerk, golden_cases):
    client.login(username="clerk", password=PASSWORD)
    found = {query: sorted(listed(client, query)) for query in DATA["searches"]}
    if os.environ.get("GOLDEN_RECORD"):
        GOLDEN.write_text(json.dumps({**DATA, "searches": found}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    differing = {query: refs for query, refs in found.items() if refs != DATA["searches"][query]}
    assert not differing


def test_the_golden_searches_cover_what_the_clerk_types():
    """Each kind of search the list answers is in the golden file, most of them finding something."""
    found = [query for query, refs in DATA["searches"].items() if refs]
    assert len(DATA["searches"]) >= 40 and len(found) >= 30
