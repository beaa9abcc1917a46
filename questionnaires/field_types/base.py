"""The base class of every field type and the registry that finds a type by its stored name."""

from django.utils.translation import gettext


def localized(texts, language):
    """A text in ``language``, else in German, else empty."""
    return (texts or {}).get(language) or (texts or {}).get("de") or ""


class FieldType:
    """One kind of question. A subclass sets ``name`` and ``label`` and overrides what differs.

    ``name`` is what catalogue fields, answers and revisions store: it never changes.
    """

    name = ""
    label = ""
    has_options = False  # the catalogue field lists the options to choose from
    text_rules = False  # lengths and patterns apply
    longest = None  # the most characters an answer can have, whatever the item allows (None: no limit)
    number_rules = False  # minimum and maximum apply
    date_rules = False  # a date rule (in the past, …) applies
    multiple = False  # the answer is a list
    repeatable = False  # questions asked once per entry (children, household members), not one form field

    def form_field(self, item, builder, **options):
        """The Django field for a compiled item; ``options`` are label, help text and required."""
        raise NotImplementedError(f"{self.name!r} has no form field of its own")

    def to_json(self, cleaned):
        """A cleaned form value → the JSON stored with the answers; ``None`` when not answered."""
        if cleaned is None or cleaned == "" or cleaned == []:
            return None
        return cleaned

    def from_json(self, stored):
        """A stored answer → the initial value of its form field."""
        return stored

    def display(self, item, value, language):
        """A stored answer (never empty) as a person reads it."""
        return str(value)

    def condition_values(self, facts):
        """What ``equals``/``one_of`` may compare with (``facts`` as ``validation.catalogue_facts`` gives them).

        ``None``: for this type only "is answered" is possible.
        """
        return None

    def condition_choices(self, options):
        """What the builder offers to pick for a condition: ``(text as typed, German label)`` pairs.

        ``options`` are the catalogue field's (``CatalogueField.option_list()``);
        ``None`` leaves the value to be typed.
        """
        return None

    def unknown_condition_values(self, values, allowed):
        """Typed strictly: ``1`` is not ``"1"``, as the server's ``in`` sees it."""
        return [value for value in values if not isinstance(value, str) or value not in allowed]

    def unknown_values_message(self, unknown, allowed):
        """``unknown`` and ``allowed`` come listed as the JSON file writes them."""
        return gettext("Unknown value %(unknown)s; possible: %(allowed)s") % {"unknown": unknown, "allowed": allowed}

    def condition_value(self, text):
        """A value typed into a condition in the admin → the JSON value the condition stores."""
        return text

    def posted_value(self, value):
        """One stored value as a browser posts it."""
        return str(value)

    def browser_values(self, value):
        """A condition's value as ``conditions.js`` compares it: the strings the browser posts."""
        values = value if isinstance(value, list) else ([] if value is None else [value])
        return [self.posted_value(v) for v in values]

    def posted(self, key, item, value):
        """The POST data a browser sends for the stored answer ``value`` under the field name ``key``."""
        if value is None:
            return {key: [] if self.multiple else ""}
        if isinstance(value, list):
            return {key: [self.posted_value(v) for v in value]}
        return {key: self.posted_value(value)}

    def demo_value(self, item, rng, person):
        """A realistic answer for the demo; ``person`` is the invented person answering."""
        raise NotImplementedError(f"{self.name!r} has no demo value")


class UnknownFieldType(ValueError):
    pass


class FieldTypeRegistry:
    """The field types by stored name, in the order the admin lists them."""

    def __init__(self):
        self._types = {}

    def register(self, cls):
        """Registers one instance of ``cls`` under ``cls.name``; usable as a class decorator."""
        if cls.name in self._types:
            raise ValueError(f"The field type {cls.name!r} is already registered.")
        self._types[cls.name] = cls()
        return cls

    def unregister(self, name):
        del self._types[name]

    def get(self, name):
        try:
            return self._types[name]
        except KeyError:
            raise UnknownFieldType(f"Unknown field type {name!r}; valid types: {', '.join(self._types)}") from None

    def __contains__(self, name):
        return name in self._types

    def __iter__(self):
        return iter(list(self._types.values()))

    def choices(self):
        return [(field_type.name, field_type.label) for field_type in self]


registry = FieldTypeRegistry()
register = registry.register
