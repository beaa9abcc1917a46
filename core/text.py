"""Text as people type it: one Unicode form, no hidden characters, and a folded copy for search.

Every form of the platform takes free text through ``TextField`` (the engine's
text types, the case forms, reasons), so what is stored is NFC-normalised and
holds no control, text-direction or zero-width characters: these change what a
printed certificate or another screen shows without being visible themselves.
"""

import unicodedata

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Characters that show nothing themselves but change what is shown: controls (the null byte
# among them), text-direction marks, overrides and isolates, zero-width spaces and joiners,
# soft hyphens, line and paragraph separators. Unicode's categories name them all.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
LINE_BREAKS = "\n\r\t"  # what a multi-line box may hold; a single line gets a space for them
# Letters that fold to Latin ones but have no Unicode decomposition to strip a mark from.
LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h", "ı": "i", "ŧ": "t"}
)


def normalise(text):
    """NFC: an ``ț`` typed as ``t`` plus a comma below and one typed as one character are the same."""
    return unicodedata.normalize("NFC", text)


def _is_hidden(ch, multiline):
    return unicodedata.category(ch) in HIDDEN_CATEGORIES and not (multiline and ch in LINE_BREAKS)


def hidden(text, multiline=False):
    """The hidden characters in ``text``, in order."""
    return [ch for ch in text if _is_hidden(ch, multiline)]


def without_hidden(text, multiline=False):
    """``text`` as it would be stored: hidden characters removed, a line break in one line a space."""
    return "".join(
        " " if not multiline and ch in LINE_BREAKS else ch
        for ch in text
        if ch in LINE_BREAKS or not _is_hidden(ch, multiline)
    )


def fold(text):
    """``text`` as search compares it: lower case, no accents, ß as ss, ł as l; hidden characters dropped.

    A small table stands in for a transliteration library (Unidecode is GPL):
    only letters of the Latin alphabets the office meets that have no decomposition.
    """
    # Decomposed first: a compatibility letter (ℌ, ㎒) decomposes to a capital that casefold must still see.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not _is_hidden(ch, False))
    return " ".join(kept.translate(LETTERS).split())


class TextField(forms.CharField):
    """A ``CharField`` whose value is NFC and free of hidden characters.

    Text with hidden characters is refused, and the field shows it again without them:
    the clerk cannot see what to remove, so sees what would be stored and sends it once more.
    """

    default_error_messages = {
        "hidden": _(
            "The text contained invisible characters (control characters, text-direction marks or "
            "zero-width spaces). They have been removed; please check the text."
        ),
    }

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)
        # Our own check names every hidden character, the null byte among them.
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def to_python(self, value):
        value = super().to_python(value)
        return normalise(value) if isinstance(value, str) else value

    def validate(self, value):
        if isinstance(value, str) and hidden(value, self.multiline):
            raise forms.ValidationError(self.error_messages["hidden"], code="hidden")
        super().validate(value)

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        return without_hidden(data, self.multiline) if isinstance(data, str) else data


class FoldedCopy(models.TextField):
    """The folded text of other columns of the row (``of``), for searching them.

    Written from those columns whenever the row is: ``save()`` and ``bulk_create()`` both
    ask ``pre_save``. A ``save(update_fields=…)`` must name this field too (a model's
    ``save`` adds it), and ``QuerySet.update()`` passes it by.
    """

    def __init__(self, *args, of=(), **kwargs):
        self.of = tuple(of)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, {**kwargs, "of": self.of}

    def folded(self, instance):
        return fold(" ".join(str(getattr(instance, name) or "") for name in self.of))

    def pre_save(self, model_instance, add):
        value = self.folded(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class EmailField(TextField, forms.EmailField):
    """An email address held to the same rule: Django's address check lets hidden characters through."""
