"""A scope cannot be saved with a field the catalogue does not let go to the recipient's kind."""

import pytest

from core.models import AuditEntry
from plugins.referrals.defaults import ensure_default_recipients
from plugins.referrals.models import ScopeVersion
from plugins.referrals.scope import ensure_scope_version, scope_problems

pytestmark = pytest.mark.django_db


def test_free_movement_evidence_never_reaches_the_registration_office(recipient):
    office = recipient("buergerbuero")
    office.catalogue_fields = [*office.catalogue_fields, "evidence_shown"]
    problems = scope_problems(office)
    assert problems["catalogue_fields"] == [
        "„Vorgelegte Nachweise (Art)“ (evidence_shown) darf nicht an einen Empfänger der Art „Meldebehörde“ gehen "
        "(Feldkatalog: darf gehen an)."
    ]


def test_a_special_category_field_needs_a_justification_and_consent(recipient):
    manager = recipient("case-management")
    assert scope_problems(manager) == {}
    manager.justification = "  "
    manager.consent_field = ""
    problems = scope_problems(manager)
    assert set(problems) == {"justification", "consent_field"}
    assert "Begründung" in problems["justification"][0] or "warum" in problems["justification"][0]


def test_scope_changes_are_versioned_and_audited(recipient, make_user):
    admin = make_user("admin-user")
    office = recipient("buergerbuero")
    assert ensure_scope_version(office).number == 1
    office.catalogue_fields = office.catalogue_fields[:-1]
    office.save()
    version = ensure_scope_version(office, admin)
    assert version.number == 2
    assert ensure_scope_version(office, admin) == version  # unchanged: no new version
    entry = AuditEntry.objects.filter(action="referrals.scope", actor=admin).get()
    assert entry.details["version"] == 2 and "legal_representative" not in entry.details["fields"]
    assert ScopeVersion.objects.filter(recipient=office).count() == 2


def test_bootstrap_keeps_an_administrators_edit(recipient):
    office = recipient("buergerbuero")
    office.name = "Bürgerbüro Weißenfels"
    office.save()
    assert ensure_default_recipients() == ([], {})
    assert recipient("buergerbuero").name == "Bürgerbüro Weißenfels"


def test_a_bad_cron_expression_is_refused(recipient):
    office = recipient("buergerbuero")
    office.timing, office.cron = "cron", "61 * * *"
    assert "cron" in scope_problems(office)
