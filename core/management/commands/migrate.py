from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from core.migration_history import earlier_layout_message, stale_migrations


class Command(DjangoMigrate):
    """Django's ``migrate``, refusing in one line a database of an earlier layout."""

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        stale = [] if options.get("prune") else stale_migrations(connection)
        if stale:
            raise CommandError(earlier_layout_message(stale, connection))
        return super().handle(*args, **options)
