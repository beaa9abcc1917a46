"""Benchmark of a handover's file: rows per second against a raw loop, and peak memory at two sizes.

Run from the project directory (PostgreSQL is started by the harness, as CI does):

    PGPORT=5464 .venv/bin/python bench/handover_export.py             # 10 000 vs 100 000, both databases
    .venv/bin/python bench/handover_export.py --database sqlite --rounds 3

Timed: ``handover.render`` of one handover (the registration office's scope with the case
reference as its only core column, CSV), i.e. reading the claimed cases chunk by chunk through
``clearing_case_records``, the resource generated from the scope and the streaming writer with
formula neutralising, fsync and SHA-256. The baseline is a raw loop over the same rows and columns:
``values_list("reference", "answer_set__data").iterator()`` into ``csv.writer``, in the same process,
interleaved. Goal: ≤ 2×. Peak memory (``tracemalloc``) of the render at both sizes is printed with its ratio
(goal ≤ 1.5×: memory must not grow with the rows). Cases are copies of 40 demo cases (bulk inserts).
"""

import csv
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def arguments(parser):
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000], help="Small and large size.")


def _copy(instance, **changes):
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if not f.primary_key}
    return type(instance)(**{**values, **changes})


def grow_to(size):
    """Released cases up to ``size``, copied from demo cases in batches."""
    from django.utils import timezone

    from plugins.intake.demo import seed_demo_cases
    from plugins.intake.models import Case
    from questionnaires.api import AnswerSet

    if not Case.objects.exists():
        seed_demo_cases(40, seed=3)
        Case.objects.filter(answer_set__isnull=False).update(status="released", status_changed_at=timezone.now())
    templates = list(Case.objects.filter(status="released", year__lt=2099).select_related("answer_set")[:40])
    have = Case.objects.filter(status="released").count()
    number = Case.objects.filter(year=2099).count()
    while have < size:
        batch = min(5000, size - have)
        sets = AnswerSet.objects.bulk_create(_copy(templates[i % len(templates)].answer_set) for i in range(batch))
        Case.objects.bulk_create(
            _copy(templates[i % len(templates)], answer_set_id=s.pk, year=2099, number=number + i + 1,
                  reference=f"CS-2099-{number + i + 1:06d}")
            for i, s in enumerate(sets)
        )  # fmt: skip
        number += batch
        have += batch


def measure(options):
    from django.conf import settings

    from plugins.intake.models import Case
    from plugins.referrals import handover as engine
    from plugins.referrals.models import Handover, HandoverItem, Recipient

    settings.REFERRALS_FILES_DIR = tempfile.mkdtemp(prefix="bench-handovers-")
    office = Recipient.objects.get(slug="buergerbuero")
    office.core_fields, office.channel = ["reference"], "download"
    office.save()
    results, memory = [], {}
    small, large = options.sizes
    for size in (small, large):
        grow_to(size)
        HandoverItem.objects.all().delete()
        Handover.objects.all().delete()
        handover = engine.claim(office, trigger="bench")
        keys = handover.scope_version.scope["catalogue_fields"]
        ids = list(handover.items.values_list("case_id", flat=True))

        def raw(ids=ids, keys=keys):
            with open(Path(settings.REFERRALS_FILES_DIR) / "raw.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, delimiter=";")
                rows = Case.objects.filter(pk__in=ids).values_list("reference", "answer_set__data")
                for reference, data in rows.iterator(chunk_size=2000):
                    writer.writerow([reference] + [data.get(key) for key in keys])

        tracemalloc.start()
        engine.render(handover)
        memory[size] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        times = harness.interleaved(
            {"render": lambda h=handover: engine.render(h), "raw": raw}, rounds=options.rounds, warmup=1
        )
        render_rate, raw_rate = len(ids) / times["render"], len(ids) / times["raw"]
        print(f"{size} cases: {len(ids)} rows, render {render_rate:,.0f} rows/s, raw loop {raw_rate:,.0f} rows/s")
        results.append(
            harness.Row(f"render {size} rows", times["render"], "raw values_list + csv.writer", times["raw"], 2.0)
        )
    print(
        f"peak memory of the render: {memory[small] / 1e6:.1f} MB at {small}, {memory[large] / 1e6:.1f} MB at {large}"
    )
    ratio = memory[large] / memory[small]
    print(f"peak memory ratio {large} / {small}: {ratio:.2f}× (goal ≤ 1.5×, flat)")
    return [("handover export", results)]


if __name__ == "__main__":
    harness.main(__file__, measure, description=__doc__, extra=arguments)
