"""The in-platform recipients' users read their received cases in scope, audited; nobody else does."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core import roles
from core.models import AuditEntry
from plugins.intake.models import Case
from plugins.referrals.handover import build_handover
from plugins.referrals.received import read_case, received, recipients_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed(released_cases, recipient):
    released_cases(6)
    case_management = recipient("case-management")
    build_handover(case_management)
    return case_management


def test_recipients_for_is_the_users_role(handed, make_user):
    manager = make_user("cm", roles.CASE_MANAGER)
    office = make_user("bb", roles.CITIZENS_OFFICE)
    assert list(recipients_for(manager)) == [handed]
    assert not recipients_for(office).exists()


def test_read_case_is_scoped_and_audited(handed, make_user, django_assert_max_num_queries):
    manager = make_user("cm", roles.CASE_MANAGER)
    with django_assert_max_num_queries(8):
        items = list(received(handed)[:50])
    assert items
    record = read_case(handed, items[0].case_id, manager)
    scope = items[0].handover.scope_version.scope
    assert set(record.core) == set(scope["core_fields"])
    assert set(record.answers) <= set(scope["catalogue_fields"])
    assert "document_serial_number" not in record.answers
    entry = AuditEntry.objects.filter(action="referrals.received_read").get()
    assert entry.details["case"] == items[0].case_reference
    hidden = read_case(handed, items[0].case_id, manager, show_special=False)
    assert "health_notes" not in hidden.answers


def test_a_case_never_received_or_another_role_is_refused(handed, make_user):
    manager = make_user("cm", roles.CASE_MANAGER)
    office = make_user("bb", roles.CITIZENS_OFFICE)
    handed_ids = set(received(handed).values_list("case_id", flat=True))
    other = Case.objects.exclude(pk__in=handed_ids).values_list("pk", flat=True).first() or 10**9
    with pytest.raises(Http404):
        read_case(handed, other, manager)
    with pytest.raises(PermissionDenied):
        read_case(handed, next(iter(handed_ids)), office)


def test_managing_handovers_is_not_reading_the_cases(handed, make_user):
    administrator = make_user("admin-role", roles.ADMINISTRATOR)
    assert administrator.has_perm("referrals.manage_handover")
    assert not recipients_for(administrator).exists()
    case_id = received(handed).values_list("case_id", flat=True).first()
    with pytest.raises(PermissionDenied):
        read_case(handed, case_id, administrator)
