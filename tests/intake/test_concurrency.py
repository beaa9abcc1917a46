"""Case references stay unique when many clerks open cases at the same moment (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection

from plugins.intake.case_file import open_case
from plugins.intake.models import Case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_parallel_cases_get_twenty_distinct_references():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    barrier = threading.Barrier(20)
    references, errors = [], []

    def create(index):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            case = open_case(surname=f"Parallel{index}", first_names="Test", birth_date=datetime.date(1990, 1, 1))
            references.append(case.reference)
        except Exception as error:  # collected and asserted below, so nothing is lost
            errors.append(repr(error))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(references) == 20 and len(set(references)) == 20
    numbers = sorted(Case.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 21))
