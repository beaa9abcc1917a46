"""Two task clusters building one recipient's handover at once hand each case over exactly once (PostgreSQL)."""

import threading
from collections import Counter

import pytest
from django.db import connection

from plugins.referrals.handover import build_handover
from plugins.referrals.models import HandoverItem, Recipient

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_clusters_at_once_hand_each_case_over_exactly_once(released_cases, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    ids = released_cases(300)
    barrier = threading.Barrier(2)
    errors, results = [], []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            results.append(build_handover(Recipient.objects.get(slug="buergerbuero"), chunk_size=50))
        except Exception as error:  # collected and asserted below
            errors.append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    counts = Counter(HandoverItem.objects.filter(recipient__slug="buergerbuero").values_list("case_id", flat=True))
    assert sorted(counts) == sorted(ids)
    assert set(counts.values()) == {1}
    assert sorted(handover is None for handover in results) == [False, True]
