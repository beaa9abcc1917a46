import datetime

import pytest
from django.utils import timezone

from plugins.intake.demo import seed_demo_cases
from plugins.intake.models import Case
from plugins.referrals.models import Recipient
from questionnaires.api import AnswerSet


@pytest.fixture(autouse=True)
def handover_files(settings, tmp_path):
    settings.REFERRALS_FILES_DIR = tmp_path / "handovers"
    return settings.REFERRALS_FILES_DIR


@pytest.fixture
def released_cases(bootstrapped):
    """``make(n)``: n demo cases, all released an hour ago (the demo's other statuses aside)."""

    def make(n, seed=7):
        seed_demo_cases(n, seed=seed)
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        Case.objects.filter(answer_set__isnull=False).update(status="released", status_changed_at=an_hour_ago)
        return list(Case.objects.filter(status="released").order_by("pk").values_list("pk", flat=True))

    return make


@pytest.fixture
def recipient(bootstrapped):
    return lambda slug: Recipient.objects.get(slug=slug)


def _copy(instance, **changes):
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields if not f.primary_key}
    return type(instance)(**{**values, **changes})


@pytest.fixture
def many_released_cases(released_cases):
    """``make(n)``: n released cases, copies of a few demo cases (seeding 10 000 one by one takes minutes)."""

    def make(n):
        templates = list(Case.objects.filter(pk__in=released_cases(20)).select_related("answer_set"))
        missing = n - len(templates)
        sets = AnswerSet.objects.bulk_create(_copy(templates[i % len(templates)].answer_set) for i in range(missing))
        Case.objects.bulk_create(
            _copy(templates[i % len(templates)], answer_set_id=answer_set.pk, year=2099, number=i + 1,
                  reference=f"CS-2099-{i + 1:05d}")
            for i, answer_set in enumerate(sets)
        )  # fmt: skip
        return list(Case.objects.filter(status="released").values_list("pk", flat=True))

    return make
