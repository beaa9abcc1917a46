"""The clerk's and the Bürgerbüro's screens: who may see what, and what they see."""

import datetime

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.html import escape
from wagtail import hooks

from core import roles
from core.contracts import PersonCore, SourceLink, SourceRef, StartOption
from core.hooks import INTAKE_START_OPTIONS, SOURCE_LINK
from core.models import AuditEntry
from plugins.intake.case_file import open_case, set_status_by_hand
from plugins.intake.models import Case, CaseStatus
from plugins.intake.release import release_case

from ..tables import table_rows
from .test_cases import COMPLETE_INTERVIEW

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"


@pytest.fixture
def clerk_client(client, clerk):
    client.login(username="clerk", password=PASSWORD)
    return client


@pytest.fixture
def case(clerk):
    return open_case(
        surname="Petrov",
        first_names="Ivan",
        birth_date=datetime.date(1988, 2, 29),
        nationality="BG",
        language="bg",
        clerk=clerk,
    )


def released(case, clerk_client, clerk):
    response = clerk_client.post(
        reverse("intake_case:interview", args=[case.pk]),
        {
            **COMPLETE_INTERVIEW,
            "q-surname": "Petrov",
            "q-first_names": "Ivan",
            "q-date_of_birth": "1988-02-29",
            "q-nationalities": ["BG"],
            "complete": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return release_case(Case.objects.get(pk=case.pk), clerk)


@pytest.mark.parametrize(
    "role",
    [
        roles.CASE_MANAGER,
        roles.FOREIGNERS_AUTHORITY,
        roles.HOUSING_INSPECTION,
        roles.CITIZENS_OFFICE,
        roles.CONTROLLING,
        roles.ADMINISTRATOR,
    ],
)
def test_other_roles_get_403_on_case_screens(client, make_user, bootstrapped, case, role):
    make_user("other", role)
    client.login(username="other", password=PASSWORD)
    for url in (
        reverse("intake_case:index"),
        reverse("intake_case:add"),
        reverse("intake_case:detail", args=[case.pk]),
        reverse("intake_case:interview", args=[case.pk]),
    ):
        assert client.get(url).status_code == 403, (role, url)
    assert client.post(reverse("intake_case:release", args=[case.pk])).status_code == 403


def test_clerk_opens_a_walk_in_case_and_lands_on_the_interview(clerk_client):
    response = clerk_client.post(
        reverse("intake_case:add"),
        {
            "surname": "Nagy",
            "first_names": "Ödön",
            "birth_date": "1979-12-24",
            "nationality": "HU",
            "language": "hu",
        },
    )
    case = Case.objects.get(surname="Nagy")
    assert response.status_code == 302 and response["Location"] == reverse("intake_case:interview", args=[case.pk])
    page = clerk_client.get(response["Location"]).content.decode()
    assert 'value="Nagy"' in page and 'value="1979-12-24"' in page
    assert "A. Verfahren" in page and "G. Freigabe" in page


def test_a_future_birth_date_is_refused_in_german(clerk_client):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = clerk_client.post(
        reverse("intake_case:add"), {"surname": "X", "first_names": "Y", "birth_date": tomorrow}
    )
    assert "Das Geburtsdatum muss in der Vergangenheit liegen." in response.content.decode()
    assert not Case.objects.exists()


def test_a_mistyped_draft_keeps_the_input_and_says_what_is_wrong(clerk_client, case):
    url = reverse("intake_case:interview", args=[case.pk])
    response = clerk_client.post(
        url,
        {"q-surname": "Petrow", "q-date_of_birth": "31.02.1988", "q-contact_email": "ivan(at)example", "draft": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Einige Angaben sind ungültig und wurden nicht gespeichert" in page
    assert 'value="ivan(at)example"' in page and 'value="31.02.1988"' in page
    case.refresh_from_db()
    assert case.answer_set.data["surname"] == "Petrow" and case.status == CaseStatus.IN_INTERVIEW


def test_completing_with_gaps_saves_what_is_valid_and_lists_the_gaps(clerk_client, case):
    url = reverse("intake_case:interview", args=[case.pk])
    response = clerk_client.post(url, {"q-surname": "Petrov", "q-place_of_birth": "Sofia", "complete": "1"})
    assert "Das Gespräch ist noch nicht vollständig" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_INTERVIEW and case.answer_set.data["place_of_birth"] == "Sofia"


def test_case_file_shows_answers_and_logs_the_read(clerk_client, clerk, case):
    released(case, clerk_client, clerk)
    page = clerk_client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    assert "Fleischwerk Süd GmbH" in page and "Freigabeschein" in page and "freigegeben" in page
    assert AuditEntry.objects.filter(action="case.read", object_id=str(case.pk), actor=clerk).exists()


def test_case_list_search_and_filters(clerk_client, clerk, case):
    """Checked in the table's cells: the search box echoes the query, so the page as a whole proves nothing."""
    kowalski = open_case(
        surname="Kowalski", first_names="Jan", birth_date=datetime.date(1995, 7, 7), nationality="PL", clerk=clerk
    )
    set_status_by_hand(kowalski, CaseStatus.WITHDRAWN, clerk, reason="zurückgezogen")
    index = reverse("intake_case:index")

    def rows(**query):
        return table_rows(clerk_client.get(index, query).content.decode())

    def surnames(**query):
        return [row["Familienname"] for row in rows(**query)]

    assert surnames() == ["Kowalski", "Petrov"]
    assert surnames(q="kowal") == ["Kowalski"]
    assert [(row["Familienname"], row["Geburtsdatum"]) for row in rows(q="29.02.1988")] == [("Petrov", "29.02.1988")]
    assert surnames(q=case.reference) == ["Petrov"]
    assert surnames(nationality="PL") == ["Kowalski"]
    assert [(row["Familienname"], row["Status"]) for row in rows(status="withdrawn")] == [("Kowalski", "zurückgezogen")]
    assert surnames(status="open") == ["Petrov"]
    assert surnames(status="released") == []


def test_case_list_queries_do_not_grow_with_the_page(clerk_client, clerk, django_assert_max_num_queries):
    index = reverse("intake_case:index")
    for i in range(3):
        open_case(surname=f"A{i}", first_names="B", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    clerk_client.get(index)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        clerk_client.get(index)
    for i in range(40):
        open_case(surname=f"C{i}", first_names="D", birth_date=datetime.date(1990, 1, 1), clerk=clerk)
    with django_assert_max_num_queries(len(few)):
        assert clerk_client.get(index).status_code == 200


def test_buergerbuero_verifies_sees_the_minimum_and_confirms(client, make_user, clerk_client, clerk, case):
    certificate = released(case, clerk_client, clerk)
    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    url = reverse("intake_verify_code", kwargs={"code": certificate.verification_code})
    page = client.get(url).content.decode()
    assert 'data-verification="valid"' in page and "Ivan Petrov" in page and "29.02.1988" in page
    for answer in ("Fleischwerk", "RX123456", "Marktstraße", "Frau Schulze", "worker", "Arbeitnehmer"):
        assert answer not in page
    response = client.post(reverse("intake_confirm_registration", kwargs={"code": certificate.verification_code}))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED
    assert "Die Anmeldung wurde bestätigt." in client.get(url).content.decode()


def test_unknown_codes_are_rate_limited(client, make_user, bootstrapped):
    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    for attempt in range(10):
        response = client.post(reverse("intake_verify"), {"code": f"AAAA-BBBB-CCCC-{attempt:04d}"})
        assert 'data-verification="unknown"' in response.content.decode()
    response = client.post(reverse("intake_verify"), {"code": "AAAA-BBBB-CCCC-9999"})
    assert response.status_code == 429
    assert "Zu viele unbekannte Codes" in response.content.decode()
    assert AuditEntry.objects.filter(action="certificate.verify").count() == 10


def test_clerks_cannot_verify_and_the_office_cannot_see_cases(client, clerk_client, make_user, case):
    assert clerk_client.get(reverse("intake_verify")).status_code == 403
    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    assert client.get(reverse("intake_case:detail", args=[case.pk])).status_code == 403


BOOKING = SourceRef("booking", "17")
MARIA = StartOption(
    label="09:30 Maria Popescu",
    person=PersonCore(surname="Popescu", first_names="Maria", birth_date=datetime.date(1999, 9, 9), nationality="RO"),
    source=BOOKING,
)
START = reverse_lazy("intake_case:add")


def todays_bookings(request):
    return [MARIA]


def booking_link(source, request):
    return SourceLink(f"Termin {source.id}", f"/admin/scheduling/{source.id}/") if source.kind == "booking" else None


def german(message):
    with translation.override("de"):
        return escape(translation.gettext(message))


def test_another_plugin_offers_starts_through_the_hook_and_prefills_the_form(clerk_client):
    start = f"{START}?source_kind=booking&source_id=17"
    with hooks.register_temporarily(INTAKE_START_OPTIONS, todays_bookings):
        page = clerk_client.get(START).content.decode()
        assert "Aus einem Termin beginnen" in page and "09:30 Maria Popescu" in page
        assert f'href="{escape(start)}"' in page
        form = clerk_client.get(start).content.decode()
        assert 'value="Popescu"' in form and 'value="1999-09-09"' in form and '<option value="RO" selected>' in form
        assert f'action="{escape(start)}"' in form
        clerk_client.post(start, {"surname": "Popescu", "first_names": "Maria", "birth_date": "1999-09-09"})
    case = Case.objects.get(surname="Popescu")
    assert (case.source_kind, case.source_id) == ("booking", "17")


@pytest.mark.parametrize(
    "source", [SourceRef("booking", "1" * 65), SourceRef("k" * 41, "1"), SourceRef("booking", "1\x00")]
)
def test_a_start_whose_source_a_case_cannot_store_is_not_offered(clerk_client, source):
    """Otherwise the clerk would type the whole form and then meet a server error."""
    unfit = StartOption(label="10:00 Ion Pop", person=MARIA.person, source=source)
    with hooks.register_temporarily(INTAKE_START_OPTIONS, lambda request: [unfit, MARIA]):
        page = clerk_client.get(START).content.decode()
    assert "09:30 Maria Popescu" in page and "10:00 Ion Pop" not in page


@pytest.mark.parametrize("query", ["source_kind=booking&source_id=18", "source_kind=letter&source_id=17"])
def test_a_start_no_longer_offered_falls_back_to_the_walk_in_form(clerk_client, query):
    start = f"{START}?{query}"
    refused = german("This start is no longer offered; please enter the case as a walk-in.")
    with hooks.register_temporarily(INTAKE_START_OPTIONS, todays_bookings):
        response = clerk_client.get(start, follow=True)
        assert response.redirect_chain == [(str(START), 302)] and refused in response.content.decode()
        typed = {"surname": "Popescu", "first_names": "Maria", "birth_date": "1999-09-09"}
        response = clerk_client.post(start, typed)
    page = response.content.decode()
    assert response.status_code == 200 and refused in page
    assert 'value="Popescu"' in page and f'action="{START}"' in page
    assert not Case.objects.filter(surname="Popescu").exists()


def test_the_case_file_links_to_the_source_or_names_it_when_its_plugin_is_off(clerk_client, clerk):
    case = open_case(
        surname="Popescu", first_names="Maria", birth_date=datetime.date(1999, 9, 9), clerk=clerk, source=BOOKING
    )
    url = reverse("intake_case:detail", args=[case.pk])
    with hooks.register_temporarily(SOURCE_LINK, lambda source, request: None):
        with hooks.register_temporarily(SOURCE_LINK, booking_link):
            assert '<a href="/admin/scheduling/17/">Termin 17</a>' in clerk_client.get(url).content.decode()
        page = clerk_client.get(url).content.decode()
    assert "booking 17" in page and "/admin/scheduling/17/" not in page


def test_the_case_file_says_walk_in(clerk_client, case):
    page = clerk_client.get(reverse("intake_case:detail", args=[case.pk])).content.decode()
    assert german("walk-in") in page


@pytest.mark.parametrize("to", [CaseStatus.COMPLETE, CaseStatus.RELEASED, CaseStatus.REGISTERED, "nonsense"])
def test_the_status_screen_sets_only_the_manual_statuses(clerk_client, clerk, case, to):
    if to == CaseStatus.REGISTERED:
        released(case, clerk_client, clerk)
    before = Case.objects.get(pk=case.pk).status
    response = clerk_client.post(reverse("intake_case:status", args=[case.pk]), {"to": to}, follow=True)
    assert "Dieser Status kann nicht von Hand gesetzt werden." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == before


def test_the_status_screen_still_withdraws_with_a_reason(clerk_client, case):
    url = reverse("intake_case:status", args=[case.pk])
    clerk_client.post(url, {"to": CaseStatus.WITHDRAWN, "reason": "Zieht nicht zu."})
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN


def test_confirming_twice_says_so_instead_of_failing(client, make_user, clerk_client, clerk, case):
    certificate = released(case, clerk_client, clerk)
    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    url = reverse("intake_confirm_registration", kwargs={"code": certificate.verification_code})
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Die Anmeldung wurde bereits bestätigt." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status_changes.filter(to_status=CaseStatus.REGISTERED).count() == 1


def test_an_interview_saved_after_a_colleague_released_keeps_the_input_and_changes_nothing(clerk_client, clerk, case):
    certificate = released(case, clerk_client, clerk)
    response = clerk_client.post(
        reverse("intake_case:interview", args=[case.pk]), {"q-surname": "Petrowski", "draft": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Der Fall ist jetzt „freigegeben“" in page and 'value="Petrowski"' in page
    case.refresh_from_db()
    certificate.refresh_from_db()
    assert case.status == CaseStatus.RELEASED and case.surname == "Petrov"
    assert certificate.status == "valid"


def test_the_confirm_address_is_rate_limited_and_audited_like_the_page(client, make_user, bootstrapped):
    make_user("buero", roles.CITIZENS_OFFICE)
    client.login(username="buero", password=PASSWORD)
    for attempt in range(12):
        client.post(reverse("intake_confirm_registration", kwargs={"code": f"AAAABBBBCCCC{attempt:04d}"}))
    assert AuditEntry.objects.filter(action="certificate.verify").count() == 10
    assert AuditEntry.objects.filter(action="certificate.verify", details__code_prefix="AAAA").count() == 10
    assert client.post(reverse("intake_verify"), {"code": "AAAA-BBBB-CCCC-9999"}).status_code == 429
