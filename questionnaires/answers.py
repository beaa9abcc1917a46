"""Storing answers: a validated form (one function, a constant number of queries), or many sets in bulk."""

from django.db import transaction

from core.bulk import restamp

from .entries import ENTRY_ID, is_group_value, with_entry_ids
from .field_types import localized
from .models import AnswerSet


class StaleAnswers(Exception):
    """Answers were changed after the page saving them was opened at version ``expected`` (optimistic locking).

    ``answer_set`` is the set as stored now (its ``version``, ``updated_by``,
    ``updated_at``); ``changed`` the keys whose answer changed since ``expected``.
    """

    def __init__(self, answer_set, expected):
        self.answer_set = answer_set
        self.expected = expected
        self.changed = answer_set.changed_since(expected)
        super().__init__(f"answer set {answer_set.pk} is at version {answer_set.version}, not {expected}")

    @property
    def version(self):
        return self.answer_set.version

    def labels(self, language="de"):
        """The changed questions' labels in questionnaire order (a key no longer asked by its key)."""
        items = [item for section in self.answer_set.definition().get("sections", []) for item in section["items"]]
        labels = [
            localized(item.get("label"), language) or item["key"] for item in items if item["key"] in self.changed
        ]
        return labels + sorted(self.changed - {item["key"] for item in items})


def answered_keys(answers):
    """The catalogue keys ``answers`` hold, sub-fields of group entries included."""
    keys = set()
    for key, value in answers.items():
        keys.add(key)
        if is_group_value(value):
            keys.update(sub for entry in value for sub in entry if sub != ENTRY_ID)
    return keys


def answered_index(answers):
    """What ``AnswerSet.answered`` holds for ``answers``."""
    return dict.fromkeys(sorted(answered_keys(answers)), True)


@transaction.atomic
def save_answers(form, *, questionnaire, revision, user=None, answer_set=None, expected_version=None):
    """Create or update the answer set from a valid ``QuestionnaireForm``; returns it.

    With ``expected_version`` (0 for a set not created yet), the stored set is
    locked and a save from any other version raises ``StaleAnswers``.
    """
    answers = form.answers()
    if answer_set is None:
        answer_set = AnswerSet(questionnaire=questionnaire, version=0)
    else:
        answer_set = AnswerSet.objects.select_for_update().get(pk=answer_set.pk)
    # A save in between that changed nothing is no conflict.
    if expected_version is not None and expected_version > answer_set.version:
        expected_version = 0  # a version never stored: nothing is known of what the page showed
    if expected_version is not None and answer_set.changed_since(expected_version):
        raise StaleAnswers(answer_set, expected_version)
    previous = {} if answer_set.pk is None else answer_set.data
    answer_set.version += 1
    changed = {key for key in set(previous) | set(answers) if previous.get(key) != answers.get(key)}
    answer_set.key_versions = {**answer_set.key_versions, **dict.fromkeys(changed, answer_set.version)}
    answer_set.revision = revision
    answer_set.data = answers
    answer_set.answered = answered_index(answers)
    answer_set.language = form.language
    answer_set.updated_by = user if user is not None and user.is_authenticated else None
    answer_set.save()
    return answer_set


@transaction.atomic
def save_answers_in_bulk(questionnaire, revision, answers, *, language="de", times=None):
    """One answer set per entry of ``answers`` (already valid: no form runs), in a few statements.

    ``times``: ``(created_at, updated_at)`` per set, for data that happened in the past.
    """
    answer_sets = [
        AnswerSet(questionnaire=questionnaire, revision=revision, data=with_entry_ids(data), language=language)
        for data in answers
    ]
    for answer_set in answer_sets:
        answer_set.answered = answered_index(answer_set.data)
    AnswerSet.objects.bulk_create(answer_sets)
    if times is not None:
        restamp(AnswerSet, answer_sets, ["created_at", "updated_at"], times)
    return answer_sets
