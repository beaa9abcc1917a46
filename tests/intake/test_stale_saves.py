"""Optimistic locking of the interview: a save from a page older than the stored answers is refused."""

import datetime
import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import roles
from plugins.intake.case_file import open_case, save_interview
from plugins.intake.models import Case
from questionnaires.api import StaleAnswers, build_form, published

from .test_cases import COMPLETE_INTERVIEW

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
TWO_MEMBERS = {
    "q-household_members-TOTAL_FORMS": "3",
    "q-household_members-INITIAL_FORMS": "0",
    "q-household_members-0-member_name": "Popescu, Ana",
    "q-household_members-0-member_relationship": "partner",
    "q-household_members-1-member_name": "Popescu, Mihai",
    "q-household_members-1-member_relationship": "relative",
}


@pytest.fixture
def colleagues(make_user, bootstrapped):
    return (
        make_user("anna", roles.CLERK, first_name="Anna", last_name="Schulze"),
        make_user("bernd", roles.CLERK, first_name="Bernd", last_name="Krause"),
    )


@pytest.fixture
def case(colleagues):
    case = open_case(surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), clerk=colleagues[0])
    questionnaire, revision, definition = published("erstgespraech")
    form = build_form(definition, data=COMPLETE_INTERVIEW, prefix="q", draft=True)
    form.is_valid()
    return save_interview(
        case, form, questionnaire=questionnaire, revision=revision, actor=colleagues[0], expected_version=0
    )


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def post(client, case, version, **data):
    return client.post(
        reverse("intake_case:interview", args=[case.pk]), {**COMPLETE_INTERVIEW, **data, "version": version}
    )


def page_version(response):
    return re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)


def stored(case):
    return Case.objects.select_related("answer_set").get(pk=case.pk).answer_set.data


def test_a_stale_page_cannot_remove_the_members_a_colleague_added(colleagues, case):
    anna, bernd = (client_of(user) for user in colleagues)
    opened = page_version(anna.get(reverse("intake_case:interview", args=[case.pk])))

    assert post(bernd, case, opened, **TWO_MEMBERS).status_code == 302
    refused = post(anna, case, opened, **{"q-contact_phone": "+40 712 345 678"})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Bernd Krause hat dieses Gespräch am " in page
    assert "Inzwischen geändert: Weitere mit einziehende Personen." in page
    # The members on file are shown (Anna's page had none); her own input for them was nothing.
    assert "Inzwischen geändert; angezeigt ist jetzt der gespeicherte Stand. Ihre Eingabe war: keine Angabe" in page
    assert 'value="Popescu, Ana"' in page and 'value="Popescu, Mihai"' in page
    assert 'value="+40 712 345 678"' in page  # what Anna typed is still there
    data = stored(case)
    assert [member["member_name"] for member in data["household_members"]] == ["Popescu, Ana", "Popescu, Mihai"]
    assert "contact_phone" not in data

    # Anna has seen the change; saving again is deliberate, and keeps the members her page never showed.
    again = post(anna, case, page_version(refused), **{"q-contact_phone": "+40 712 345 678"})
    assert again.status_code == 302
    data = stored(case)
    assert data["contact_phone"] == "+40 712 345 678"
    assert [member["member_name"] for member in data["household_members"]] == ["Popescu, Ana", "Popescu, Mihai"]


def test_two_tabs_of_one_clerk(colleagues, case):
    first_tab = client_of(colleagues[0])
    second_tab = client_of(colleagues[0])
    opened = page_version(first_tab.get(reverse("intake_case:interview", args=[case.pk])))
    page_version(second_tab.get(reverse("intake_case:interview", args=[case.pk])))

    assert post(second_tab, case, opened, **{"q-place_of_birth": "Cluj-Napoca"}).status_code == 302
    refused = post(first_tab, case, opened, **{"q-contact_phone": "+40 712 345 678"})

    assert refused.status_code == 409
    assert "Sie haben dieses Gespräch am " in refused.content.decode()
    assert "in einem anderen Tab oder Fenster gespeichert" in refused.content.decode()
    assert "Inzwischen geändert: Geburtsort." in refused.content.decode()
    assert stored(case)["place_of_birth"] == "Cluj-Napoca"


def test_entries_are_matched_by_their_id_not_their_place(colleagues, case):
    anna = client_of(colleagues[0])
    opened = page_version(anna.get(reverse("intake_case:interview", args=[case.pk])))
    assert post(anna, case, opened, **TWO_MEMBERS).status_code == 302
    ana, mihai = stored(case)["household_members"]
    page = anna.get(reverse("intake_case:interview", args=[case.pk]))
    assert f'value="{ana["_id"]}"' in page.content.decode()

    # The page lists Mihai first (as after a colleague removed and re-added rows); Ana is removed.
    swapped = {
        "q-household_members-TOTAL_FORMS": "2",
        "q-household_members-INITIAL_FORMS": "2",
        "q-household_members-0-_id": mihai["_id"],
        "q-household_members-0-member_name": "Popescu, Mihai Andrei",
        "q-household_members-1-_id": ana["_id"],
        "q-household_members-1-member_name": "Popescu, Ana",
        "q-household_members-1-DELETE": "on",
    }
    assert post(anna, case, page_version(page), **swapped).status_code == 302
    assert stored(case)["household_members"] == [
        {"_id": mihai["_id"], "member_name": "Popescu, Mihai Andrei"},
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_one_version_one_wins(colleagues):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in `make test-postgres` and in CI")
    anna, bernd = colleagues
    questionnaire, revision, definition = published("erstgespraech")
    case = open_case(surname="Țurcanu", first_names="Ștefan", birth_date=datetime.date(1990, 4, 1), clerk=anna)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, changes):
        from django.db import connection as thread_connection

        try:
            form = build_form(definition, data={**COMPLETE_INTERVIEW, **changes}, prefix="q", draft=True)
            form.is_valid()
            barrier.wait(timeout=30)
            save_interview(
                Case.objects.get(pk=case.pk),
                form,
                questionnaire=questionnaire,
                revision=revision,
                actor=user,
                expected_version=0,
            )
            outcomes[user.username] = "saved"
        except StaleAnswers as stale:
            outcomes[user.username] = ("refused", sorted(stale.changed))
        except Exception as error:  # collected and asserted below, so nothing is lost
            outcomes[user.username] = repr(error)
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=save, args=(anna, {"q-contact_phone": "+40 712 345 678"})),
        threading.Thread(target=save, args=(bernd, TWO_MEMBERS)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(str(outcome)[:9] for outcome in outcomes.values()) == ["('refused", "saved"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    case.refresh_from_db()
    assert case.answer_set.version == 1 and case.answer_set.updated_by.username == winner
    loser = next(outcome for outcome in outcomes.values() if outcome != "saved")
    assert "surname" in loser[1]
