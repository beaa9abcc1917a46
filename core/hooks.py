"""The named hooks of our own, in one place.

They live in Wagtail's hook registry (``wagtail.hooks``), so a plugin registers
with ``@hooks.register(NAME)`` in its ``wagtail_hooks.py`` like any Wagtail hook,
and tests can use ``hooks.register_temporarily``.

``ROLE_PERMISSIONS`` – ``fn() -> dict[str, list[str]]``
    Maps a role name (see ``core.roles``) to the permissions the plugin grants it,
    each as ``"app_label.codename"``. Called by ``sync_roles`` (bootstrap).

``BOOTSTRAP`` – ``fn(*, demo: bool, stdout) -> None``
    Creates the defaults the app contributes (form definitions, calendars,
    recipients, pages). Must be idempotent and must not overwrite what a user
    changed. ``demo`` asks for demo data as well. Register with ``order=`` to run
    after the steps it depends on: core roles run at 0, pages at 10, plugins
    at 100 and later.
"""

ROLE_PERMISSIONS = "clearing_role_permissions"
BOOTSTRAP = "clearing_bootstrap"
