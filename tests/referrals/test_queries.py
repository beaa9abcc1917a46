"""A handover's queries grow with its chunks, never with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.referrals.handover import build_handover

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_queries_of_a_ten_thousand_case_handover_grow_with_chunks_not_rows(
    many_released_cases, recipient, django_assert_max_num_queries
):
    ids = many_released_cases(10_000)
    office = recipient("buergerbuero")
    chunks = -(-len(ids) // 2000)
    # Per chunk: claim (cases, certificates, items taken, inserts in SQLite-sized batches) and render
    # (cases, certificates, progress); a query per row would be thousands.
    with django_assert_max_num_queries(30 + 20 * chunks):
        handover = build_handover(office, chunk_size=2000)
    assert handover.rows == len(ids)


def test_twice_the_chunks_cost_more_queries_than_twice_the_rows(released_cases, recipient):
    released_cases(400)
    office, manager = recipient("buergerbuero"), recipient("case-management")
    with CaptureQueriesContext(connection) as few_chunks:
        build_handover(office, chunk_size=400)
    with CaptureQueriesContext(connection) as many_chunks:
        build_handover(manager, chunk_size=100)
    assert len(many_chunks) > len(few_chunks)
