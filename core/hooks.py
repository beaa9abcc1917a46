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

Between plugins, hooks pass the small dataclasses of ``core.contracts``, never
URLs or model instances: the consumer builds its own URLs from the data.

``INTAKE_START_OPTIONS`` – ``fn(request) -> list[StartOption]``
    Interviews another plugin offers to start, e.g. today's bookings of the
    scheduling plugin, listed on the intake plugin's “new interview” page. Intake
    asks again when the clerk picks one and finds it by its ``source``, so the
    person's data never travels through a URL; the form is prefilled from
    ``person`` and the case keeps ``source`` (kind and id, no foreign key).

``SOURCE_LINK`` – ``fn(source: SourceRef, request) -> SourceLink | None``
    What a stored ``SourceRef`` is, for the case file to link back to it. A
    provider answers for its own kinds and returns ``None`` for any other; when
    nobody answers (the provider is switched off), the kind and id are shown.

``DEMO_DATA`` – ``fn(request: core.contracts.DemoRequest, stdout) -> None``
    An app's invented data for demonstrations and load tests, called by the demo
    app (``seed_demo``, ``bootstrap --demo``) only; production does not install
    it. The function imports the app's demo module itself, so nothing of it (nor
    Faker) is loaded otherwise. ``stdout`` takes one line per step.

``QUESTIONNAIRE_DEPENDENCIES`` – ``fn() -> list[core.contracts.FieldDependency]``
    The questionnaire keys an app reads from the answers, with their types. The
    engine refuses to publish or load a questionnaire that drops such a key (or
    makes a required one optional or conditional), and a catalogue edit that
    retypes or deletes it, naming the consumer and the key.

``AUDIT_VOCABULARY`` – ``fn() -> core.contracts.AuditVocabulary``
    The words for the actions and details an app writes to the audit log, so the
    audit report reads “Fall gelesen – Felder: Nachname, Vornamen” instead of codes.
    A code nobody names is shown as it is.

``PRIVACY_NOTICE`` – ``fn(language: str) -> PrivacyNotice | None``
    The published privacy notice in ``language`` (or its German original), provided by
    ``pages``; a booking or a case records its version and language. Nobody answering
    means there is no notice page (the consumer falls back to its own setting).

``PUBLIC_LINKS`` – ``fn(language: str) -> list[PublicLink]``
    A plugin's entry points on the public site (e.g. booking an appointment), which
    ``pages`` shows in its navigation and on the home page, in ``language``.

``OPENING_HOURS`` – ``fn(language: str) -> list[OpeningHours]``
    The opening hours a plugin knows (the scheduling plugin's calendars), for the
    opening-hours block of the public pages; without a provider the block shows its text.

``PUBLIC_URLS`` – ``fn() -> list[URLPattern]``
    A plugin's pages on the public site, put under the language prefix (``/<lang>/…``)
    before the pages' own catch-all route, e.g. scheduling's ``termin/``. Each plugin
    owns the addresses it returns; ``config/urls.py`` only collects them.

``RECIPIENT_KINDS`` – ``fn() -> list[core.contracts.RecipientKind]``
    The kinds of recipient (registration office, foreigners' authority, …) the referrals
    plugin knows, offered in the field catalogue's “may go to” list. The catalogue stores
    the plain values; a value nobody offers any more stays stored and is shown as it is.

``CASE_RECORDS`` – ``fn(query: core.contracts.CaseQuery) -> Iterator[list[CaseRecord]]``
    The cases matching ``query`` with their core data and the asked answer keys, in chunks
    of ascending case id, a constant number of queries per chunk. Intake provides it; the
    referrals plugin builds its handovers from it without reading intake's tables.

``BOOKING_CHECKED_IN`` – ``fn(checked_in: BookingCheckedIn, request) -> list[SourceLink]``
    The scheduling plugin's clerk checked people in for a booking (or registered a
    walk-in). Called inside the check-in's transaction, so what a receiver writes lands
    with the check-in or not at all; a receiver that raises undoes the check-in. The
    intake plugin opens a case for each person and answers a ``SourceLink`` to each, for
    the clerk to go on with; a receiver the user may not act for returns ``[]``. A
    no-show is never announced.

Events are announced with ``core.events.announce`` after the commit of the change,
once per change and never for one that was rolled back. Receivers run outside
the change's transaction (what they write is committed on its own); one that
raises is logged and does not keep the others from hearing about the change.

``CASE_STATUS_CHANGED`` – ``fn(event: CaseStatusChanged) -> None``
    Every status change of an intake case (old and new status), e.g. a release,
    its revocation or the Bürgerbüro's confirmation.
"""

ROLE_PERMISSIONS = "clearing_role_permissions"
BOOTSTRAP = "clearing_bootstrap"
INTAKE_START_OPTIONS = "clearing_intake_start_options"
SOURCE_LINK = "clearing_source_link"
CASE_STATUS_CHANGED = "clearing_case_status_changed"
QUESTIONNAIRE_DEPENDENCIES = "clearing_questionnaire_dependencies"
DEMO_DATA = "clearing_demo_data"
AUDIT_VOCABULARY = "clearing_audit_vocabulary"
PRIVACY_NOTICE = "clearing_privacy_notice"
PUBLIC_LINKS = "clearing_public_links"
OPENING_HOURS = "clearing_opening_hours"
PUBLIC_URLS = "clearing_public_urls"
RECIPIENT_KINDS = "clearing_recipient_kinds"
CASE_RECORDS = "clearing_case_records"
BOOKING_CHECKED_IN = "clearing_booking_checked_in"
