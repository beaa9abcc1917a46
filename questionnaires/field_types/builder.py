"""The Django form field of a compiled item, built by its field type."""

from .base import localized, registry


class FormFieldBuilder:
    """Builds the Django field for a compiled item; an unknown type names the valid ones."""

    def __init__(self, language, read_along=None):
        self.language = language
        self.read_along = read_along

    def text(self, texts):
        return localized(texts, self.language)

    def read_along_text(self, texts):
        """The text in the person's language for reading along; empty where it has none (no fallback)."""
        if not self.read_along or self.read_along == self.language:
            return ""
        return (texts or {}).get(self.read_along, "")

    def common(self, item):
        return {
            "label": self.text(item.get("label")),
            "help_text": self.text(item.get("help_text")),
            "required": bool(item.get("required")),
        }

    def build(self, item):
        kind = item.get("type")
        if kind not in registry or registry.get(kind).repeatable:
            valid = ", ".join(field_type.name for field_type in registry if not field_type.repeatable)
            raise ValueError(f"Unknown field type {kind!r} for {item.get('key')!r}; valid types: {valid}")
        field = registry.get(kind).form_field(item, self, **self.common(item))
        field.read_along = self.read_along_text(item.get("label"))  # shown beside the label of a group's question
        return field
