"""StreamField blocks of the catalogue (texts, options) and of the questionnaire builder.

Never rename or remove a child block here: old revisions are read with today's
classes and would silently lose the values of a renamed child. Add new ones.
"""

import json

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup

from .vocabulary import CONDITION_OPERATORS, DATE_RULES, KEY_PATTERN, content_languages


def catalogue_key_choices():
    from .models import CatalogueField

    return [(key, f"{key} – {label}") for key, label in CatalogueField.objects.values_list("key", "label_de")]


class KeyBlock(blocks.RegexBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(
            regex=KEY_PATTERN,
            error_messages={"invalid": _("Use lower-case letters, digits and underscores, starting with a letter.")},
            **kwargs,
        )


class CatalogueKeyBlock(blocks.ChoiceBlock):
    """A key from the field catalogue, stored as the key itself (stable across systems)."""

    def __init__(self, **kwargs):
        super().__init__(choices=catalogue_key_choices, **kwargs)


class TranslationBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=content_languages, label=_("language"))
    label = blocks.CharBlock(label=_("label"), max_length=255)
    help_text = blocks.TextBlock(label=_("help text"), required=False)

    class Meta:
        icon = "globe"
        label = _("translation")


class OptionTranslationBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=content_languages, label=_("language"))
    label = blocks.CharBlock(label=_("label"), max_length=255)

    class Meta:
        icon = "globe"


class TitleTranslationBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=content_languages, label=_("language"))
    title = blocks.CharBlock(label=_("title"), max_length=255)

    class Meta:
        icon = "globe"


class OptionBlock(blocks.StructBlock):
    code = KeyBlock(label=_("stored value"), help_text=_("Never change it once answers use it."))
    label_de = blocks.CharBlock(label=_("label (German)"), max_length=255)
    label_en = blocks.CharBlock(label=_("label (English)"), max_length=255)
    translations = blocks.ListBlock(OptionTranslationBlock(), label=_("further languages"), default=[])

    class Meta:
        icon = "list-ul"
        label = _("option")
        label_format = "{code}: {label_de}"


def condition_choices():
    """Catalogue key → what a condition on it may be picked from, for the fields whose type offers that."""
    from .field_types import registry
    from .models import CatalogueField

    choices = {}
    for entry in CatalogueField.objects.all():
        if entry.field_type in registry:
            offered = registry.get(entry.field_type).condition_choices(entry.option_list())
            if offered is not None:
                choices[entry.key] = offered
    return choices


class ConditionAnswerInput(forms.TextInput):
    """The stored text stays the posted value; ``condition_answer.js`` puts a list of the field's options over it.

    Typing a label instead of an option's stored value made a condition that never holds.
    """

    template_name = "questionnaires/widgets/condition_answer.html"

    class Media:
        js = ["questionnaires/condition_answer.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["choices"] = json.dumps(condition_choices(), ensure_ascii=False)
        context["blank"] = gettext("– choose –")
        context["unknown"] = gettext("“%s” – not an option of this field")
        return context


class ConditionAnswerBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.widget = ConditionAnswerInput()


class ConditionBlock(blocks.StructBlock):
    field = CatalogueKeyBlock(required=False, label=_("when field"))
    op = blocks.ChoiceBlock(choices=list(CONDITION_OPERATORS.items()), required=False, label=_("operator"))
    answer = ConditionAnswerBlock(
        required=False,
        label=_("value"),
        help_text=_(
            "For choice and yes/no fields, pick from the field's options; otherwise the value as stored, "
            "several separated by commas for 'is one of'."
        ),
    )

    class Meta:
        icon = "view"
        form_classname = "struct-block clearing-condition"


class QuestionBlock(blocks.StructBlock):
    field = CatalogueKeyBlock(
        label=_("catalogue field"),
        help_text=_("A question that is not listed yet is first created in the field catalogue."),
    )
    required = blocks.BooleanBlock(required=False, label=_("required"))
    required_if = ConditionBlock(label=_("required if"), required=False)
    condition = ConditionBlock(label=_("show only if"), required=False)
    min = blocks.FloatBlock(required=False, label=_("minimum"))
    max = blocks.FloatBlock(required=False, label=_("maximum"))
    min_length = blocks.IntegerBlock(required=False, min_value=0, label=_("minimum length"))
    max_length = blocks.IntegerBlock(required=False, min_value=0, label=_("maximum length"))
    pattern = blocks.CharBlock(required=False, label=_("pattern (regular expression)"))
    pattern_message_de = blocks.CharBlock(required=False, label=_("message if the pattern fails (German)"))
    pattern_message_en = blocks.CharBlock(required=False, label=_("message if the pattern fails (English)"))
    date = blocks.ChoiceBlock(choices=list(DATE_RULES.items()), required=False, label=_("date must be"))

    class Meta:
        icon = "form"
        label = _("question")
        label_format = "{field}"
        form_layout = BlockGroup(
            children=["field", "required", "condition"],
            settings=[
                "required_if",
                "min",
                "max",
                "min_length",
                "max_length",
                "pattern",
                "pattern_message_de",
                "pattern_message_en",
                "date",
            ],
        )


class GroupBlock(blocks.StructBlock):
    field = CatalogueKeyBlock(label=_("catalogue field (repeatable group)"))
    condition = ConditionBlock(label=_("show only if"), required=False)
    min_items = blocks.IntegerBlock(required=False, min_value=0, label=_("at least"))
    max_items = blocks.IntegerBlock(required=False, min_value=1, label=_("at most"))
    fields = blocks.ListBlock(QuestionBlock(), label=_("questions per entry"))

    class Meta:
        icon = "group"
        label = _("repeatable group")
        label_format = "{field}"


class SectionBlock(blocks.StructBlock):
    key = KeyBlock(label=_("key"))
    title_de = blocks.CharBlock(label=_("title (German)"), max_length=255)
    title_en = blocks.CharBlock(label=_("title (English)"), max_length=255)
    title_translations = blocks.ListBlock(
        TitleTranslationBlock(), label=_("title in further languages"), default=[], collapsed=True
    )
    condition = ConditionBlock(label=_("show only if"), required=False)
    items = blocks.StreamBlock(
        [("question", QuestionBlock()), ("group", GroupBlock())], label=_("questions"), collapsed=True
    )

    class Meta:
        icon = "doc-full"
        label = _("section")
        label_format = "{title_de}"


class QuestionnaireBodyBlock(blocks.StreamBlock):
    """The whole questionnaire; consistency is checked here in one pass.

    A check on a child block would raise first and hide the cross-field errors,
    so every rule lives in ``validation.check_body`` and its errors are put back
    on the exact block. Drafts (deferred validation) skip it so autosave works.
    """

    section = SectionBlock()

    class Meta:
        label = _("sections")
        collapsed = True

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        from .validation import body_errors_as_block_errors, check_body

        errors = check_body(self.get_prep_value(value))
        if errors:
            raise body_errors_as_block_errors(errors)
        return value
