"""The field-type registry: one class per type holds everything about it (see ``base.FieldType``).

Importing this package registers the shipped types (``standard``).
"""

from . import standard
from .base import FieldType, UnknownFieldType, localized, register, registry
from .builder import FormFieldBuilder


def field_type_choices():
    """``CatalogueField.field_type`` choices: a callable, so a new type needs no migration."""
    return registry.choices()


__all__ = [
    "FieldType",
    "FormFieldBuilder",
    "UnknownFieldType",
    "field_type_choices",
    "localized",
    "register",
    "registry",
    "standard",
]
