"""One valid POST of the first interview: the questionnaire engine against wagtailstreamforms 5.3.

Run from the project directory with the bench venv (``make bench-venv``; it holds wagtailstreamforms,
which the platform never installs):

    PGPORT=5444 .venv-bench/bin/python bench/streamforms.py               # SQLite, then PostgreSQL
    .venv-bench/bin/python bench/streamforms.py --database sqlite --rounds 50
    .venv-bench/bin/python bench/streamforms.py --database sqlite --profile  # cProfile of both sides

Settings are ``bench.settings`` (``config.settings.dev`` plus streamforms' apps) unless
``BENCH_SETTINGS`` says otherwise; the harness migrates a throw-away database with them.

The form: the shipped ``erstgespraech`` questionnaire (72 fields), as ``bootstrap`` publishes it;
on the streamforms side the same fields as a streamforms ``Form`` whose stream of fields is
generated once from the compiled definition (``streamforms_fields``, the nearest streamforms field
per type, see bench/README.md) and saved as the admin saves it.
The POST: the fullest answers of the first 20 people ``demo`` invents (``AnswerMaker``), as a
browser posts them (``post_data``), translated to streamforms' field names and option texts.

What one POST costs on each side, timed at the form/service level (no HTTP layer), each stage
as the respective view runs it:

- build: engine ``published("erstgespraech")`` and ``build_form(definition, data=post)``;
  streamforms ``Form.objects.get(pk=form_id)`` (its ``get_form_instance_from_request``) and
  ``form_def.get_form(post, files, page=None, user=None)`` (its ``process_form`` hook);
- validate: ``form.is_valid()`` on each;
- save: engine ``save_answers(form, questionnaire=…, revision=…, expected_version=0)`` (a new
  answer set, as the first save of an interview); streamforms ``form_def.process_form_submission(form)``
  (its built-in hook: one ``FormSubmission`` row holding the cleaned data as JSON).

Why not full requests: the rest of a request is not either library's — the engine's POST arrives in
intake's ``InterviewView`` (case lock, status, audit entry), streamforms' in a Wagtail page's serve
(``page.get_context``, messages, redirect); timing those would compare two different views.

The engine does more with the same POST: conditions (a hidden answer is dropped, a hidden required
field is not required, ``required_if``), lengths, patterns, date rules, ranges, repeatable groups as
formsets and the answered keys. That is the product; the goal is that it costs no more.
Ratio = engine / streamforms, goal 0.9; both sides alternate in the same rounds (``harness.interleaved``).
The engine already cleans the answers while building (to decide what is visible), so build and
validate split differently on the two sides: the parts show where time goes, the POST compares.
"""

import cProfile
import importlib.util
import json
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

GOAL = 0.9
QUESTIONNAIRE = "erstgespraech"
PEOPLE = 20  # invented people to pick the fullest answers from
STAGES = ("build", "validate", "save")
ADDRESS_PARTS = ("Straße", "Hausnummer", "Etage / Wohnung", "PLZ", "Ort")  # AddressField.PARTS, in German
OPTIONAL_ADDRESS_PARTS = {2}  # the floor


# -- the same form in streamforms -------------------------------------------------------------
class StreamformsField:
    """One streamforms field: its stream block, and where its value comes from in the engine's POST."""

    def __init__(self, block_type, label, *, required, source, choices=None, empty_label=None):
        self.block_type = block_type
        self.label = label
        self.required = required
        self.source = source
        # posted value → option text (lazy translations made plain text, as the admin stores them)
        self.labels = {value: str(label) for value, label in choices} if choices is not None else None
        self.empty_label = empty_label

    def block(self):
        value = {"label": self.label, "help_text": "", "required": self.required}
        if self.labels is not None:
            value["choices"] = list(self.labels.values())
            if self.block_type == "dropdown":
                value["empty_label"] = self.empty_label or ""
        else:
            value["default_value"] = ""
        return {"type": self.block_type, "value": value}

    def posted(self, post):
        value = post.get(self.source, "")
        if self.labels is None:
            return value
        if isinstance(value, list):
            return [self.labels[v] for v in value]
        return self.labels.get(value, "")


def option_choices(item, builder, country_choices, language_choices):
    kind = item["type"]
    if kind == "yes_no":
        return [("yes", "Ja"), ("no", "Nein")]
    if kind in ("country", "nationality"):
        return [choice for _group, choices in country_choices() for choice in choices]
    if kind == "language":
        return language_choices()
    return [(option["value"], builder.text(option["label"])) for option in item.get("options", [])]


def streamforms_fields(definition, post):
    """The nearest streamforms field per engine field (README: the mapping); groups get the rows ``post`` has."""
    from questionnaires.api import country_choices, language_choices
    from questionnaires.field_types import FormFieldBuilder

    builder = FormFieldBuilder("de")
    simple = {"text": "singleline", "phone": "singleline", "email": "email", "long_text": "multiline"}
    simple |= {"date": "date", "number": "number"}
    fields = []

    def add(item, label, key, static):
        kind = item["type"]
        required = static and bool(item.get("required"))
        if kind in simple:
            fields.append(StreamformsField(simple[kind], label, required=required, source=key))
        elif kind == "address":
            for index, part in enumerate(ADDRESS_PARTS):
                fields.append(
                    StreamformsField(
                        "singleline",
                        f"{label} – {part}",
                        required=required and index not in OPTIONAL_ADDRESS_PARTS,
                        source=f"{key}_{index}",
                    )
                )
        else:
            choices = option_choices(item, builder, country_choices, language_choices)
            if kind in ("multi_choice", "nationality"):
                block_type = "checkboxes" if kind == "multi_choice" else "multiselect"
            else:
                block_type = "radio" if kind == "yes_no" or len(choices) <= 6 and kind == "choice" else "dropdown"
            fields.append(
                StreamformsField(block_type, label, required=required, source=key, choices=choices, empty_label="—")
            )

    for section in definition["sections"]:
        for item in section["items"]:
            # No conditions in streamforms: a field that is not always asked cannot be required.
            static = not section.get("condition") and not item.get("condition") and not item.get("required_if")
            label = builder.text(item.get("label"))
            if item["type"] != "group":
                add(item, label, item["key"], static)
                continue
            # No repeatable groups either: one set of fields per row posted (at least one), none required.
            rows = max(1, int(post.get(f"{item['key']}-TOTAL_FORMS", 0)))
            for row in range(rows):
                for sub in item["fields"]:
                    add(
                        sub,
                        f"{label} {row + 1}: {builder.text(sub.get('label'))}",
                        f"{item['key']}-{row}-{sub['key']}",
                        False,
                    )
    return fields


def create_streamforms_form(fields):
    """The form as an editor would leave it in streamforms' admin, storing submissions with its built-in hook."""
    from wagtailstreamforms.models import Form
    from wagtailstreamforms.utils.general import get_slug_from_string

    names = [get_slug_from_string(field.label) for field in fields]
    if len(set(names)) != len(names):
        raise SystemExit("two streamforms fields would share a name: make their labels differ")
    stream = Form._meta.get_field("fields").stream_block
    return Form.objects.create(
        title="Erstgespräch",
        slug="erstgespraech",
        template_name="streamforms/form_block.html",
        fields=stream.to_python([field.block() for field in fields]),
        process_form_submission_hooks=["save_form_submission_data"],
    ), names


def query_dict(data):
    """``data`` as a view receives it: a ``QueryDict``, list values as repeated keys."""
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    for key, value in data.items():
        post.setlist(key, value if isinstance(value, list) else [value])
    post._mutable = False
    return post


def fullest_post(definition):
    """The engine's POST of the fullest answers among the first ``PEOPLE`` invented people."""
    import datetime

    from django.utils import timezone

    from demo.answers import AnswerMaker
    from demo.people import People
    from questionnaires.forms import post_data

    people = People(random.Random(1), PEOPLE)
    maker = AnswerMaker(definition, people)
    today = timezone.localdate()
    candidates = [
        maker.answers(people.person(today, follow_up=today + datetime.timedelta(days=2))) for _ in range(PEOPLE)
    ]
    answers = max(candidates, key=lambda answers: (len(answers), sorted(answers)))
    return post_data(definition, answers), answers


# -- one POST on each side ------------------------------------------------------------------
def engine_post(post):
    from questionnaires.api import build_form, published, save_answers

    started = time.perf_counter()
    questionnaire, revision, definition = published(QUESTIONNAIRE)
    form = build_form(definition, data=post)
    built = time.perf_counter()
    if not form.is_valid():
        raise SystemExit(f"engine: the form refused the POST: {form.errors}")
    validated = time.perf_counter()
    save_answers(form, questionnaire=questionnaire, revision=revision, expected_version=0)
    return built - started, validated - built, time.perf_counter() - validated


def streamforms_post(post):
    from django.utils.datastructures import MultiValueDict
    from wagtailstreamforms.models import Form

    started = time.perf_counter()
    form_def = Form.objects.get(pk=int(post["form_id"]))
    form = form_def.get_form(post, MultiValueDict(), page=None, user=None)
    built = time.perf_counter()
    if not form.is_valid():
        raise SystemExit(f"streamforms: the form refused the POST: {form.errors}")
    validated = time.perf_counter()
    form_def.process_form_submission(form)
    return built - started, validated - built, time.perf_counter() - validated


def profile(name, call, own, calls=50):
    """cProfile's top items of ``calls`` POSTs; ``own``: a regex of the side's own files, listed apart."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        call()
    profiler.disable()
    print(f"\n-- cProfile: {name}, {calls} POSTs, top 25 by own time")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    print(f"-- cProfile: {name}, top 40 by cumulative time")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"-- cProfile: {name}, its own functions by cumulative time")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(own, 30)


def measure(options):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtailstreamforms.models import FormSubmission

    from questionnaires.api import published
    from questionnaires.models import AnswerSet

    definition = published(QUESTIONNAIRE).definition
    engine_data, answers = fullest_post(definition)
    fields = streamforms_fields(definition, engine_data)
    form_def, names = create_streamforms_form(fields)
    streamforms_data = {name: field.posted(engine_data) for name, field in zip(names, fields, strict=True)}
    streamforms_data |= {"form_id": str(form_def.pk), "form_reference": "bench"}
    posts = {"engine": query_dict(engine_data), "streamforms": query_dict(streamforms_data)}
    group_rows = {
        key[: -len("-TOTAL_FORMS")]: int(rows) for key, rows in engine_data.items() if key.endswith("-TOTAL_FORMS")
    }
    print(
        f"POST: {len(answers)} answers; engine {len(engine_data)} keys; streamforms {len(fields)} fields "
        f"({len(streamforms_data)} keys; group rows: {group_rows})"
    )
    statements = {}
    for side, post in (("engine", engine_post), ("streamforms", streamforms_post)):
        with CaptureQueriesContext(connection) as queries:
            post(posts[side])
        statements[side] = [query["sql"].split()[0] for query in queries.captured_queries]
    print("statements of one POST:", "; ".join(f"{side} {' '.join(sql)}" for side, sql in statements.items()))
    if options.profile:
        project = re.escape(str(harness.BASE_DIR)) + r"/(?!\.venv|bench/)"  # not the venvs, not this script
        profile("engine", lambda: engine_post(posts["engine"]), project)
        profile("streamforms", lambda: streamforms_post(posts["streamforms"]), "wagtailstreamforms/")
    stages = {"engine": [], "streamforms": []}
    harness.interleaved(
        {
            "engine": lambda: stages["engine"].append(engine_post(posts["engine"])),
            "streamforms": lambda: stages["streamforms"].append(streamforms_post(posts["streamforms"])),
        },
        rounds=options.rounds,
    )
    median = {
        side: [statistics.median(stage) for stage in zip(*runs[2:], strict=True)]  # without the warm-up
        for side, runs in stages.items()
    }
    total = {side: statistics.median(sum(run) for run in runs[2:]) for side, runs in stages.items()}
    last = json.loads(FormSubmission.objects.latest("pk").form_data)
    latest = AnswerSet.objects.latest("pk")
    print(
        f"stored: {AnswerSet.objects.count()} answer sets ({len(latest.data)} answers, "
        f"{len(latest.answered)} answered keys each); {FormSubmission.objects.count()} streamforms "
        f"submissions ({sum(value not in ('', None, []) for value in last.values())} values each)"
    )
    rows = [harness.Row("POST (build + validate + save)", total["engine"], "streamforms", total["streamforms"], GOAL)]
    parts = [
        harness.Row(f"– {stage}", median["engine"][index], "streamforms", median["streamforms"][index], None)
        for index, stage in enumerate(STAGES)
    ]
    return [("engine POST vs wagtailstreamforms 5.3 POST", rows), ("the parts (medians of each stage)", parts)]


def extra(parser):
    parser.add_argument("--profile", action="store_true", help="Print cProfile's top items of both sides first.")


if __name__ == "__main__":
    if importlib.util.find_spec("wagtailstreamforms") is None:
        raise SystemExit("wagtailstreamforms is not installed here: run with .venv-bench/bin/python (make bench-venv)")
    os.environ.setdefault("BENCH_SETTINGS", "bench.settings")
    harness.main(__file__, measure, description=__doc__.split("\n\n")[0], extra=extra)
