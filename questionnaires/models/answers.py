"""Answers to a questionnaire, bound to the revision they were given against."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision


class AnswerSet(models.Model):
    """Typed answers keyed by catalogue key (dates as ISO strings, numbers as numbers)."""

    questionnaire = models.ForeignKey(
        "questionnaires.Questionnaire",
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="answer_sets",
    )
    revision = models.ForeignKey(Revision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(_("answers"), default=dict)
    # Optimistic locking: a save names the version it was edited from and is refused if another came between.
    version = models.PositiveIntegerField(_("version"), default=1)
    # {key: version in which its answer last changed}, to say what changed since a stale page was opened;
    # a key missing here has not changed since version 1.
    key_versions = models.JSONField(_("versions of the answers"), default=dict)
    # {key: true} for every catalogue key answered, sub-fields of groups included: which sets a
    # field's change or deletion touches. Kept in the row so a save writes one row; on PostgreSQL a
    # GIN index (migration 0008) answers "which sets hold this key" (``has_key``), SQLite scans.
    answered = models.JSONField(_("answered fields"), default=dict, editable=False)
    language = models.CharField(_("language"), max_length=10, default="de")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer set")
        verbose_name_plural = _("answer sets")

    def __str__(self):
        return f"{self.questionnaire_id}/{self.pk}"

    def changed_since(self, version):
        """Keys whose answer changed after ``version`` (removed answers included), in no particular order."""
        keys = set(self.data) | set(self.key_versions)
        return {key for key in keys if self.key_versions.get(key, 1) > version}

    def definition(self):
        """The compiled questionnaire as it was when these answers were given (shared: never change it)."""
        from ..compiled import compiled_definition

        if not AnswerSet.revision.is_cached(self):
            # Only what says which revision it is: its content is what ``compiled_definition`` avoids reading.
            self.revision = Revision.objects.defer("content").get(pk=self.revision_id)
        return compiled_definition(self.revision)
