"""Questionnaires: sections of catalogue fields, edited as drafts and published as revisions."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from ..blocks import QuestionnaireBodyBlock
from ..definition import compile_questionnaire
from ..vocabulary import key_validator


class Questionnaire(DraftStateMixin, RevisionMixin, LockableMixin, PreviewableMixin, index.Indexed, models.Model):
    """Clerks always get the published revision; answers keep the revision they were given against.

    ``compiled`` is the self-contained form of the body (catalogue labels, types
    and options resolved). It is saved with every revision, so an old answer set
    renders with the questions and labels it was answered with, whatever the
    catalogue says today.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=64,
        unique=True,
        validators=[key_validator],
        help_text=_("Stable name, e.g. erstgespraech."),
    )
    title_de = models.CharField(_("title (German)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    body = StreamField(QuestionnaireBodyBlock(), verbose_name=_("sections"), blank=True)
    compiled = models.JSONField(default=dict, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="questionnaire")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("title_de"),
                FieldPanel("title_en"),
                FieldPanel("description_de"),
                FieldPanel("description_en"),
            ],
            heading=_("Questionnaire"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [index.SearchField("title_de"), index.SearchField("slug"), index.AutocompleteField("title_de")]

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["slug"]

    def __str__(self):
        return self.title_de

    def save(self, *args, **kwargs):
        self.compiled = compile_questionnaire(self)
        super().save(*args, **kwargs)

    def serializable_data(self):
        # A draft revision is written without saving the row: compile here too.
        self.compiled = compile_questionnaire(self)
        return super().serializable_data()

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "questionnaires/questionnaire_preview.html"

    def get_preview_context(self, request, mode_name):
        from ..forms import QuestionnaireForm

        return {"questionnaire": self, "form": QuestionnaireForm(compile_questionnaire(self), language="de")}
