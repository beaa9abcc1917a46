"""Storing a validated questionnaire form: one function, a constant number of queries."""

from django.db import transaction

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
