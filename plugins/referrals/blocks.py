"""The case filter's condition, picked from the catalogue without code."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from questionnaires.api import catalogue_entries

from .vocabulary import OPERATORS


def catalogue_choices():
    return [(key, f"{entry.label} ({key})") for key, entry in catalogue_entries().items()]


def operator_choices():
    return list(OPERATORS.items())


class ConditionBlock(blocks.StructBlock):
    field = blocks.ChoiceBlock(choices=catalogue_choices, label=_("question"))
    operator = blocks.ChoiceBlock(choices=operator_choices, label=_("operator"))
    operand = blocks.CharBlock(required=False, max_length=100, label=_("value"))

    class Meta:
        icon = "list-ul"
        label = _("condition")
