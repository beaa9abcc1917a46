"""Benchmark of the questionnaire engine against a hand-written Django form of the same questionnaire.

Run from the project directory (PostgreSQL is started by the script, on ``PGPORT``):

    .venv/bin/python bench/engine.py                      # SQLite, then PostgreSQL
    .venv/bin/python bench/engine.py --database sqlite --rounds 30
    .venv/bin/python bench/engine.py --profile build      # cProfile of one step instead (build|validate|save)

The questionnaire is the shipped ``erstgespraech`` (66 questions and 2 repeatable groups of 3:
72 fields), published by ``bootstrap``. The baseline is ``bench/baseline_form.py``, the same fields
and widgets as a plain Django form, generated once by ``bench/make_baseline_form.py``. Timed, in
interleaved rounds, German labels:

- build: engine ``published()`` + ``build_form()``; baseline: the form and its formsets instantiated;
- render: ``str(form)`` of each, the way each renders itself (the engine's sections template;
  the baseline's default template plus each formset);
- validate: a realistic complete POST (``demo.answers.AnswerMaker`` → ``post_data``) bound and
  ``is_valid()``; the engine's visibility rules run here, the baseline has none;
- save: engine ``save_answers()`` of a new answer set (with its answered-field index); baseline
  ``AnswerSet.objects.create()`` of the cleaned data as JSON in one transaction (the same table,
  no index); the statements of each are printed;
- total: build, render, validate and save one after the other.
"""

import cProfile
import datetime
import json
import pstats
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

GOALS = {"build": 1.3, "render": None, "validate": 1.3, "save": 2.0, "total": 1.15}
SLUG = "erstgespraech"


def extra(parser):
    parser.add_argument("--profile", choices=("build", "validate", "save"), help="Profile one engine step instead.")
    parser.add_argument("--calls", type=int, default=200, help="Calls profiled with --profile.")


class Bench:
    """The two forms' steps as callables over the same POST."""

    def __init__(self):
        import baseline_form
        from django.utils import timezone

        from demo.answers import AnswerMaker
        from demo.people import People
        from questionnaires.api import published
        from questionnaires.forms import post_data

        # Resolved once: the lookup is timed in build, not in save.
        self.questionnaire, self.revision, definition = published(SLUG)
        self.definition = definition
        people = People(random.Random(7), 10)
        today = timezone.localdate()
        person = people.person(today, follow_up=today + datetime.timedelta(days=2))
        self.post = post_data(definition, AnswerMaker(definition, people).answers(person))
        self.baseline_form = baseline_form
        self.form_class = baseline_form.ErstgespraechForm
        engine_form = self.engine_validate()
        assert engine_form.is_valid(), engine_form.errors
        baseline = self.baseline_validate()
        assert baseline.valid, baseline.errors

    # -- engine ------------------------------------------------------------------------
    def engine_build(self, data=None):
        from questionnaires.api import build_form, published

        return build_form(published(SLUG).definition, data=data, language="de")

    def engine_render(self, form):
        return str(form)

    def engine_validate(self):
        from questionnaires.api import build_form

        form = build_form(self.definition, data=self.post, language="de")
        form.is_valid()
        return form

    def engine_save(self, form):
        from questionnaires.api import save_answers

        return save_answers(form, questionnaire=self.questionnaire, revision=self.revision, expected_version=0)

    def engine_total(self):
        self.engine_render(self.engine_build())
        form = self.engine_validate()
        self.engine_save(form)

    # -- baseline ------------------------------------------------------------------------
    def baseline_build(self, data=None):
        return BaselineForms(self.form_class, self.baseline_form.FORMSETS, data)

    def baseline_render(self, forms):
        return str(forms.form) + "".join(str(formset) for formset in forms.formsets.values())

    def baseline_validate(self):
        forms = self.baseline_build(self.post)
        forms.validate()
        return forms

    def baseline_save(self, forms):
        from django.core.serializers.json import DjangoJSONEncoder
        from django.db import transaction

        from questionnaires.models import AnswerSet

        data = {key: value for key, value in forms.form.cleaned_data.items() if value not in (None, "", [])}
        for key, formset in forms.formsets.items():
            data[key] = [entry for entry in formset.cleaned_data if entry and not entry.get("DELETE")]
        with transaction.atomic():
            return AnswerSet.objects.create(
                questionnaire=self.questionnaire,
                revision=self.revision,
                data=json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
                language="de",
            )

    def baseline_total(self):
        self.baseline_render(self.baseline_build())
        forms = self.baseline_validate()
        self.baseline_save(forms)


class BaselineForms:
    """The hand-written form and one formset per group, bound to the same data."""

    def __init__(self, form_class, formsets, data):
        self.form = form_class(data=data)
        self.formsets = {key: formset(data=data, prefix=key) for key, formset in formsets.items()}

    def validate(self):
        self.valid = self.form.is_valid() & all([formset.is_valid() for formset in self.formsets.values()])
        return self.valid

    @property
    def errors(self):
        return self.form.errors, {key: formset.errors for key, formset in self.formsets.items()}


def statements(callable_):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        callable_()
    return [query["sql"] for query in captured.captured_queries]


def show_statements(name, sqls):
    print(f"\n{name}: {len(sqls)} statements")
    for sql in sqls:
        print(f"  {sql if len(sql) <= 160 else sql[:157] + '...'}")


def profile(bench, step, calls):
    validated = bench.engine_validate()
    steps = {
        "build": bench.engine_build,
        "validate": bench.engine_validate,
        "save": lambda: bench.engine_save(validated),
    }
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        steps[step]()
    profiler.disable()
    print(f"\ncProfile of engine {step}, {calls} calls (tottime):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    print(f"\ncProfile of engine {step}, {calls} calls (cumtime):")
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(25)


def measure(options):
    from django.utils import translation

    translation.activate("de")
    bench = Bench()
    if options.profile:
        profile(bench, options.profile, options.calls)
        return []
    engine_form = bench.engine_validate()
    baseline = bench.baseline_validate()
    show_statements("engine save (a new answer set)", statements(lambda: bench.engine_save(engine_form)))
    show_statements("baseline save", statements(lambda: bench.baseline_save(baseline)))
    rounds = options.rounds
    results = {}
    pairs = {
        "build": (bench.engine_build, bench.baseline_build),
        "render": (lambda: bench.engine_render(bench.engine_build()), None),
        "validate": (bench.engine_validate, bench.baseline_validate),
        "save": (lambda: bench.engine_save(engine_form), lambda: bench.baseline_save(baseline)),
        "total": (bench.engine_total, bench.baseline_total),
    }
    unbound_engine, unbound_baseline = bench.engine_build(), bench.baseline_build()
    pairs["render"] = (lambda: bench.engine_render(unbound_engine), lambda: bench.baseline_render(unbound_baseline))
    for name, (engine, baseline_step) in pairs.items():
        times = harness.interleaved({"engine": engine, "baseline": baseline_step}, rounds=rounds)
        results[name] = harness.Row(name, times["engine"], "hand-written form", times["baseline"], GOALS[name])
    rows = [results[name] for name in ("build", "render", "validate", "save", "total")]
    return [(f"engine vs hand-written Django form, {SLUG} (72 fields), medians of {rounds} rounds", rows)]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__.split("\n\n")[0], extra=extra)
