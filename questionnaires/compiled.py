"""A revision's compiled definition: stored beside the revision when it is published, kept per process.

``published()`` needs only the compiled definition (~45 KB of JSON), not the revision's content
(the body, its compiled copy and the rest: ~3×). A revision's content never changes, so what was
read once for a revision stays right: it is kept per process, keyed by the revision's pk and
creation time (a pk alone comes back after a rolled-back transaction on SQLite). Which revision
is live is still asked of the database every time, so a new publish is seen at once.

The definitions handed out are shared: read them, never change them.
"""

from django.dispatch import receiver
from wagtail.signals import published

from .models import CompiledRevision, Questionnaire

KEPT = 64  # revisions kept per process; more are read again
_kept = {}


def compiled_definition(revision, published_at=None):
    """The compiled definition of ``revision`` (its ``content`` may be deferred: it is read only if need be).

    ``published_at``: when the questionnaire was last published, if ``revision`` is its live one.
    Wagtail can overwrite the latest revision in place (autosave) and publish it again: its row
    here changes then, and so does this time, while its pk and creation time may not.
    """
    key = (revision.pk, revision.created_at, published_at)
    definition = _kept.get(key)
    if definition is None:
        definition = CompiledRevision.objects.filter(revision=revision.pk).values_list("definition", flat=True).first()
        if definition is None:  # a revision never published (a preview, or one from before this table)
            definition = revision.content["compiled"]
        if len(_kept) >= KEPT:
            _kept.clear()
        _kept[key] = definition
    return definition


def forget():
    """Drops what this process keeps (for tests that compare the queries of a first read)."""
    _kept.clear()


@receiver(published, sender=Questionnaire, dispatch_uid="questionnaires.compiled.store")
def store(sender, instance, revision, **kwargs):
    CompiledRevision.objects.update_or_create(revision=revision, defaults={"definition": revision.content["compiled"]})
