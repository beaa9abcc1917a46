"""The payloads of our named hooks (``core.hooks``): small dataclasses, so no plugin imports another.

Plain frozen dataclasses in the core, so that a provider and a consumer share a
type without importing each other: data goes across, never a URL of the other
side (each plugin builds its own URLs) and never a model instance.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """Where a case came from, in the terms of the plugin that offered it (e.g. ``booking`` 17).

    Only that plugin can say what the id means; the consumer stores kind and id and asks
    back through ``SOURCE_LINK``. Both are strings so that any key fits; intake stores
    a kind of up to 40 and an id of up to 64 printable characters and leaves out a start
    whose source is longer.
    """

    kind: str
    id: str


@dataclass(frozen=True)
class PersonCore:
    """The core data another plugin already knows about a person, to spare the clerk typing it again."""

    surname: str
    first_names: str
    birth_date: datetime.date | None = None
    nationality: str = ""  # ISO 3166 alpha-2
    language: str = ""  # a language code as the questionnaires use it


@dataclass(frozen=True)
class StartOption:
    """A first interview another plugin offers to start, e.g. today's booking."""

    label: str
    person: PersonCore
    source: SourceRef


@dataclass(frozen=True)
class SourceLink:
    """A provider's answer when asked what a ``SourceRef`` of its own is: a label and its own page."""

    label: str
    url: str


@dataclass(frozen=True)
class CaseStatusChanged:
    """Announced after the commit of each status change, so that other plugins react without polling.

    Ids and values only: a receiver that needs more reads it itself, in its own transaction.
    ``source`` is where the case came from, so the plugin that offered the start (a
    booking) can follow its case without reading intake's tables.
    """

    case_id: int
    reference: str
    old_status: str
    new_status: str
    actor_id: int | None
    at: datetime.datetime
    source: SourceRef


@dataclass(frozen=True)
class FieldDependency:
    """A consumer (an app label) reads ``key`` of questionnaire ``questionnaire`` and needs it of ``field_type``.

    ``required``: the consumer needs an answer in every completed answer set, so the
    question must stay required and unconditional; otherwise it must only stay asked.
    """

    consumer: str
    questionnaire: str
    key: str
    field_type: str
    required: bool = True


@dataclass(frozen=True)
class DemoRequest:
    """What ``seed_demo`` or ``bootstrap --demo`` asks of each app's demo data.

    ``arrivals``: how many invented people arrive over the past year (intake makes
    a case of each). ``once``: only if the app has no demo data yet (bootstrap).
    """

    arrivals: int
    seed: int | None = None
    once: bool = False
    batch_size: int = 2000


@dataclass(frozen=True)
class AuditVocabulary:
    """How the audit report puts an app's entries into words; the log itself keeps the codes.

    ``actions``: action code → label (“Fall gelesen”). ``details``: detail key → label.
    ``values``: detail key → {stored value → label}, e.g. status codes or field names.
    ``transitions``: (from key, to key, label), shown together as “label: from → to”.
    """

    actions: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    transitions: tuple = ()


@dataclass(frozen=True)
class PrivacyNotice:
    """The privacy notice a person is shown, so that what they accepted can be recorded with its version.

    ``language`` is the language of the text actually shown (the German one when no
    translation is published); ``url`` is the provider's own page.
    """

    version: str
    language: str
    title: str
    url: str


@dataclass(frozen=True)
class PublicLink:
    """An entry point of a plugin on the public site, e.g. “Termin buchen”, in the asked language."""

    label: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class OpeningRange:
    """One range of opening hours on a weekday (0 = Monday), in local time."""

    weekday: int
    start: datetime.time
    end: datetime.time


@dataclass(frozen=True)
class OpeningHours:
    """The recurring opening hours of one office or calendar, with its closures to come."""

    label: str
    ranges: tuple[OpeningRange, ...]
    closures: tuple[tuple[datetime.date, datetime.date, str], ...] = ()


@dataclass(frozen=True)
class RecipientKind:
    """A kind of recipient data may go to (“registration office”), offered by the referrals plugin.

    The field catalogue stores ``value`` in a field's “may go to” list; ``label`` is shown.
    """

    value: str
    label: str


# The case's own data a recipient's scope may name beside catalogue fields (``CaseRecord.core``).
CASE_CORE_FIELDS = ("reference", "status", "opened", "status_changed", "certificate_number", "certificate_issued")


@dataclass(frozen=True)
class CaseQuery:
    """Which cases a consumer asks the case provider for, through ``CASE_RECORDS``.

    ``statuses``: only cases now in one of these. ``changed_before``: only cases whose status
    last changed at or before it (a handover's cut-off). ``case_ids``: only these (a handover
    rebuilt from its claimed cases). ``keys``: the answer keys wanted, nothing else is read.
    Chunks come in ascending case id, ``chunk_size`` cases each.
    """

    statuses: tuple = ()
    changed_before: datetime.datetime | None = None
    case_ids: tuple | None = None
    keys: tuple = ()
    chunk_size: int = 2000


@dataclass(frozen=True)
class CaseRecord:
    """One case as a consumer receives it: ``core`` by ``CASE_CORE_FIELDS``, ``answers`` by catalogue key."""

    case_id: int
    core: dict
    answers: dict


@dataclass(frozen=True)
class BookingCheckedIn:
    """A booking whose people the clerk checked in (a walk-in is booked and checked in at once).

    ``source`` names the booking (kind ``booking``, its code) for whoever links back to it;
    ``people`` has one entry per person present, each name confirmed by the clerk (a family
    booked as one gives several); ``answers`` are the answers given in advance, by key, as
    the questionnaire engine stores them for ``questionnaire`` (empty when none were given).
    Read them, never change them.
    """

    source: SourceRef
    calendar: str
    appointment: datetime.datetime
    language: str
    people: tuple[PersonCore, ...]
    questionnaire: str = ""
    answers: dict = field(default_factory=dict)
    walk_in: bool = False
