"""Intake's answer to a check-in (``BOOKING_CHECKED_IN``): a case for each person present.

Each case keeps the booking as its source (kind and code) and starts its interview
with the answers given in advance, the person's own core data over them, and the
appointment's date; the clerk goes on from the links returned.
"""

from django.urls import reverse
from django.utils import timezone

from core.contracts import SourceLink
from questionnaires.api import NotPublished, published, save_answers_in_bulk

from .case_file import initial_answers, open_case
from .case_views import INTERVIEW_QUESTIONNAIRE
from .models import Case

APPOINTMENT_KEY = "appointment_date"


def _item_keys(definition):
    return {item["key"] for section in definition.get("sections", []) for item in section["items"]}


def _interview_answers(case, checked_in, clerk, keys):
    """What the case's interview starts with: the advance answers of its questionnaire, then the case's own."""
    given = checked_in.answers if checked_in.questionnaire == INTERVIEW_QUESTIONNAIRE else {}
    answers = {key: value for key, value in given.items() if key in keys}
    answers.update(initial_answers(case, clerk))
    if APPOINTMENT_KEY in keys:
        answers[APPOINTMENT_KEY] = timezone.localtime(checked_in.appointment).date().isoformat()
    return answers


def open_checked_in(checked_in, request):
    """One case per person, in the check-in's transaction; the links to their interviews."""
    clerk = request.user
    if not clerk.has_perm("intake.add_case"):
        return []
    try:
        questionnaire, revision, definition = published(INTERVIEW_QUESTIONNAIRE)
    except NotPublished:
        questionnaire = None
    links = []
    for person in checked_in.people:
        case = open_case(
            surname=person.surname,
            first_names=person.first_names,
            birth_date=person.birth_date,
            nationality=person.nationality,
            language=person.language,
            clerk=clerk,
            source=checked_in.source,
        )
        if questionnaire is not None:
            answers = _interview_answers(case, checked_in, clerk, _item_keys(definition))
            (case.answer_set,) = save_answers_in_bulk(questionnaire, revision, [answers])
            Case.objects.filter(pk=case.pk).update(answer_set=case.answer_set)
        links.append(
            SourceLink(label=f"{case.reference} {case.full_name}", url=reverse("intake_case:interview", args=[case.pk]))
        )
    return links
