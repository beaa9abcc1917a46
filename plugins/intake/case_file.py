"""Opening a case, moving it through its statuses, saving the interview: one function each."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.contracts import CaseStatusChanged, SourceRef
from core.events import announce
from core.hooks import CASE_STATUS_CHANGED
from core.staff import staff_name
from questionnaires.api import missing_required, save_answers

from .models import WALK_IN, Case, CaseStatus, CaseStatusChange, Sequence
from .sources import storable

S = CaseStatus
TRANSITIONS = {
    S.OPEN: {S.IN_INTERVIEW, S.WITHDRAWN, S.DID_NOT_APPEAR},
    S.IN_INTERVIEW: {S.COMPLETE, S.WITHDRAWN},
    S.COMPLETE: {S.IN_INTERVIEW, S.RELEASED, S.WITHDRAWN},
    S.RELEASED: {S.REGISTERED, S.COMPLETE},
    S.REGISTERED: set(),
    S.WITHDRAWN: {S.OPEN},
    S.DID_NOT_APPEAR: {S.OPEN},
}
NEEDS_REASON = {S.WITHDRAWN, S.DID_NOT_APPEAR}
# What a clerk may set by hand; complete, released and registered only follow from the
# interview, the release and the Bürgerbüro's confirmation, which check what they need.
SET_BY_HAND = (S.WITHDRAWN, S.DID_NOT_APPEAR, S.OPEN)
EDITABLE = {S.OPEN, S.IN_INTERVIEW, S.COMPLETE}
CORE_ANSWERS = {
    "surname": "surname",
    "first_names": "first_names",
    "date_of_birth": "birth_date",
    "interview_language": "language",
}
NATIONALITIES = "nationalities"
STAFF_MEMBER = "staff_member"
# What the case file reads from the interview's answers, with the catalogue type it expects.
ANSWERS_READ = {
    "surname": "text",
    "first_names": "text",
    "date_of_birth": "date",
    NATIONALITIES: "nationality",
    "interview_language": "language",
    STAFF_MEMBER: "text",
}


class TransitionRefused(Exception):
    pass


def next_number(name, year):
    """The next value of a yearly sequence; safe when many transactions ask at once."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Sequence.objects.get_or_create(name=name, year=year)
        except IntegrityError:
            pass
        Sequence.objects.filter(name=name, year=year).update(value=F("value") + 1)
        return Sequence.objects.get(name=name, year=year).value


@transaction.atomic
def open_case(*, surname, first_names, birth_date, nationality="", language="", clerk=None, source=None):
    """``source`` is the ``SourceRef`` of the start option another plugin offered; None for a walk-in."""
    source = source or SourceRef(WALK_IN, "")
    if not storable(source):
        raise ValueError(f"A case cannot store this source: {source!r}")
    year = timezone.localdate().year
    number = next_number("case", year)
    case = Case.objects.create(
        reference=f"CS-{year}-{number:05d}",
        year=year,
        number=number,
        surname=surname.strip(),
        first_names=first_names.strip(),
        birth_date=birth_date,
        nationality=nationality,
        language=language,
        assigned_clerk=clerk,
        source_kind=source.kind,
        source_id=source.id,
        status_changed_at=timezone.now(),
    )
    audit.record("case.open", case, clerk, source_kind=source.kind, source_id=source.id)
    return case


@transaction.atomic
def change_status(case, to_status, actor, reason="", *, via=(), locked=False):
    """The one way a case changes status: checked, locked, recorded and audited together.

    ``via``: statuses passed on the way, each checked, recorded, audited and announced as a
    step of its own, the case row written once. ``locked``: ``case`` is the row as this
    transaction already locked it (``select_for_update``), so it is not read again.
    """
    locked_case = case if locked else Case.objects.select_for_update().get(pk=case.pk)
    steps = []
    from_status = CaseStatus(locked_case.status)
    for step in (*via, to_status):
        if step not in TRANSITIONS[from_status]:
            raise TransitionRefused(
                _("A case cannot go from “%(from)s” to “%(to)s”.")
                % {"from": from_status.label, "to": CaseStatus(step).label}
            )
        if step in NEEDS_REASON and not reason.strip():
            raise TransitionRefused(_("Please give a reason."))
        steps.append((from_status, CaseStatus(step)))
        from_status = CaseStatus(step)
    CaseStatusChange.objects.bulk_create(
        CaseStatusChange(case=locked_case, from_status=old, to_status=new, actor=actor, reason=reason.strip())
        for old, new in steps
    )
    locked_case.status = to_status
    locked_case.status_changed_at = timezone.now()
    locked_case.save(update_fields=["status", "status_changed_at", "updated_at"])
    for old, new in steps:
        # The reason is free text about the person: it stays in the case history, not in the log.
        audit.record("case.status", locked_case, actor, from_status=old.value, to_status=str(new))
        announce(
            CASE_STATUS_CHANGED,
            CaseStatusChanged(
                case_id=locked_case.pk,
                reference=locked_case.reference,
                old_status=old.value,
                new_status=str(new),
                actor_id=actor.pk if actor is not None else None,
                at=locked_case.status_changed_at,
                source=locked_case.source,
            ),
        )
    case.status, case.status_changed_at = locked_case.status, locked_case.status_changed_at
    return case


def interview_closed_message(case):
    return _("The case is now “%s”; its interview can no longer be changed.") % CaseStatus(case.status).label


def set_status_by_hand(case, to_status, actor, reason=""):
    if to_status not in SET_BY_HAND:
        raise TransitionRefused(_("This status cannot be set by hand."))
    return change_status(case, to_status, actor, reason=reason)


def initial_answers(case, clerk=None):
    """What the interview starts with: the stored answers, or the core data of a new case."""
    if case.answer_set_id:
        return case.answer_set.data
    answers = {key: getattr(case, column) for key, column in CORE_ANSWERS.items() if getattr(case, column)}
    if clerk is not None:
        answers[STAFF_MEMBER] = staff_name(clerk)
    answers["date_of_birth"] = case.birth_date.isoformat()
    if case.nationality:
        answers[NATIONALITIES] = [case.nationality]
    return answers


@transaction.atomic
def save_interview(case, form, *, questionnaire, revision, actor, complete=False, expected_version=None):
    """Store the interview's answers (a draft when not ``complete``) and keep the core data in step.

    The case is locked and checked again: a colleague may have released it since the form was opened.
    ``expected_version`` is the answers' version the page was opened with (0 before the first save):
    a save from an older one raises ``StaleAnswers`` and stores nothing. A complete case whose draft
    leaves a required answer empty is in interview again.
    """
    # The answer set is read after the lock, in a query of its own: a join would bring the version
    # read before the lock was granted.
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status not in EDITABLE:
        raise TransitionRefused(interview_closed_message(case))
    answer_set = save_answers(
        form,
        questionnaire=questionnaire,
        revision=revision,
        user=actor,
        answer_set=case.answer_set,
        expected_version=expected_version,
    )
    answers = answer_set.data
    for key, column in CORE_ANSWERS.items():
        if answers.get(key):
            setattr(case, column, answers[key])
    if isinstance(case.birth_date, str):
        case.birth_date = timezone.datetime.fromisoformat(case.birth_date).date()
    if answers.get(NATIONALITIES):
        case.nationality = answers[NATIONALITIES][0]
    case.answer_set = answer_set
    if case.assigned_clerk_id is None:
        case.assigned_clerk = actor
    case.save(update_fields=[*CORE_ANSWERS.values(), "nationality", "answer_set", "assigned_clerk", "updated_at"])
    audit.record("case.answers", case, actor, answers=sorted(answers), complete=complete)
    steps = [CaseStatus.IN_INTERVIEW] if case.status == CaseStatus.OPEN else []
    if complete and CaseStatus.IN_INTERVIEW in (case.status, *steps):
        steps.append(CaseStatus.COMPLETE)
    if not complete and case.status == CaseStatus.COMPLETE and missing_required(answer_set):
        steps.append(CaseStatus.IN_INTERVIEW)
    if steps:
        # One step or two (a new case completed at its first save), on the row locked above.
        change_status(case, steps[-1], actor, via=steps[:-1], locked=True)
    return case
