"""The case list at scale: each search through its own index, counts capped, choices without the cases."""

import datetime

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse_lazy
from django_countries import Countries

from core import roles
from plugins.intake import case_list, search_index
from plugins.intake.case_file import open_case
from plugins.intake.case_list import search_condition
from plugins.intake.models import Case

from .test_case_views import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
INDEX = reverse_lazy("intake_case:index")
RESULTS = reverse_lazy("intake_case:index_results")
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's FTS5 table")
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's plans")


@pytest.fixture
def clerk_client(client, clerk):
    client.login(username="clerk", password=PASSWORD)
    return client


def many_cases(count, clerk=None, **fields):
    return Case.objects.bulk_create(
        Case(
            reference=f"CS-2025-{i + 1:05d}",
            year=2025,
            number=i + 1,
            surname=fields.get("surname", f"Popescu{i}"),
            first_names="Ana",
            birth_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=i % 300),
            nationality=fields.get("nationality", "RO"),
            status=fields.get("status", "open"),
            assigned_clerk=clerk,
        )
        for i in range(count)
    )


def list_sql(query):
    """The SQL of the list's page query for the search ``query``."""
    words = query.split()
    return str(Case.objects.filter(search_condition(words)).order_by("-created_at")[:50].query)


def test_the_clerk_choices_are_the_staff_with_cases_asked_without_joining_every_case(clerk_client, clerk, make_user):
    make_user("idle", roles.CLERK)
    other = make_user("other", roles.CLERK)
    open_case(surname="Petrov", first_names="Ivan", birth_date=datetime.date(1988, 2, 29), clerk=other)
    with CaptureQueriesContext(connection) as queries:
        page = clerk_client.get(INDEX).content.decode()
    (choices,) = [q["sql"] for q in queries if 'FROM "auth_user"' in q["sql"] and "intake_case" in q["sql"]]
    assert "EXISTS" in choices and "DISTINCT" not in choices and "JOIN" not in choices
    assert list(case_list.clerks_with_cases(None)) == [other]
    assert "other" in page or "Other" in page or f'value="{other.pk}"' in page


def test_a_date_of_birth_is_not_matched_against_the_names():
    for query in ("02.03.1991", "1991-03-02", "02.03.91"):
        sql = list_sql(query)
        assert "LIKE" not in sql and "MATCH" not in sql and "birth_date" in sql, query


def test_a_whole_reference_also_finds_the_longer_references_it_is_part_of(clerk_client, clerk):
    """From the 100 000th case of a year, a whole reference is the start of ten longer ones."""
    cases = many_cases(3, clerk)
    for case, number in zip(cases, (10000, 100000, 100001), strict=True):
        Case.objects.filter(pk=case.pk).update(reference=f"CS-2025-{number}", number=number)
    found = clerk_client.get(RESULTS, {"q": "cs-2025-10000"}).context["object_list"]
    assert sorted(case.reference for case in found) == ["CS-2025-10000", "CS-2025-100000", "CS-2025-100001"]


def test_a_page_number_beyond_any_list_shows_the_last_page(clerk_client, clerk):
    many_cases(3, clerk)
    for page in ("1000000000000000000000", "99999999999"):
        response = clerk_client.get(RESULTS, {"q": "popescu", "p": page})
        assert response.status_code == 200 and len(response.context["object_list"]) == 3


def test_a_certificate_number_is_looked_up_before_the_list_not_or_ed_into_it(clerk_client, clerk):
    with CaptureQueriesContext(connection) as queries:
        clerk_client.get(INDEX, {"q": "FS-2025-00001"})
    certificate_queries = [q["sql"] for q in queries if "intake_releasecertificate" in q["sql"]]
    assert len(certificate_queries) == 1 and "intake_case" not in certificate_queries[0].split("FROM", 1)[1]


@sqlite_only
def test_sqlite_names_of_three_letters_or_more_are_looked_up_in_the_trigram_table():
    sql = list_sql("ionita ab")
    assert f"{search_index.TABLE} MATCH" in sql  # ionita
    assert sql.count("LIKE") == 2  # ab: shorter than a trigram, matched on reference and names


@sqlite_only
def test_sqlite_trigram_table_follows_every_write(clerk):
    def table():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, reference, search_text FROM {search_index.TABLE} ORDER BY rowid")
            return cursor.fetchall()

    def cases():
        return list(Case.objects.order_by("pk").values_list("pk", "reference", "search_text"))

    case = open_case(surname="Petruț", first_names="Ana", birth_date=datetime.date(1990, 1, 2), clerk=clerk)
    many_cases(3)
    assert table() == cases() and len(cases()) == 4
    case.surname = "Țurcanu"
    case.save(update_fields=["surname"])
    Case.objects.filter(surname="Popescu1").update(search_text="x y")
    Case.objects.filter(surname="Popescu2").delete()
    assert table() == cases() and ("turcanu" in table()[0][2])


@sqlite_only
def test_sqlite_status_filter_reads_its_page_in_list_order():
    queryset = Case.objects.filter(status="open").order_by("-created_at")[:50]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "intake_case_status_created" in plan and "TEMP B-TREE" not in plan, plan


@postgres_only
@pytest.mark.parametrize(
    "query, index",
    [
        ("14.05.1990", "intake_case_birth_date"),
        ("ionita", "intake_case_search_trgm"),
        ("2025-0004", "intake_case_reference_trgm"),
        ("CS-2025-00042", "intake_case_reference_trgm"),
    ],
)
def test_postgres_each_search_can_use_its_index(query, index):
    """Sequential and plain index scans priced out (a test table is tiny and would be read whole), the
    plan of the matches shows whether an index can find them: an OR with anything else would need a full scan."""
    sql, params = Case.objects.filter(search_condition(query.split())).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan and "Seq Scan" not in plan, plan


def test_above_the_cap_the_list_says_more_than_and_pages_on(clerk_client, clerk, monkeypatch):
    monkeypatch.setattr(case_list, "COUNT_CAP", 10)
    many_cases(60, clerk)
    with CaptureQueriesContext(connection) as queries:
        first = clerk_client.get(RESULTS, {"q": "popescu"}).content.decode()
    assert "Es gibt mehr als 50 Ergebnisse" in first and "Seite 1 von mehr als 1" in first
    assert "Mehr als 50 Fälle" in first and "p=2" in first
    (count,) = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert "LIMIT 51" in count
    second = clerk_client.get(RESULTS, {"q": "popescu", "p": 2})
    assert len(second.context["object_list"]) == 10 and "Seite 2 von 2" in second.content.decode()
    assert "Es gibt 60 Ergebnisse" in clerk_client.get(RESULTS, {"q": "popescu", "p": 2}).content.decode()


def test_below_the_cap_the_count_is_exact(clerk_client, clerk):
    many_cases(3, clerk)
    page = clerk_client.get(RESULTS, {"q": "popescu"}).content.decode()
    assert "Es gibt 3 Ergebnisse" in page and "Seite 1 von 1" in page and "mehr als" not in page


def test_the_countries_are_listed_once_a_page_not_once_a_row(clerk_client, clerk, monkeypatch):
    many_cases(50, clerk)
    calls = []
    iterate = Countries.__iter__

    def counted(self):
        calls.append(1)
        return iterate(self)

    monkeypatch.setattr(Countries, "__iter__", counted)
    page = clerk_client.get(INDEX).content.decode()
    assert "Rumänien" in page and len(calls) <= 2  # the nationality filter's choices


def test_the_nationality_column_shows_the_name_and_offers_no_sort_by_code(clerk_client, clerk):
    many_cases(2, clerk, nationality="HU")
    page = clerk_client.get(INDEX).content.decode()
    assert "Ungarn" in page and "ordering=nationality" not in page and "ordering=-nationality" not in page


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_search_triggers_come_back_when_a_migration_remakes_the_case_table(bootstrapped):
    """SQLite changes a column by copying the table into a new one: the old one's triggers go with it."""

    def triggers():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'intake_case_search%'")
            return {name for (name,) in cursor.fetchall()}

    before = open_case(surname="Vasilescu", first_names="Ana", birth_date=datetime.date(1990, 1, 2))
    with connection.schema_editor() as editor:
        editor._remake_table(Case)
    assert triggers() == set()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert triggers() == set(search_index.TRIGGERS)
    after = open_case(surname="Vasilescu", first_names="Ion", birth_date=datetime.date(1991, 1, 2))
    assert set(Case.objects.filter(search_condition(["vasilescu"]))) == {before, after}
