"""The compiled definition of a published revision, in a table of its own."""

from django.db import models
from wagtail.models import Revision


class CompiledRevision(models.Model):
    """A revision's ``content["compiled"]`` alone: read without decoding the revision's body and copies (~3×).

    Written when a questionnaire revision is published (``compiled.store``); a revision's content never
    changes, so neither does this row.
    """

    revision = models.OneToOneField(Revision, primary_key=True, on_delete=models.CASCADE, related_name="+")
    definition = models.JSONField()

    def __str__(self):
        return str(self.revision_id)
