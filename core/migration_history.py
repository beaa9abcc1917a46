"""Is this database from an earlier, incompatible layout of the platform?

The questionnaire engine moved out of ``intake`` with fresh migrations (no
town ran the platform yet). A database created before still records the old
migrations of our own apps; migrating it would fail deep inside Django, so
this says plainly what to do instead. Only the project's own apps count:
a third-party app's history, a squash's replaced migrations and apps that are
switched off are none of this check's business.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader


def _own_app_labels():
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root) and ".venv" not in Path(config.path).parts
    }


def stale_migrations(connection):
    """Recorded migrations of the project's installed apps that exist no more on disk, as ``app.name``."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    own = _own_app_labels()
    replaced = {name for migration in loader.replacements.values() for name in migration.replaces}
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in own and (app, name) not in loader.disk_migrations and (app, name) not in replaced
    )


def earlier_layout_message(stale, connection):
    name = connection.settings_dict["NAME"]
    listed = ", ".join(stale[:3]) + (", …" if len(stale) > 3 else "")
    advice = (
        f"rm {name} && make run"
        if connection.vendor == "sqlite"
        else "create a new, empty database for this version (no town ran the earlier layout) and migrate that"
    )
    return f"The database {name} was created by an earlier version of the platform ({listed}); start afresh: {advice}"
