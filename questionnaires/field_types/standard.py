"""The field types the platform ships, registered in the order the admin lists them.

A new type is one more class here (or in a module ``field_types`` imports) and its
name in the ``field_type`` enum of ``form_definitions/schema.json``.
"""

import datetime
import math
import unicodedata

from django import forms
from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.text import EmailField, TextField

from ..conditions import EMPTY
from ..entries import ENTRY_ID, stored_entry_id
from ..form_fields import (
    LANGUAGE_CODES,
    PHONE,
    YES_NO,
    AddressField,
    DateRuleField,
    FiniteFloatField,
    blank_country_field_choices,
    blank_language_field_choices,
    country_field_choices,
)
from ..patterns import PatternValidator
from .base import FieldType, localized, register, registry


# -- text -------------------------------------------------------------------------------
class TextType(FieldType):
    text_rules = True

    def max_length(self, item, default):
        """The item's maximum length, else ``default``; never more than ``longest``."""
        wanted = item.get("max_length") or default
        return min(wanted, self.longest) if self.longest else wanted

    def validators(self, item, builder):
        if not item.get("pattern"):
            return []
        return [PatternValidator(item["pattern"], builder.text(item.get("pattern_message")))]

    def demo_value(self, item, rng, person):
        text = "Demo"
        return (text * math.ceil((item.get("min_length") or 1) / len(text)))[: item.get("max_length") or 255]


@register
class Text(TextType):
    name = "text"
    label = _("Text")
    longest = 255  # models that copy a text answer (a case's names) hold this many characters

    def form_field(self, item, builder, **options):
        return TextField(
            max_length=self.max_length(item, self.longest),
            min_length=item.get("min_length"),
            validators=self.validators(item, builder),
            **options,
        )


@register
class LongText(TextType):
    name = "long_text"
    label = _("Long text")

    def form_field(self, item, builder, **options):
        return TextField(
            multiline=True,
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=self.max_length(item, 5000),
            min_length=item.get("min_length"),
            validators=self.validators(item, builder),
            **options,
        )


# -- number and date --------------------------------------------------------------------
@register
class Number(FieldType):
    name = "number"
    label = _("Number")
    number_rules = True

    def form_field(self, item, builder, **options):
        return FiniteFloatField(min_value=item.get("min"), max_value=item.get("max"), **options)

    def to_json(self, cleaned):
        value = super().to_json(cleaned)
        if value is None:
            return None
        return int(value) if float(value).is_integer() else float(value)

    def display(self, item, value, language):
        return f"{value:n}" if isinstance(value, float) else str(value)

    def demo_value(self, item, rng, person):
        low = math.ceil(item["min"]) if item.get("min") is not None else 0
        high = math.floor(item["max"]) if item.get("max") is not None else low + 10
        return rng.randint(low, max(low, high))


@register
class Date(FieldType):
    name = "date"
    label = _("Date")
    date_rules = True
    DEMO_DAYS = {"past": (-3650, -1), "not_future": (-365, 0), "future": (1, 60), "not_past": (0, 60)}

    def form_field(self, item, builder, **options):
        return DateRuleField(rule=item.get("date"), **options)

    def to_json(self, cleaned):
        value = super().to_json(cleaned)
        return None if value is None else value.isoformat()

    def from_json(self, stored):
        return None if stored is None else datetime.date.fromisoformat(stored)

    def display(self, item, value, language):
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")

    def demo_value(self, item, rng, person):
        low, high = self.DEMO_DAYS.get(item.get("date"), (-30, 30))
        return (person.today + datetime.timedelta(days=rng.randint(low, high))).isoformat()


# -- choices ----------------------------------------------------------------------------
@register
class YesNo(FieldType):
    name = "yes_no"
    label = _("Yes/no")

    def form_field(self, item, builder, **options):
        return forms.TypedChoiceField(
            choices=YES_NO, coerce=lambda v: v == "yes", empty_value=None, widget=forms.RadioSelect, **options
        )

    def from_json(self, stored):
        return None if stored is None else ("yes" if stored else "no")

    def display(self, item, value, language):
        return gettext("Yes") if value else gettext("No")

    def condition_values(self, facts):
        return [True, False]

    def condition_choices(self, options):
        return [("true", gettext("Yes")), ("false", gettext("No"))]

    def unknown_condition_values(self, values, allowed):
        return [value for value in values if not isinstance(value, bool)]

    def condition_value(self, text):
        return {"true": True, "false": False}.get(text.lower(), text)

    def posted_value(self, value):
        return ("yes" if value else "no") if isinstance(value, bool) else str(value)

    def demo_value(self, item, rng, person):
        return rng.random() < 0.5


class OptionsType(FieldType):
    """Choices among the options of the catalogue field."""

    has_options = True

    def option_choices(self, item, builder):
        return [(option["value"], builder.text(option["label"])) for option in item.get("options", [])]

    def display(self, item, value, language):
        labels = {option["value"]: localized(option["label"], language) for option in item.get("options", [])}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values)

    def condition_values(self, facts):
        return facts["options"]

    def condition_choices(self, options):
        return [(option["value"], localized(option["label"], "de")) for option in options]


@register
class Choice(OptionsType):
    name = "choice"
    label = _("Single choice")

    def form_field(self, item, builder, **options):
        choices = self.option_choices(item, builder)
        widget = forms.RadioSelect if len(choices) <= 6 else forms.Select
        blank = [] if widget is forms.RadioSelect else [("", "—")]
        return forms.ChoiceField(choices=blank + choices, widget=widget, **options)

    def demo_value(self, item, rng, person):
        return rng.choice([option["value"] for option in item.get("options", [])])


@register
class MultiChoice(OptionsType):
    name = "multi_choice"
    label = _("Multiple choice")
    multiple = True

    def form_field(self, item, builder, **options):
        return forms.MultipleChoiceField(
            choices=self.option_choices(item, builder), widget=forms.CheckboxSelectMultiple, **options
        )

    def demo_value(self, item, rng, person):
        options = [option["value"] for option in item.get("options", [])]
        return rng.sample(options, k=rng.randint(1, min(3, len(options))))


class CountryType(FieldType):
    """Countries by ISO 3166 code, EU, EEA and Swiss states first."""

    def display(self, item, value, language):
        names = dict(countries)
        codes = value if isinstance(value, list) else [value]
        return ", ".join(names.get(code, code) for code in codes)

    def condition_values(self, facts):
        return [country.code for country in countries]

    def unknown_values_message(self, unknown, allowed):
        return gettext("Unknown country code %s; use two capital letters as in ISO 3166, e.g. HU.") % unknown


@register
class Country(CountryType):
    name = "country"
    label = _("Country")

    def form_field(self, item, builder, **options):
        return forms.ChoiceField(choices=blank_country_field_choices(), **options)

    def demo_value(self, item, rng, person):
        return person.nationality


@register
class Nationality(CountryType):
    name = "nationality"
    label = _("Nationalities (several)")
    multiple = True

    def form_field(self, item, builder, **options):
        return forms.MultipleChoiceField(
            choices=country_field_choices(), widget=forms.SelectMultiple(attrs={"size": 6}), **options
        )

    def demo_value(self, item, rng, person):
        return [person.nationality]


@register
class Language(FieldType):
    name = "language"
    label = _("Language")

    def form_field(self, item, builder, **options):
        return forms.ChoiceField(choices=blank_language_field_choices(), **options)

    def display(self, item, value, language):
        try:
            return get_language_info(value)["name_translated"]
        except KeyError:
            return value

    def condition_values(self, facts):
        return LANGUAGE_CODES

    def demo_value(self, item, rng, person):
        return person.language


# -- contact ----------------------------------------------------------------------------
MAIL_DOMAINS = {
    "RO": ("gmail.com", "yahoo.com", "yahoo.ro"),
    "BG": ("abv.bg", "gmail.com", "mail.bg"),
    "PL": ("wp.pl", "o2.pl", "onet.pl", "gmail.com"),
    "HU": ("freemail.hu", "gmail.com", "citromail.hu"),
    "HR": ("gmail.com", "net.hr"),
    "DE": ("web.de", "gmx.de", "gmail.com"),
}
PHONE_FORMATS = {
    "RO": "+40 7## ### ###",
    "BG": "+359 8# ### ####",
    "PL": "+48 5## ### ###",
    "HU": "+36 30 ### ####",
    "HR": "+385 9# ### ####",
    "DE": "+49 15# ########",
}
ASCII = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "ø": "o"})


def _ascii(text):
    text = unicodedata.normalize("NFKD", text.translate(ASCII))
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in ".-")).lower()


def phone_number(rng, country):
    """A mobile number as written in ``country`` (German for a country without a format here)."""
    pattern = PHONE_FORMATS.get(country, PHONE_FORMATS["DE"])
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


@register
class Email(TextType):
    name = "email"
    label = _("Email")
    longest = 254

    def form_field(self, item, builder, **options):
        return EmailField(
            max_length=self.max_length(item, self.longest),
            min_length=item.get("min_length"),
            validators=self.validators(item, builder),
            **options,
        )

    def demo_value(self, item, rng, person):
        """The person's name at a mail provider common in their country."""
        first = _ascii(person.first_names.split()[0]).strip(".-") or "info"
        last = _ascii(person.surname).strip(".-") or "mail"
        name = rng.choice((f"{first}.{last}", f"{first}{rng.randint(70, 99)}", last))
        return f"{name}@{rng.choice(MAIL_DOMAINS.get(person.nationality, MAIL_DOMAINS['DE']))}"


@register
class Phone(TextType):
    name = "phone"
    label = _("Phone")
    longest = 30

    def form_field(self, item, builder, **options):
        return forms.CharField(
            max_length=self.max_length(item, self.longest),
            min_length=item.get("min_length"),
            validators=[PHONE, *self.validators(item, builder)],
            **options,
        )

    def demo_value(self, item, rng, person):
        return phone_number(rng, person.nationality)


# -- structured -------------------------------------------------------------------------
@register
class Address(FieldType):
    name = "address"
    label = _("Address")

    def form_field(self, item, builder, **options):
        return AddressField(**options)

    def display(self, item, value, language):
        street = " ".join(part for part in (value.get("street"), value.get("number")) if part)
        town = " ".join(part for part in (value.get("postcode"), value.get("town")) if part)
        return ", ".join(part for part in (street, value.get("floor"), town) if part)

    def posted(self, key, item, value):
        """One input per part, as ``AddressWidget`` names them."""
        return {f"{key}_{index}": (value or {}).get(part, "") for index, part in enumerate(AddressField.PARTS)}

    def demo_value(self, item, rng, person):
        return person.address


@register
class Group(FieldType):
    """Entries of the same questions: a formset in ``QuestionnaireForm``, stored as a list of answer dicts."""

    name = "group"
    label = _("Repeatable group")
    repeatable = True

    def display(self, item, value, language):
        entries = [
            ", ".join(
                str(registry.get(sub["type"]).display(sub, entry[sub["key"]], language))
                for sub in item.get("fields", [])
                if entry.get(sub["key"]) not in EMPTY
            )
            for entry in value
        ]
        return "; ".join(entry for entry in entries if entry)

    def posted(self, key, item, value):
        entries = value or []
        data = {f"{key}-TOTAL_FORMS": str(len(entries)), f"{key}-INITIAL_FORMS": "0"}
        for index, entry in enumerate(entries):
            data[f"{key}-{index}-{ENTRY_ID}"] = stored_entry_id(entry, index)
            for sub in item["fields"]:
                data.update(registry.get(sub["type"]).posted(f"{key}-{index}-{sub['key']}", sub, entry.get(sub["key"])))
        return data

    def demo_value(self, item, rng, person):
        return [{sub["key"]: registry.get(sub["type"]).demo_value(sub, rng, person) for sub in item.get("fields", [])}]
