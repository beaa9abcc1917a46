"""The field catalogue: every question any questionnaire may ask, with its data-protection facts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import OptionBlock, TranslationBlock
from ..field_types import field_type_choices, registry
from ..vocabulary import (
    REQUIRED_LANGUAGES,
    RETENTION,
    SENSITIVITY,
    content_language_codes,
    key_validator,
)


class CatalogueField(index.Indexed, models.Model):
    key = models.CharField(
        _("key"),
        max_length=64,
        unique=True,
        validators=[key_validator],
        help_text=_("Stable name of the field; it is stored with every answer and can never be changed."),
    )
    field_type = models.CharField(_("type"), max_length=20, choices=field_type_choices)
    label_de = models.CharField(_("label (German)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255)
    help_de = models.TextField(_("help text (German)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    translations = StreamField(
        [("translation", TranslationBlock())],
        blank=True,
        verbose_name=_("further languages"),
        help_text=_("Fields the public may answer need a label in every content language."),
    )
    unreviewed_translations = models.JSONField(
        _("translation not yet reviewed"),
        default=list,
        blank=True,
        help_text=_("Languages whose label and help text nobody has reviewed yet; untick a language once reviewed."),
    )
    options = StreamField(
        [("option", OptionBlock())],
        blank=True,
        verbose_name=_("options"),
        help_text=_("Only for single and multiple choice."),
    )
    purpose = models.TextField(_("purpose"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, help_text=_("e.g. § 3 Abs. 1 Nr. 7 BMG"))
    sensitivity = models.CharField(_("sensitivity"), max_length=20, choices=list(SENSITIVITY.items()), default="normal")
    retention = models.CharField(_("retention class"), max_length=20, choices=list(RETENTION.items()))
    may_go_to = models.JSONField(
        _("may go to"),
        default=list,
        blank=True,
        help_text=_("Kinds of recipient that may receive this field; a data scope can name it only for these."),
    )
    public = models.BooleanField(
        _("may be answered in advance"),
        default=False,
        help_text=_("The citizen may answer this field on the public site before the appointment."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("key"), FieldPanel("field_type")], heading=_("Field")),
        MultiFieldPanel(
            [FieldPanel("label_de"), FieldPanel("help_de"), FieldPanel("label_en"), FieldPanel("help_en")],
            heading=_("Labels"),
        ),
        FieldPanel("translations"),
        FieldPanel("unreviewed_translations"),
        FieldPanel("options"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("legal_basis"),
                FieldPanel("sensitivity"),
                FieldPanel("retention"),
                FieldPanel("may_go_to"),
                FieldPanel("public"),
            ],
            heading=_("Data protection"),
        ),
    ]
    search_fields = [
        index.SearchField("key"),
        index.SearchField("label_de"),
        index.SearchField("label_en"),
        index.AutocompleteField("label_de"),
        index.FilterField("field_type"),
    ]

    class Meta:
        verbose_name = _("catalogue field")
        verbose_name_plural = _("field catalogue")
        ordering = ["key"]

    def __str__(self):
        return f"{self.label_de} ({self.key})"

    def labels(self):
        texts = {"de": self.label_de, "en": self.label_en}
        texts.update({t.value["language"]: t.value["label"] for t in self.translations})
        return texts

    def help_texts(self):
        texts = {"de": self.help_de, "en": self.help_en}
        texts.update({t.value["language"]: t.value["help_text"] for t in self.translations})
        return {code: text for code, text in texts.items() if text}

    def unreviewed_display(self):
        return ", ".join(self.unreviewed_translations or [])

    def option_list(self):
        result = []
        for option in self.options:
            labels = {"de": option.value["label_de"], "en": option.value["label_en"]}
            labels.update({t["language"]: t["label"] for t in option.value["translations"]})
            result.append({"value": option.value["code"], "label": labels})
        return result

    def clean(self):
        errors = {}
        languages = [t.value["language"] for t in self.translations]
        doubled = sorted({code for code in languages if languages.count(code) > 1 or code in REQUIRED_LANGUAGES})
        if doubled:
            errors["translations"] = _("Each language only once (German and English have their own fields): %s") % (
                ", ".join(doubled)
            )
        unlabelled = sorted(set(self.unreviewed_translations or []) - set(languages))
        if unlabelled:
            errors["unreviewed_translations"] = _("Only a language with a translation can await review: %s") % (
                ", ".join(unlabelled)
            )
        options = self.option_list()
        has_options = self.field_type in registry and registry.get(self.field_type).has_options
        if has_options and not options:
            errors["options"] = _("A choice field needs at least one option.")
        elif not has_options and options:
            errors["options"] = _("Only choice fields have options; remove them or change the type.")
        codes = [option["value"] for option in options]
        if len(set(codes)) != len(codes):
            errors["options"] = _("Every option needs its own stored value.")
        if self.public:
            wanted = set(content_language_codes())
            missing = sorted(wanted - set(self.labels()))
            missing_options = sorted({code for o in options for code in wanted - set(o["label"])})
            if missing or missing_options:
                errors["public"] = _(
                    "A field the public may answer needs every content language; missing: %s"
                ) % ", ".join(sorted(set(missing) | set(missing_options)))
        if errors:
            raise ValidationError(errors)
