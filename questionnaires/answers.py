"""Storing answers: a validated form (one function, a constant number of queries), or many sets in bulk."""

from django.db import transaction

from core.bulk import insert_rows, restamp

from .models import AnsweredField, AnswerSet


def answered_keys(answers):
    keys = set()
    for key, value in answers.items():
        keys.add(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            keys.update(sub for entry in value for sub in entry)
    return keys


@transaction.atomic
def save_answers(form, *, questionnaire, revision, user=None, answer_set=None):
    """Create or update the answer set from a valid ``QuestionnaireForm``; returns it."""
    answers = form.answers()
    if answer_set is None:
        answer_set = AnswerSet(questionnaire=questionnaire)
    answer_set.revision = revision
    answer_set.data = answers
    answer_set.language = form.language
    answer_set.updated_by = user if user is not None and user.is_authenticated else None
    answer_set.save()
    AnsweredField.objects.filter(answer_set=answer_set).delete()
    AnsweredField.objects.bulk_create(
        AnsweredField(answer_set=answer_set, key=key) for key in sorted(answered_keys(answers))
    )
    return answer_set


@transaction.atomic
def save_answers_in_bulk(questionnaire, revision, answers, *, language="de", times=None):
    """One answer set per entry of ``answers`` (already valid: no form runs), in a few statements.

    ``times``: ``(created_at, updated_at)`` per set, for data that happened in the past.
    """
    answer_sets = AnswerSet.objects.bulk_create(
        AnswerSet(questionnaire=questionnaire, revision=revision, data=data, language=language) for data in answers
    )
    if times is not None:
        restamp(AnswerSet, answer_sets, ["created_at", "updated_at"], times)
    rows = [(answer_set.pk, key) for answer_set in answer_sets for key in sorted(answered_keys(answer_set.data))]
    insert_rows(AnsweredField, ["answer_set", "key"], rows)
    return answer_sets
