"""The Django fields, widgets, validators and choice lists the field types build their form fields from."""

import math

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.text import TextField

PHONE = RegexValidator(r"^\+?[0-9 ()/.-]{5,30}$", _("Enter a phone number (digits, spaces, + ( ) / - only)."))
POSTCODE = RegexValidator(r"^[A-Za-z0-9 -]{3,10}$", _("Enter a valid postcode."))
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
LANGUAGE_CODES = (
    "de en ro bg pl hu hr cs sk sl lt lv et it es pt fr el nl da sv fi ru uk tr ar fa sq sr bs mk"
).split()


EU_EEA_CH = set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH".split())


class Choices(BaseChoiceIterator):
    """Choices already in the form Django normalises them to: a field takes them as they are.

    Django normalises a list given to a ``ChoiceField`` again for every field; ~250
    countries on every country question of every form add up. One instance is shared
    by all fields of a language, so nothing may change it.
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)


_per_language = {}


def per_language(build):
    """``build()``, computed once per active language (its names are translated when built)."""

    def cached():
        key = (build.__name__, get_language())
        if key not in _per_language:
            _per_language[key] = build()
        return _per_language[key]

    cached.__doc__ = build.__doc__
    return cached


@per_language
def _countries():
    everything = [(code, str(name)) for code, name in countries]
    return (
        (str(_("EU, EEA, Switzerland")), tuple(c for c in everything if c[0] in EU_EEA_CH)),
        (str(_("Other states")), tuple(c for c in everything if c[0] not in EU_EEA_CH)),
    )


@per_language
def _languages():
    names = ((code, str(get_language_info(code)["name_translated"])) for code in LANGUAGE_CODES)
    return tuple(sorted(names, key=lambda c: c[1]))


@per_language
def country_field_choices():
    """The countries for a country question, EU, EEA and Swiss states first; shared, never to be changed."""
    return Choices(_countries())


@per_language
def blank_country_field_choices():
    return Choices((("", "—"), *_countries()))


@per_language
def blank_language_field_choices():
    return Choices((("", "—"), *_languages()))


def country_choices():
    """EU, EEA and Swiss states first: they are who the Clearingstelle serves (a list of one's own)."""
    return [(group, list(members)) for group, members in _countries()]


def language_choices():
    """The interview languages by their name in the active language (a list of one's own)."""
    return list(_languages())


class DateRuleField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    messages = {
        "past": _("The date must be in the past."),
        "not_future": _("The date must not be in the future."),
        "future": _("The date must be in the future."),
        "not_past": _("The date must not be in the past."),
    }

    def __init__(self, *, rule=None, **kwargs):
        self.rule = rule
        # The date already on file: it passed the rule when it was entered, and an
        # appointment that "must not be in the past" must not block saving the case later.
        self.stored = None
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values or not self.rule or value == self.stored:
            return
        today = timezone.localdate()
        broken = {
            "past": value >= today,
            "not_future": value > today,
            "future": value <= today,
            "not_past": value < today,
        }[self.rule]
        if broken:
            raise forms.ValidationError(self.messages[self.rule], code=self.rule)


class FiniteFloatField(forms.FloatField):
    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values and not math.isfinite(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class AddressWidget(forms.MultiWidget):
    template_name = "questionnaires/widgets/address.html"

    def __init__(self, attrs=None):
        parts = [
            forms.TextInput(attrs={"placeholder": _("Street"), "autocomplete": "address-line1"}),
            forms.TextInput(attrs={"placeholder": _("No."), "size": 6}),
            forms.TextInput(attrs={"placeholder": _("Floor / flat"), "size": 10}),
            forms.TextInput(attrs={"placeholder": _("Postcode"), "size": 8, "autocomplete": "postal-code"}),
            forms.TextInput(attrs={"placeholder": _("Town"), "autocomplete": "address-level2"}),
        ]
        super().__init__(parts, attrs)

    def decompress(self, value):
        if not value:
            return [None] * 5
        return [value.get(part) for part in AddressField.PARTS]


class AddressField(forms.MultiValueField):
    PARTS = ("street", "number", "floor", "postcode", "town")
    widget = AddressWidget

    def __init__(self, **kwargs):
        fields = (
            TextField(max_length=200, error_messages={"incomplete": _("Enter the street.")}),
            TextField(max_length=20, error_messages={"incomplete": _("Enter the house number.")}),
            TextField(max_length=50, required=False),
            TextField(max_length=10, validators=[POSTCODE], error_messages={"incomplete": _("Enter the postcode.")}),
            TextField(max_length=100, error_messages={"incomplete": _("Enter the town.")}),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        return {part: (value or "").strip() for part, value in zip(self.PARTS, data_list, strict=False)}
