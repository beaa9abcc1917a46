"""Status updates come back through import-export: the dry run lists bad rows, a real run is all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import roles
from plugins.referrals.handover import build_handover
from plugins.referrals.imports import import_status_updates, read_dataset
from plugins.referrals.models import StatusUpdate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def upload(text, name="updates.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


@pytest.fixture
def handed(released_cases, recipient):
    released_cases(20)
    office = recipient("buergerbuero")
    handover = build_handover(office)
    return office, list(handover.items.values_list("case_reference", flat=True))


def test_a_bad_row_is_listed_and_nothing_is_imported(handed):
    office, references = handed
    text = (
        "case_reference,outcome,reported_on,note\n"
        f"{references[0]},registered,2026-12-01,\n"
        "CS-1999-99999,registered,2026-12-01,\n"
        f"{references[1]},registered,not a date,\n"
    )
    check = import_status_updates(office, read_dataset(upload(text)), dry_run=True)
    assert [row.number for row in check.invalid_rows] == [2, 3]
    real = import_status_updates(office, read_dataset(upload(text)), dry_run=False)
    assert real.has_validation_errors()
    assert StatusUpdate.objects.count() == 0


def test_valid_rows_are_imported(handed):
    office, references = handed
    text = "case_reference,outcome,reported_on,note\n" + "".join(
        f"{reference},registered,2026-12-01,ok\n" for reference in references[:3]
    )
    import_status_updates(office, read_dataset(upload(text)), dry_run=False)
    assert set(StatusUpdate.objects.values_list("case_reference", flat=True)) == set(references[:3])


def test_the_import_screen_dry_runs(handed, make_user, client):
    office, references = handed
    client.force_login(make_user("office", roles.CITIZENS_OFFICE))
    text = "case_reference,outcome,reported_on,note\nCS-1999-99999,registered,2026-12-01,\n"
    page = client.post(
        reverse("referrals_status_import"),
        {"recipient": office.pk, "upload": upload(text), "dry_run": "on"},
    )
    assert page.status_code == 200
    assert page.context["invalid_rows"][0][0] == 1
    assert "nie an Bürgerbüro übergeben" in page.content.decode()
    assert StatusUpdate.objects.count() == 0
