"""Is this database from an earlier, incompatible layout of the platform?

The questionnaire engine moved out of ``intake`` with fresh migrations (no
town ran the platform yet). A database created before still records the old
migrations; migrating it would fail deep inside Django, so this says plainly
what to do instead.
"""

from django.db.migrations.exceptions import InconsistentMigrationHistory
from django.db.migrations.loader import MigrationLoader


def stale_migrations(connection):
    """Recorded migrations of installed apps that exist no more on disk, as ``app.name``, sorted."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    stale = {
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    }
    if not stale:
        try:
            loader.check_consistent_history(connection)
        except InconsistentMigrationHistory as error:
            stale.add(str(error).split(" is applied before")[0].removeprefix("Migration "))
    return sorted(stale)


def earlier_layout_message(stale, connection):
    name = connection.settings_dict["NAME"]
    listed = ", ".join(stale[:3]) + (", …" if len(stale) > 3 else "")
    advice = (
        f"rm {name} && make run"
        if connection.vendor == "sqlite"
        else f"drop and create the database {name} again, then run make run"
    )
    return f"The database {name} was created by an earlier version of the platform ({listed}); start afresh: {advice}"
