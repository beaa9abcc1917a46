"""Group entries keep their identity through invalid drafts, double clicks and conflict pages (found in review)."""

import re

import pytest
from django.urls import reverse

from .test_cases import COMPLETE_INTERVIEW
from .test_stale_saves import TWO_MEMBERS, case, client_of, colleagues, page_version, post, stored  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
ANA = {"member_name": "Popescu, Ana", "member_relationship": "partner"}


def url(of):
    return reverse("intake_case:interview", args=[of.pk])


def ids_on(page, group="household_members"):
    return dict(re.findall(rf'name="q-{group}-(\d+)-_id" value="([^"]*)"', page))


def rows(*entries, initial=0, extra=1):
    """What the page posts for ``entries`` (dicts with an optional ``_id``) plus ``extra`` empty rows."""
    data = {
        "q-household_members-TOTAL_FORMS": str(len(entries) + extra),
        "q-household_members-INITIAL_FORMS": str(initial),
    }
    for index, entry in enumerate(entries):
        data.update({f"q-household_members-{index}-{key}": value for key, value in entry.items()})
    return data


def names(of):
    return [entry["member_name"] for entry in stored(of).get("household_members", [])]


def test_a_member_added_in_an_invalid_draft_survives_the_next_save(colleagues, case):  # noqa: F811
    anna = client_of(colleagues[0])
    response = post(anna, case, page_version(anna.get(url(case))), **rows(ANA), **{"q-contact_phone": "call me maybe"})
    assert response.status_code == 200 and names(case) == ["Popescu, Ana"]
    page = response.content.decode()
    # The re-rendered page posts its management form from the bound data (INITIAL_FORMS 0).
    again = rows({**ANA, "_id": ids_on(page)["0"]})
    response = post(anna, case, page_version(response), **again, **{"q-contact_phone": "+40 712 345 678"})
    assert response.status_code == 302
    assert names(case) == ["Popescu, Ana"]


def test_complete_with_an_invalid_answer_then_saving_again_stores_the_member_once(colleagues, case):  # noqa: F811
    anna = client_of(colleagues[0])
    data = {**COMPLETE_INTERVIEW, **rows(ANA), "q-contact_phone": "call me maybe", "complete": "1"}
    response = anna.post(url(case), {**data, "version": page_version(anna.get(url(case)))})
    assert response.status_code == 200 and names(case) == ["Popescu, Ana"]
    shown = ids_on(response.content.decode())["0"]
    again = rows({**ANA, "_id": shown})
    assert post(anna, case, page_version(response), **again).status_code == 302
    assert names(case) == ["Popescu, Ana"]
    removed = rows({**ANA, "_id": shown, "DELETE": "on"})
    assert post(anna, case, page_version(anna.get(url(case))), **removed).status_code == 302
    assert names(case) == []


def test_a_double_click_then_saving_the_conflict_page_stores_each_member_once(colleagues, case):  # noqa: F811
    anna = client_of(colleagues[0])
    page = anna.get(url(case))
    new_row = ids_on(page.content.decode())["0"]  # the empty row carries its id from the start
    data = rows({**ANA, "_id": new_row})
    assert post(anna, case, page_version(page), **data).status_code == 302
    second_click = post(anna, case, page_version(page), **data)
    assert second_click.status_code == 409
    shown = ids_on(second_click.content.decode())["0"]
    assert post(anna, case, page_version(second_click), **rows({**ANA, "_id": shown})).status_code == 302
    assert names(case) == ["Popescu, Ana"]


def test_entries_a_colleague_stored_meanwhile_count_against_the_limit(colleagues, case):  # noqa: F811
    anna, bernd = (client_of(user) for user in colleagues)
    version = page_version(anna.get(url(case)))
    assert post(bernd, case, version, **TWO_MEMBERS).status_code == 302
    mine = rows(*({"member_name": f"Kind {n}", "member_relationship": "child"} for n in range(20)), extra=0)
    conflict = post(anna, case, version, **mine)
    assert conflict.status_code == 409
    # The conflict page shows Bernd's two members and Anna's twenty rows; saved as shown, that is too many.
    form = conflict.context["form"]
    shown = {key: value for key, value in form.data.items() if key.startswith("q-household_members-")}
    assert shown["q-household_members-TOTAL_FORMS"] == "22"
    response = post(anna, case, page_version(conflict), **shown)
    assert response.status_code == 200
    assert "höchstens 20 Einträge" in response.content.decode()
    assert names(case) == ["Popescu, Ana", "Popescu, Mihai"]
    # A stored entry a page does not post still counts: the page's twenty new rows alone are refused too.
    response = post(anna, case, page_version(conflict), **mine)
    assert response.status_code == 200 and names(case) == ["Popescu, Ana", "Popescu, Mihai"]


def test_a_version_from_the_future_is_refused_like_a_stale_one(colleagues, case):  # noqa: F811
    anna, bernd = (client_of(user) for user in colleagues)
    version = page_version(anna.get(url(case)))
    assert post(bernd, case, version, **{"q-place_of_birth": "Cluj"}).status_code == 302
    assert post(anna, case, "999999999", **{"q-contact_phone": "+40 712"}).status_code == 409
    assert stored(case)["place_of_birth"] == "Cluj"


@pytest.mark.parametrize("address", ["x@exa\u202emple.de", "x@exa\u200bmple.de", "x@exa\u00admple.de"])
def test_an_email_address_with_hidden_characters_is_refused(colleagues, case, address):  # noqa: F811
    anna = client_of(colleagues[0])
    before = stored(case).get("contact_email")
    response = post(anna, case, page_version(anna.get(url(case))), **{"q-contact_email": address})
    assert response.status_code == 200 and "unsichtbare Zeichen" in response.content.decode()
    assert stored(case).get("contact_email") == before


def on_page(ana, mihai, **changes):
    """Anna's page with the two members on file, as she opened it."""
    return {
        **rows(
            {**ANA, "_id": ana["_id"]},
            {"member_name": "Popescu, Mihai", "member_relationship": "relative", "_id": mihai["_id"]},
            initial=2,
            extra=0,
        ),
        **changes,
    }


@pytest.fixture
def two_members(colleagues, case):  # noqa: F811
    anna = client_of(colleagues[0])
    assert post(anna, case, page_version(anna.get(url(case))), **TWO_MEMBERS).status_code == 302
    return stored(case)["household_members"]


def test_saving_the_conflict_page_keeps_a_colleagues_answer(colleagues, case):  # noqa: F811
    anna, bernd = (client_of(user) for user in colleagues)
    version = page_version(anna.get(url(case)))
    assert post(bernd, case, version, **{"q-place_of_birth": "Cluj"}).status_code == 302
    conflict = post(anna, case, version, **{"q-contact_phone": "+40 712"})
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert 'value="Cluj"' in page and 'value="+40 712"' in page
    assert "Ihre Eingabe war: Iași" in page  # what Anna's page held for the place of birth
    again = post(anna, case, page_version(conflict), **{"q-contact_phone": "+40 712", "q-place_of_birth": "Cluj"})
    assert again.status_code == 302
    assert (stored(case)["place_of_birth"], stored(case)["contact_phone"]) == ("Cluj", "+40 712")


def test_the_conflict_page_shows_a_colleagues_change_and_removal_of_entries(colleagues, case, two_members):  # noqa: F811
    anna, bernd = (client_of(user) for user in colleagues)
    ana, mihai = two_members
    version = page_version(anna.get(url(case)))
    bernd_removes_ana = on_page(
        ana,
        mihai,
        **{"q-household_members-0-DELETE": "on", "q-household_members-1-member_name": "Popescu, Mihai Andrei"},
    )
    assert post(bernd, case, version, **bernd_removes_ana).status_code == 302
    mine = on_page(
        ana,
        mihai,
        **{
            "q-household_members-TOTAL_FORMS": "3",
            "q-household_members-2-_id": "nabc123",
            "q-household_members-2-member_name": "Popescu, Ioana",
        },
    )
    conflict = post(anna, case, version, **mine)
    assert conflict.status_code == 409
    shown = re.findall(r'name="q-household_members-\d+-member_name"[^>]*value="([^"]*)"', conflict.content.decode())
    assert shown == ["Popescu, Mihai Andrei", "Popescu, Ioana"]  # on file, then Anna's new row
    ids = ids_on(conflict.content.decode())
    again = rows(
        {"member_name": "Popescu, Mihai Andrei", "member_relationship": "relative", "_id": ids["0"]},
        {"member_name": "Popescu, Ioana", "_id": ids["1"]},
        initial=1,
        extra=0,
    )
    assert post(anna, case, page_version(conflict), **again).status_code == 302
    assert names(case) == ["Popescu, Mihai Andrei", "Popescu, Ioana"]
