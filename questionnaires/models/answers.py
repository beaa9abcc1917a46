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

    def definition(self):
        """The compiled questionnaire as it was when these answers were given."""
        return self.revision.content["compiled"]


class AnsweredField(models.Model):
    """Which catalogue keys an answer set holds, so a field's use can be counted cheaply."""

    # The unique constraint below leads with answer_set and serves as its index.
    answer_set = models.ForeignKey(AnswerSet, on_delete=models.CASCADE, related_name="answered_fields", db_index=False)
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer_set", "key"], name="questionnaires_answered_field_unique")
        ]

    def __str__(self):
        return self.key
