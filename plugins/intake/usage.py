"""Where catalogue fields are used: by answers and by questionnaires."""

from django.db.models import Count

from .definition import referenced_keys
from .models import AnsweredField, Questionnaire


def answer_sets_using(key):
    return AnsweredField.objects.filter(key=key).count()


def answer_counts(keys, questionnaire=None):
    rows = AnsweredField.objects.filter(key__in=keys)
    if questionnaire is not None:
        rows = rows.filter(answer_set__questionnaire=questionnaire)
    return dict(rows.values_list("key").annotate(n=Count("answer_set_id", distinct=True)).order_by())


def removed_keys_in_use(questionnaire, new_body):
    """Keys the live version asks, the new body drops, and answers of this questionnaire hold."""
    live = Questionnaire.objects.filter(pk=questionnaire.pk).values_list("body", flat=True).first()
    live_raw = Questionnaire._meta.get_field("body").to_python(live).get_prep_value() if live else []
    removed = referenced_keys(live_raw) - referenced_keys(new_body.get_prep_value())
    if not removed:
        return {}
    return dict(sorted(answer_counts(removed, questionnaire).items()))


def questionnaires_using(key):
    """Questionnaires whose published or draft version asks ``key``."""
    using = []
    for questionnaire in Questionnaire.objects.all():
        latest = questionnaire.get_latest_revision_as_object()
        if key in referenced_keys(latest.body.get_prep_value()) or key in referenced_keys(
            questionnaire.body.get_prep_value()
        ):
            using.append(questionnaire)
    return using
