"""The small forms of the case file: a status set by hand, a certificate revoked, the start a new case comes from.

Each takes its free text through ``core.text.TextField``, as the interview does.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import TextField

from .case_file import SET_BY_HAND
from .models import Case

REASON_LENGTH = 1000


class StatusForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Change status to"),
        choices=[(status.value, status.label) for status in SET_BY_HAND],
        error_messages={"invalid_choice": _("This status cannot be set by hand.")},
    )
    reason = TextField(label=_("Reason"), max_length=REASON_LENGTH, required=False)


class RevokeForm(forms.Form):
    reason = TextField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        error_messages={"required": _("Please give the reason for revoking.")},
    )


class StartForm(forms.Form):
    """``?source_kind=…&source_id=…`` of a start another plugin offered, within what a case stores."""

    source_kind = TextField(max_length=Case._meta.get_field("source_kind").max_length, required=False)
    source_id = TextField(max_length=Case._meta.get_field("source_id").max_length, required=False)


def error_lines(form):
    """The form's errors as lines for ``messages``: the field's label, then what is wrong."""
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields and form.fields[name].label else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]
