"""Each case reaches a recipient exactly once: twice in a row, killed half-way, failing channels, resends."""

import datetime

import pytest
import pyzipper
from django.utils import timezone

from plugins.referrals import formats
from plugins.referrals.handover import MAX_ATTEMPTS, build_handover, deliver, deliver_due, handover_path
from plugins.referrals.models import Handover, HandoverItem, HandoverStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def lines(handover):
    return handover_path(handover).read_text(encoding="utf-8-sig").splitlines()[1:]


def test_the_same_handover_twice_hands_over_nothing_new(released_cases, recipient):
    ids = released_cases(20)
    office = recipient("buergerbuero")
    first = build_handover(office)
    assert first.rows == len(ids) and first.status == HandoverStatus.DELIVERED
    assert build_handover(office) is None
    assert HandoverItem.objects.filter(recipient=office).count() == len(ids)


def test_a_case_released_after_the_cut_off_joins_the_next_handover(released_cases, recipient):
    released_cases(20)
    office = recipient("buergerbuero")
    build_handover(office)
    from plugins.intake.models import Case

    late = Case.objects.exclude(status="released").exclude(answer_set=None).first() or Case.objects.first()
    Case.objects.filter(pk=late.pk).update(status="released", status_changed_at=timezone.now())
    HandoverItem.objects.filter(case_id=late.pk).delete()
    second = build_handover(office)
    assert list(second.items.values_list("case_id", flat=True)) == [late.pk]


def test_killed_half_way_then_rerun_loses_and_repeats_nothing(released_cases, recipient, monkeypatch):
    ids = released_cases(30)
    office = recipient("buergerbuero")
    write = formats.CsvWriter.write
    calls = []

    def dies_on_the_second_chunk(self, rows):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return write(self, rows)

    monkeypatch.setattr(formats.CsvWriter, "write", dies_on_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        build_handover(office, chunk_size=5)
    monkeypatch.setattr(formats.CsvWriter, "write", write)
    killed = Handover.objects.get(recipient=office)
    assert killed.status == HandoverStatus.BUILDING and killed.rows_written == 5
    assert not handover_path(killed).exists()  # no half file under the final name
    Handover.objects.filter(pk=killed.pk).update(heartbeat=timezone.now() - datetime.timedelta(hours=1))

    resumed = build_handover(office, chunk_size=5)
    assert resumed.pk == killed.pk and resumed.status == HandoverStatus.DELIVERED
    references = [line.split(";")[0] for line in lines(resumed)]
    assert len(references) == len(set(references)) == len(ids)
    assert Handover.objects.filter(recipient=office).count() == 1


def drop_recipient(recipient, directory):
    office = recipient("buergerbuero")
    office.channel = "file_drop"
    office.drop_directory = str(directory)
    office.archive_password = "correct horse battery"
    office.save()
    return office


def unzip(path, password="correct horse battery"):
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        (name,) = archive.namelist()
        return archive.read(name).decode("utf-8-sig").splitlines()[1:]


def test_a_failing_file_drop_retries_then_succeeds_without_duplicates(released_cases, recipient, tmp_path):
    ids = released_cases(20)
    share = tmp_path / "share"  # missing: the share is down
    office = drop_recipient(recipient, share)
    handover = build_handover(office)
    assert handover.status == HandoverStatus.RETRYING and handover.attempts == 1 and handover.error
    assert handover.next_attempt_at > timezone.now()
    deliver_due()  # not yet due
    assert Handover.objects.get(pk=handover.pk).attempts == 1

    share.mkdir()
    Handover.objects.filter(pk=handover.pk).update(next_attempt_at=timezone.now())
    deliver_due()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DELIVERED and handover.attempts == 2
    (archive,) = share.iterdir()
    assert archive.name == f"buergerbuero-{handover.pk}.zip"
    assert len(unzip(archive)) == len(ids)
    with pytest.raises(RuntimeError):
        unzip(archive, password="wrong")
    assert build_handover(office) is None


def test_a_manual_resend_after_the_last_retry_works(released_cases, recipient, tmp_path):
    released_cases(20)
    share = tmp_path / "share"
    office = drop_recipient(recipient, share)
    handover = build_handover(office)
    for _attempt in range(MAX_ATTEMPTS):
        Handover.objects.filter(pk=handover.pk).update(next_attempt_at=timezone.now())
        deliver_due()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.FAILED and handover.attempts == MAX_ATTEMPTS
    share.mkdir()
    handover = deliver(handover, manual=True)
    assert handover.status == HandoverStatus.DELIVERED
    assert HandoverItem.objects.filter(recipient=office).count() == handover.rows


def test_release_hands_the_case_to_the_recipients_that_want_it_at_once(
    released_cases, recipient, clerk, django_capture_on_commit_callbacks
):
    from plugins.intake.case_file import change_status
    from plugins.intake.models import Case

    released_cases(20)
    authority = recipient("auslaenderbehoerde")
    build_handover(authority)
    case = Case.objects.filter(status="released").first()
    HandoverItem.objects.filter(case_id=case.pk).delete()
    Case.objects.filter(pk=case.pk).update(status="complete")
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, "released", clerk)
    latest = Handover.objects.filter(recipient=authority).first()
    assert latest.trigger == "release"
    assert list(latest.items.values_list("case_id", flat=True)) == [case.pk]
