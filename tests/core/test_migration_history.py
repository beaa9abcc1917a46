"""A database of the layout before the engine moved is refused in one line, with what to do."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.migration_history import stale_migrations

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_current_database_has_no_stale_migrations():
    assert stale_migrations(connection) == []


def test_migrations_of_the_earlier_layout_stop_migrate_with_the_way_out():
    MigrationRecorder(connection).record_applied("intake", "0002_case_file")
    with pytest.raises(CommandError) as refused:
        call_command("migrate", verbosity=0)
    message = str(refused.value)
    assert "intake.0002_case_file" in message
    assert "earlier version" in message
    assert ("rm " if connection.vendor == "sqlite" else "a new, empty database") in message
    assert "\n" not in message


def test_migrations_of_a_switched_off_app_are_not_stale():
    MigrationRecorder(connection).record_applied("retired_plugin", "0001_initial")
    assert stale_migrations(connection) == []


def test_a_third_party_apps_history_is_not_ours_to_judge():
    """Upstream apps squash and drop old migration files; their rows stay and mean nothing to us."""
    MigrationRecorder(connection).record_applied("wagtailcore", "0001_initial_removed_by_upstream_squash")
    assert stale_migrations(connection) == []


def test_prune_is_left_to_django():
    MigrationRecorder(connection).record_applied("intake", "0002_case_file")
    call_command("migrate", "intake", "--prune", verbosity=0)
    assert stale_migrations(connection) == []
