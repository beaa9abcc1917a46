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

``INTAKE_START_OPTIONS`` – ``fn(request) -> list[dict]`` with ``label`` and ``url``
    Offered on the intake plugin's “new interview” page, e.g. today's bookings
    of the scheduling plugin. ``url`` points at the case-creation page with the
    core data as query parameters (surname, first_names, birth_date,
    nationality, language) and ``source`` naming where the case came from.

``QUESTIONNAIRE_DEPENDENCIES`` – ``fn() -> list[core.contracts.FieldDependency]``
    The questionnaire keys an app reads from the answers, with their types. The
    engine refuses to publish or load a questionnaire that drops such a key (or
    makes a required one optional or conditional), and a catalogue edit that
    retypes or deletes it, naming the consumer and the key.
"""

ROLE_PERMISSIONS = "clearing_role_permissions"
BOOTSTRAP = "clearing_bootstrap"
INTAKE_START_OPTIONS = "clearing_intake_start_options"
QUESTIONNAIRE_DEPENDENCIES = "clearing_questionnaire_dependencies"
