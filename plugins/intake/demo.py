"""Intake's demo cases: a year of invented arrivals, written in bulk (only ``demo`` imports this module).

``seed_demo_cases(n)`` adds ``n`` cases spread over the past twelve months, with
answers to the published ``erstgespraech`` (``demo.answers``), status histories
that follow ``case_file.TRANSITIONS`` and release certificates for released
cases. The demo app's ``seed_demo`` and ``bootstrap --demo`` call it through
the ``DEMO_DATA`` hook.

Rows are built in memory and inserted with ``bulk_create``, batch by batch, each
batch in one transaction: the number of statements grows with the number of
batches, not of rows. ``bulk_create`` stamps ``auto_now``/``auto_now_add``
fields with the current time, so the demo's own times are written back with one
``executemany`` UPDATE per table and batch. Nothing is audited per row; one
``demo.seed`` entry records the run. Every demo case has ``source_kind="demo"``.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import audit, roles
from core.bulk import restamp
from core.contracts import DemoRequest
from core.staff import staff_name
from demo.answers import AnswerMaker, DemoUnavailable
from demo.people import People, Person
from questionnaires.api import NotPublished, published, save_answers_in_bulk

from .case_file import initial_answers
from .models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    CertificateStatus,
    ReleaseCertificate,
    Sequence,
)
from .release import new_verification_code

QUESTIONNAIRE = "erstgespraech"
SOURCE = "demo"
BATCH_SIZE = DemoRequest.batch_size  # cases per transaction
MAX_CLERKS = 20

S = CaseStatus
NONE, DRAFT, FULL = "none", "draft", "full"  # how much of the interview was recorded


NO_SHOW = ("Zum Termin nicht erschienen.", "Nicht erschienen, telefonisch nicht erreichbar.")
CANCELLED = ("Termin vom Arbeitgeber abgesagt.", "Person zieht nicht nach Weißenfels.", "Doppelt angelegt.")
BROKEN_OFF = ("Person hat das Gespräch abgebrochen.", "Gespräch abgebrochen, kein Dolmetscher verfügbar.")
LEFT_LATER = ("Person ist vor der Anmeldung weggezogen.", "Arbeitsvertrag vor Arbeitsbeginn aufgelöst.")
REVOKED = ("Anschrift falsch übernommen, neu ausgestellt.", "Freigabeschein auf falschen Namen ausgestellt.")

# -- when: Tuesday and Thursday, 8:30–12:00 and 13:00–16:30 ------------------------------
OFFICE_WEEKDAYS = (1, 3)
OFFICE_MINUTES = 420


def _office_time(day, minute):
    """The ``minute``-th minute of the office hours of ``day``, as an aware datetime."""
    start = (8 * 60 + 30 + minute) if minute < 210 else (13 * 60 + minute - 210)
    naive = datetime.datetime.combine(day, datetime.time(start // 60, start % 60))
    return timezone.make_aware(naive)


def _at(day, hour, minutes=0):
    naive = datetime.datetime.combine(day, datetime.time(hour)) + datetime.timedelta(minutes=minutes)
    return timezone.make_aware(naive)


def _minutes(value):
    return datetime.timedelta(minutes=value)


# -- the story of a case: status changes and certificates --------------------------------
@dataclass
class Story:
    created_at: datetime.datetime
    appointment_at: datetime.datetime
    booked: bool
    status: str = S.OPEN
    changes: list = field(default_factory=list)  # (from, to, at, reason)
    certificates: list = field(default_factory=list)  # dicts, oldest first
    recorded: str = NONE
    started: datetime.datetime | None = None
    answered_at: datetime.datetime | None = None
    follow_up: datetime.date | None = None

    def move(self, to, at, reason=""):
        self.changes.append((self.status, to, at, reason))
        self.status = to

    @property
    def last_change(self):
        return self.changes[-1][2] if self.changes else self.created_at


def plan_arrivals(rng, n, now):
    """``n`` (created, appointment, booked) triples over the past year, oldest first.

    Most people walk in during office hours and are interviewed at once; some
    were booked (by themselves or their employer) days ahead. The appointments to
    come are the scheduling plugin's demo bookings: a case is opened at check-in.
    """
    today = timezone.localdate(now)
    days = [today - datetime.timedelta(days=d) for d in range(366)]
    past_office = [day for day in days if day.weekday() in OFFICE_WEEKDAYS]
    arrivals = []
    while len(arrivals) < n:
        booked = rng.random() < 0.15
        if booked:
            appointment = _office_time(rng.choice(past_office), rng.randrange(OFFICE_MINUTES))
            created = _at(appointment.date() - datetime.timedelta(days=rng.randint(1, 10)), rng.randint(8, 15))
            created += _minutes(rng.randrange(60))
        else:
            created = appointment = _office_time(rng.choice(past_office), rng.randrange(OFFICE_MINUTES))
        if created <= now:
            arrivals.append((created, appointment, booked))
    arrivals.sort(key=lambda arrival: arrival[0])
    return arrivals


def tell(rng, created_at, appointment_at, booked, now):
    """What happened to a case up to ``now``: every change follows ``TRANSITIONS``, none lies ahead."""
    story = Story(created_at, appointment_at, booked)
    if appointment_at > now:
        return story
    if booked:
        roll = rng.random()
        if roll < 0.28:
            at = appointment_at + _minutes(rng.randint(30, 120))
            if at <= now:
                story.move(S.DID_NOT_APPEAR, at, rng.choice(NO_SHOW))
            return story
        if roll < 0.31:
            at = max(created_at + _minutes(10), appointment_at - _minutes(rng.randint(120, 4000)))
            story.move(S.WITHDRAWN, at, rng.choice(CANCELLED))
            return story
    start = appointment_at + _minutes(rng.randint(0, 15) if booked else rng.randint(1, 10))
    if start > now:
        return story
    story.move(S.IN_INTERVIEW, start)
    story.started, story.recorded = start, DRAFT
    story.answered_at = min(now, start + _minutes(rng.randint(5, 20)))
    finished = start + _minutes(rng.randint(20, 55))
    recent = now - start < datetime.timedelta(days=14)
    if rng.random() < 0.03:
        at = start + _minutes(rng.randint(8, 20))
        if at <= now:
            story.move(S.WITHDRAWN, at, rng.choice(BROKEN_OFF))
            story.answered_at = at
        return story
    if finished > now or rng.random() < (0.2 if recent else 0.005):
        return story
    story.move(S.COMPLETE, finished)
    story.recorded, story.answered_at = FULL, finished
    story.follow_up = _next_weekday(finished.date() + datetime.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7, 9, 14))))
    if rng.random() < 0.012:
        at = finished + datetime.timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 400))
        if at <= now:
            story.move(S.WITHDRAWN, at, rng.choice(LEFT_LATER))
        return story
    released = finished + _minutes(rng.randint(2, 8))
    if released > now or rng.random() < (0.1 if recent else 0.02):
        return story
    story.certificates.append({"issued_at": released})
    story.move(S.RELEASED, released)
    if story.follow_up == released.date():
        registration = released + _minutes(rng.randint(30, 120))
    else:
        registration = _at(story.follow_up, 8, rng.randrange(450))
    window = (registration - released).total_seconds() / 60
    roll = rng.random()
    if roll < 0.02 and window > 30:
        at = released + _minutes(rng.uniform(10, window / 2))
        if at > now:
            return story
        story.certificates[-1].update(status=CertificateStatus.REVOKED, revoked_at=at, reason=rng.choice(REVOKED))
        story.move(S.COMPLETE, at, story.certificates[-1]["reason"])
        again = at + _minutes(rng.randint(5, 15))
        if again > now:
            return story
        story.certificates.append({"issued_at": again})
        story.move(S.RELEASED, again)
    elif roll < 0.05 and window > 30:
        at = released + _minutes(rng.uniform(10, window - 10))
        if at > now:
            return story
        story.certificates[-1].update(status=CertificateStatus.SUPERSEDED, superseded=True)
        story.certificates.append({"issued_at": at})
    if registration <= now and rng.random() < 0.92:
        story.move(S.REGISTERED, registration)
    return story


def _next_weekday(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


# -- writing ---------------------------------------------------------------------------
@dataclass
class SeedReport:
    cases: int = 0
    answer_sets: int = 0
    status_changes: int = 0
    certificates: int = 0
    batches: int = 0
    seconds: float = 0.0
    seed: int | None = None
    statuses: Counter = field(default_factory=Counter)

    @property
    def rows(self):
        return self.cases + self.answer_sets + self.status_changes + self.certificates


def _reserve(needs):
    """``needs``: ``{(name, year): count}`` of yearly sequences; takes the numbers, returns the first of each.

    Three statements whatever the number of sequences; the counters are locked
    until the batch commits, so ``next_number`` (``open_case``) waits and then
    continues after the demo's numbers.
    """
    Sequence.objects.bulk_create([Sequence(name=name, year=year) for name, year in needs], ignore_conflicts=True)
    wanted = Q()
    for name, year in needs:
        wanted |= Q(name=name, year=year)
    counters = list(Sequence.objects.select_for_update().filter(wanted))
    first = {}
    for counter in counters:
        first[(counter.name, counter.year)] = counter.value + 1
        counter.value += needs[(counter.name, counter.year)]
    Sequence.objects.bulk_update(counters, ["value"])
    return first


@dataclass
class Planned:
    """One case before it is written: the row, the person, what happened, the answers (``None``: none yet)."""

    case: Case
    person: Person
    story: Story
    answers: dict | None


def _number(planned):
    """Reserve the batch's case and certificate numbers; assign them in the order things happened."""
    local = timezone.localtime
    certificates = sorted(
        (cert for item in planned for cert in item.story.certificates), key=lambda cert: cert["issued_at"]
    )
    needs = Counter(("case", local(item.story.created_at).year) for item in planned)
    needs.update(("certificate", local(cert["issued_at"]).year) for cert in certificates)
    first = _reserve(needs)
    for item in planned:
        year = local(item.story.created_at).year
        item.case.year, item.case.number = year, first[("case", year)]
        item.case.reference = f"CS-{year}-{item.case.number:05d}"
        first[("case", year)] += 1
    for cert in certificates:
        year = local(cert["issued_at"]).year
        cert["number"] = f"FS-{year}-{first[('certificate', year)]:05d}"
        first[("certificate", year)] += 1


def _write_batch(planned, questionnaire, revision, report):
    """One transaction: numbers reserved, then every row of the batch in a few bulk statements per table."""
    with transaction.atomic():
        _number(planned)

        answered = [item for item in planned if item.answers is not None]
        answer_sets = save_answers_in_bulk(
            questionnaire,
            revision,
            [item.answers for item in answered],
            times=[(item.story.started, item.story.answered_at) for item in answered],
        )
        for item, answer_set in zip(answered, answer_sets, strict=True):
            item.case.answer_set = answer_set

        cases = Case.objects.bulk_create([item.case for item in planned])
        restamp(
            Case,
            cases,
            ["created_at", "updated_at"],
            [
                (item.story.created_at, max(item.story.last_change, item.story.answered_at or item.story.created_at))
                for item in planned
            ],
        )

        changes, times = [], []
        for item in planned:
            for from_status, to_status, at, reason in item.story.changes:
                changes.append(
                    CaseStatusChange(case=item.case, from_status=from_status, to_status=to_status, reason=reason)
                )
                times.append((at,))
        CaseStatusChange.objects.bulk_create(changes)
        restamp(CaseStatusChange, changes, ["changed_at"], times)

        certificates, stamps = [], []
        for item in planned:
            follow_up = _at(item.story.follow_up, 0) if item.story.follow_up else None
            for cert in item.story.certificates:
                cert["object"] = ReleaseCertificate(
                    case=item.case,
                    number=cert["number"],
                    verification_code=new_verification_code(),
                    holder_name=item.case.full_name,
                    holder_birth_date=item.case.birth_date,
                    status=cert.get("status", CertificateStatus.VALID),
                    language=item.case.language,
                    follow_up_appointment=follow_up,
                    revoked_at=cert.get("revoked_at"),
                    revoke_reason=cert.get("reason", ""),
                )
                certificates.append(cert["object"])
        ReleaseCertificate.objects.bulk_create(certificates)
        for item in planned:
            chain = item.story.certificates
            for index, cert in enumerate(chain):
                successor = chain[index + 1]["object"].pk if cert.get("superseded") else None
                stamps.append((cert["issued_at"], successor))
        restamp(ReleaseCertificate, certificates, ["issued_at", "superseded_by"], stamps)
    report.cases += len(cases)
    report.answer_sets += len(answer_sets)
    report.status_changes += len(changes)
    report.certificates += len(certificates)
    report.batches += 1
    report.statuses.update(str(case.status) for case in cases)


def seed_demo_cases(n, *, stdout=None, seed=None, batch_size=BATCH_SIZE):
    """Add ``n`` demo cases (seeding again adds more); returns a ``SeedReport``.

    Raises ``DemoUnavailable`` when the first-interview questionnaire is not
    published (``manage.py bootstrap`` publishes it). The same ``seed`` gives
    the same people and stories (not the same numbers or verification codes).
    """
    started = time.perf_counter()
    try:
        questionnaire, revision, definition = published(QUESTIONNAIRE)
    except NotPublished as error:
        raise DemoUnavailable(
            f"The questionnaire {QUESTIONNAIRE!r} is not published yet; run `manage.py bootstrap` first."
        ) from error
    seed = random.SystemRandom().randrange(2**32) if seed is None else seed
    rng = random.Random(seed)
    now = timezone.now()
    people = People(rng, n)
    maker = AnswerMaker(definition, people)
    drafts = max(1, len(definition.get("sections", [])) - 1)
    report = SeedReport(seed=seed)
    arrivals = plan_arrivals(rng, n, now)
    # The demo's clerks, when there are any, so the clerk filter and "my cases" have something to show.
    clerks = list(get_user_model().objects.filter(groups__name=roles.CLERK, is_active=True).order_by("pk")[:MAX_CLERKS])
    for offset in range(0, n, batch_size):
        planned = []
        for created_at, appointment_at, booked in arrivals[offset : offset + batch_size]:
            story = tell(rng, created_at, appointment_at, booked, now)
            person = people.person(timezone.localdate(story.started or appointment_at), follow_up=story.follow_up)
            clerk = rng.choice(clerks) if clerks and story.recorded != NONE else None
            if clerk is not None:
                person.clerk = staff_name(clerk)
            answers = None
            if story.recorded == FULL:
                answers = maker.answers(person)
            elif story.recorded == DRAFT:
                answers = maker.answers(person, sections=rng.randint(1, drafts))
            case = Case(
                surname=person.surname,
                first_names=person.first_names,
                birth_date=person.birth_date,
                nationality=person.nationality,
                language=person.language if answers is not None or rng.random() < 0.7 else "",
                status=story.status,
                source_kind=SOURCE,
                status_changed_at=story.last_change,
                assigned_clerk=clerk,
            )
            if story.recorded == DRAFT:
                # Saved from the interview form, which starts with the case's core data: every draft holds it.
                answers = {**initial_answers(case, clerk), **answers}
            planned.append(Planned(case, person, story, answers))
        _write_batch(planned, questionnaire, revision, report)
        if stdout is not None and n > batch_size:
            stdout.write(f"  {report.cases}/{n} cases")
    with transaction.atomic():
        audit.record(
            "demo.seed",
            None,
            None,
            cases=report.cases,
            certificates=report.certificates,
            seed=seed,
            statuses=dict(report.statuses),
        )
    report.seconds = time.perf_counter() - started
    if stdout is not None:
        stdout.write(
            f"Seeded {report.cases} cases in {report.seconds:.1f} s "
            f"({report.rows} rows in {report.batches} batches, seed {seed})."
        )
    return report


def contribute(request, stdout):
    """The ``DEMO_DATA`` hook: ``request.arrivals`` cases; with ``once``, only while there are none (bootstrap)."""
    if request.once:
        existing = Case.objects.filter(source_kind=SOURCE).count()
        if existing:
            stdout.write(f"Demo cases exist: {existing} (none added).")
            return
    seed_demo_cases(request.arrivals, stdout=stdout, seed=request.seed, batch_size=request.batch_size)
