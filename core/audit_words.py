"""The audit log in words: actions and details as readable text, from every app's vocabulary.

The log keeps codes (``case.read``, ``{"fields": [...]}``) so that it stays
stable across languages and releases; readers get the words of the
``AUDIT_VOCABULARY`` hook, in their own language, and a code nobody names as it is.
"""

from django.apps import apps
from django.utils.translation import gettext as _
from wagtail import hooks

from .hooks import AUDIT_VOCABULARY
from .staff import staff_name


class AuditWords:
    """The merged vocabularies of all apps; make one per request, the labels follow the reader's language."""

    def __init__(self):
        self.actions, self.details, self.values, self.transitions = {}, {}, {}, []
        for contribute in hooks.get_hooks(AUDIT_VOCABULARY):
            vocabulary = contribute()
            self.actions.update(vocabulary.actions)
            self.details.update(vocabulary.details)
            for key, words in vocabulary.values.items():
                self.values.setdefault(key, {}).update(words)
            self.transitions.extend(vocabulary.transitions)
        self._types = {}

    def action(self, code):
        return str(self.actions.get(code, code))

    def object_type(self, label):
        if label not in self._types:
            try:
                self._types[label] = str(apps.get_model(label)._meta.verbose_name)
            except (LookupError, ValueError):
                self._types[label] = label
        return self._types[label]

    def actor(self, entry):
        """The staff member by full name; the login name copied at the time once the account is gone."""
        return staff_name(entry.actor) if entry.actor_id and entry.actor else entry.actor_name

    def label(self, key):
        return str(self.details.get(key, key))

    def value(self, key, value):
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, list):
            return ", ".join(self.value(key, item) for item in value)
        if isinstance(value, dict):
            return ", ".join(f"{self._inner_label(key, inner)}: {self.value(inner, v)}" for inner, v in value.items())
        if key == "action":
            return self.action(value)
        return str(self.values.get(key, {}).get(str(value), value))

    def _inner_label(self, key, inner):
        words = self.values.get(key, {})
        return str(words[inner]) if inner in words else self.label(inner)

    def describe(self, details):
        """E.g. “Status: im Gespräch → Gespräch abgeschlossen; Felder: Nachname, Vornamen”."""
        parts, shown = [], set()
        for start, end, label in self.transitions:
            if start in details and end in details:
                parts.append(f"{label}: {self.value(start, details[start])} → {self.value(end, details[end])}")
                shown |= {start, end}
        parts += [f"{self.label(key)}: {self.value(key, value)}" for key, value in details.items() if key not in shown]
        return "; ".join(parts)
