"""Where catalogue fields are used: by answers and by questionnaires."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .definition import condition_answers, raw_dicts, referenced_keys
from .dependencies import consumer_name, needing
from .models import AnswerSet, Questionnaire


def answer_sets_using(key):
    return AnswerSet.objects.filter(answered__has_key=key).count()


def answer_counts(keys, questionnaire=None):
    """``{key: number of answer sets holding it}`` for those of ``keys`` some set holds; one query."""
    keys = sorted(keys)
    if not keys:
        return {}
    sets = AnswerSet.objects.filter(answered__has_any_keys=keys)
    if questionnaire is not None:
        sets = sets.filter(questionnaire=questionnaire)
    counts = sets.aggregate(**{f"k{i}": Count("pk", filter=Q(answered__has_key=key)) for i, key in enumerate(keys)})
    return {key: counts[f"k{i}"] for i, key in enumerate(keys) if counts[f"k{i}"]}


def removed_keys_in_use(questionnaire, new_body):
    """Keys the live version asks, the new body drops, and answers of this questionnaire hold."""
    live = Questionnaire.objects.filter(pk=questionnaire.pk).values_list("body", flat=True).first()
    live_raw = Questionnaire._meta.get_field("body").to_python(live).get_prep_value() if live else []
    removed = referenced_keys(live_raw) - referenced_keys(new_body.get_prep_value())
    if not removed:
        return {}
    return dict(sorted(answer_counts(removed, questionnaire).items()))


def _answers_to(data, key):
    if key in data:
        yield data[key]
    for value in data.values():  # sub-fields of repeatable groups
        if isinstance(value, list):
            yield from (entry[key] for entry in value if isinstance(entry, dict) and key in entry)


def option_uses(key, values):
    """How many answer sets chose each of ``values`` for ``key`` (also inside groups)."""
    counts = Counter()
    holders = AnswerSet.objects.filter(answered__has_key=key)
    for data in holders.values_list("data", flat=True).iterator(chunk_size=2000):
        chosen = set()
        for answer in _answers_to(data, key):
            chosen.update(answer if isinstance(answer, list) else [answer])
        counts.update(chosen & values)
    return counts


def _bodies():
    """Each questionnaire with the raw data of its published and its latest (perhaps draft) body."""
    for questionnaire in Questionnaire.objects.all():
        latest = questionnaire.get_latest_revision_as_object()
        yield questionnaire, (questionnaire.body.get_prep_value(), latest.body.get_prep_value())


def conditions_comparing(key, values):
    """``{questionnaire title: values}`` for conditions (published or draft) that compare ``key`` with ``values``."""
    using = {}
    for questionnaire, bodies in _bodies():
        compared = {
            answer
            for body in bodies
            for block in raw_dicts(body)
            if block.get("field") == key and "answer" in block
            for answer in condition_answers(block)
        }
        if compared & values:
            using[str(questionnaire)] = sorted(compared & values)
    return using


def questionnaires_using(key):
    """Questionnaires whose published or draft version asks ``key``."""
    return [questionnaire for questionnaire, bodies in _bodies() if any(key in referenced_keys(b) for b in bodies)]


def usage_summary(key):
    """What deleting ``key`` would break, in words; empty when nothing uses it."""
    answers = answer_sets_using(key)
    questionnaires = [str(q) for q in questionnaires_using(key)]
    parts = []
    if answers:
        parts.append(ngettext("%(n)d answer set holds it", "%(n)d answer sets hold it", answers) % {"n": answers})
    if questionnaires:
        parts.append(_("used by: %s") % ", ".join(questionnaires))
    consumers = sorted({consumer_name(dependency) for dependency in needing(key)})
    if consumers:
        parts.append(_("read by: %s") % ", ".join(consumers))
    return "; ".join(parts)
