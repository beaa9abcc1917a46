"""Rendering and saving a questionnaire costs the same number of queries whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaires.answers import save_answers
from questionnaires.api import published
from questionnaires.definition_files import load_directory
from questionnaires.forms import QuestionnaireForm

from .definitions import field, label, write_definitions

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def wide_questionnaire(tmp_path, size):
    kinds = ["text", "number", "date", "yes_no", "email", "long_text"]
    fields = [field(f"q{i}", kinds[i % len(kinds)], f"Frage {i}", f"Question {i}") for i in range(size)]
    document = {
        "kind": "questionnaire",
        "slug": f"wide{size}",
        "title": label("Breit", "Wide"),
        "sections": [
            {
                "key": f"s{s}",
                "title": label(f"Teil {s}", f"Part {s}"),
                "items": [{"field": f"q{i}", "required": True} for i in range(s * 10, min(size, s * 10 + 10))],
            }
            for s in range((size + 9) // 10)
        ],
    }
    load_directory(
        write_definitions(tmp_path / f"w{size}", {"kind": "catalogue", "fields": fields}, [document]), publish=True
    )
    values = {"text": "x", "number": "3", "date": "2000-01-01", "yes_no": "yes", "email": "a@b.de", "long_text": "y"}
    return f"wide{size}", {f"q{i}": values[kinds[i % len(kinds)]] for i in range(size)}


def render_and_save(slug, data):
    with CaptureQueriesContext(connection) as rendering:
        questionnaire, revision, definition = published(slug)
        QuestionnaireForm(definition).render()
    with CaptureQueriesContext(connection) as saving:
        form = QuestionnaireForm(definition, data=data)
        assert form.is_valid(), form.errors
        save_answers(form, questionnaire=questionnaire, revision=revision)
    return len(rendering), len(saving)


def test_sixty_fields_cost_what_ten_cost(tmp_path, django_assert_max_num_queries):
    small = render_and_save(*wide_questionnaire(tmp_path, 10))
    large = render_and_save(*wide_questionnaire(tmp_path, 60))
    assert large == small, (small, large)
    slug, data = wide_questionnaire(tmp_path, 61)
    with django_assert_max_num_queries(2):
        questionnaire, revision, definition = published(slug)
        QuestionnaireForm(definition).render()
    assert large[1] <= 3  # savepoint, the set (its answered keys in its row), release
