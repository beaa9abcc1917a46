"""``published()`` and ``AnswerSet.definition()`` read the compiled definition alone, and never an old one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaires import api, compiled
from questionnaires.models import AnswerSet, CompiledRevision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_kept():
    compiled.forget()
    yield
    compiled.forget()


def publish_new_title(questionnaire, title):
    questionnaire.title_de = title
    revision = questionnaire.save_revision()
    revision.publish()
    return revision


def test_publishing_stores_the_compiled_definition_beside_the_revision(probe):
    stored = CompiledRevision.objects.get(revision=probe.live_revision)
    assert stored.definition == probe.live_revision.content["compiled"]
    revision = publish_new_title(probe, "Probe, neu")
    assert CompiledRevision.objects.get(revision=revision).definition["title"]["de"] == "Probe, neu"


def test_published_loads_neither_the_body_nor_the_revision_content(probe):
    questionnaire, revision, definition = api.published("probe")
    assert {"body", "compiled"} <= questionnaire.get_deferred_fields()
    assert "content" in revision.get_deferred_fields()
    assert definition == revision.content["compiled"]


def test_published_asks_which_revision_is_live_every_time_and_reads_a_definition_once(probe):
    with CaptureQueriesContext(connection) as first:
        api.published("probe")
    with CaptureQueriesContext(connection) as again:
        api.published("probe")
    assert (len(first), len(again)) == (2, 1)
    assert "compiledrevision" not in again.captured_queries[0]["sql"].lower()


def test_a_new_publish_is_served_at_once(probe):
    before = api.published("probe")
    publish_new_title(probe, "Probe, neu")
    after = api.published("probe")
    assert after.revision.pk != before.revision.pk
    assert after.definition["title"]["de"] == "Probe, neu"
    assert before.definition["title"]["de"] == "Probe"


def test_a_live_revision_overwritten_and_published_again_is_served_anew(probe):
    """Wagtail's autosave may overwrite the live revision (the latest one) and publish it again."""
    revision = probe.live_revision
    api.published("probe")  # kept by this process
    probe.title_de = "Probe, überschrieben"
    assert probe.save_revision(user=revision.user, overwrite_revision=revision).pk == revision.pk
    assert api.published("probe").definition["title"]["de"] != "Probe, überschrieben"  # not published yet
    revision.refresh_from_db()
    revision.publish()
    assert api.published("probe").definition["title"]["de"] == "Probe, überschrieben"


def test_answers_keep_the_definition_they_were_given_against(probe):
    old = api.published("probe")
    answer_set = AnswerSet.objects.create(questionnaire=probe, revision=old.revision, data={})
    publish_new_title(probe, "Probe, neu")
    assert AnswerSet.objects.get(pk=answer_set.pk).definition()["title"]["de"] == "Probe"
    with_revision = AnswerSet.objects.select_related("revision").get(pk=answer_set.pk)
    with CaptureQueriesContext(connection) as queries:
        assert with_revision.definition()["title"]["de"] == "Probe"
    assert len(queries) == 0  # the revision at hand, its definition kept


def test_a_revision_without_a_stored_definition_is_read_from_its_content(probe):
    CompiledRevision.objects.all().delete()
    questionnaire, revision, definition = api.published("probe")
    assert definition == revision.content["compiled"]


def test_the_migration_fills_the_table_for_live_revisions_and_those_answered_against(probe):
    from importlib import import_module

    from django.apps import apps

    fill = import_module("questionnaires.migrations.0006_compiled_revision").fill
    old = probe.live_revision
    AnswerSet.objects.create(questionnaire=probe, revision=old, data={})
    live = publish_new_title(probe, "Probe, neu")
    probe.save_revision()  # a draft: no answers against it, not live
    CompiledRevision.objects.all().delete()
    fill(apps, None)
    stored = CompiledRevision.objects.filter(revision__in=probe.revisions.all())
    assert set(stored.values_list("revision", flat=True)) == {old.pk, live.pk}  # not the draft
    assert CompiledRevision.objects.get(revision=live).definition == live.content["compiled"]
