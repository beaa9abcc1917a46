"""The public booking forms: what a citizen sends, refused with a message in their language when it cannot be stored."""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.text import EmailField, TextField

from .booking import Contact

MAX_PEOPLE = 10
# The citizen's wording of core.text's refusal, translated into every language of the public site.
HIDDEN = {
    "hidden": _(
        "The text contained invisible characters. They have been removed; please check the text and send it again."
    )
}


def people_choices(calendar):
    return [(n, str(n)) for n in range(1, min(calendar.seats_online, MAX_PEOPLE) + 1)]


class PeopleForm(forms.Form):
    """How many people come: a family books its seats together, so only slots with that many free are shown."""

    people = forms.TypedChoiceField(label=_("Number of people"), coerce=int, initial=1)

    def __init__(self, *args, calendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people_choices(calendar)


class DetailsForm(forms.Form):
    """The booking form proper; ``start`` is the held time, or a choice among free ones when it was lost."""

    start = forms.TypedChoiceField(label=_("Time"), coerce=int, widget=forms.HiddenInput)
    people = forms.TypedChoiceField(label=_("Number of people"), coerce=int)
    name = TextField(label=_("Your name"), max_length=200, error_messages=HIDDEN)
    email = EmailField(label=_("Email address"), max_length=254, required=False, error_messages=HIDDEN)
    phone = TextField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        error_messages=HIDDEN,
        validators=[
            RegexValidator(r"^\+?[0-9][0-9 ()/.-]{4,}$", _("Please enter a phone number, e.g. +40 712 345 678."))
        ],
    )
    language = forms.ChoiceField(label=_("Language for the appointment"), choices=settings.LANGUAGES)
    privacy = forms.BooleanField(
        label=_("I have read the privacy notice and accept it."),
        error_messages={"required": _("Please accept the privacy notice to book the appointment.")},
    )
    # A field people never see (hidden by the stylesheet, skipped by the keyboard); robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, calendar, starts, stale=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people_choices(calendar)
        self.fields["start"].choices = starts
        if stale:
            self.fields["start"].widget = forms.RadioSelect(choices=starts)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["name"].widget.attrs.update(autocomplete="name")

    def full_clean(self):
        """Tie each error to its input for screen readers (the template gives the list this id)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_errors"})

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            raise forms.ValidationError(
                _("Please give an email address or a phone number, so that we can reach you."), code="no_contact"
            )
        return data

    @property
    def is_robot(self):
        return bool(self.data.get("website"))

    def contact(self):
        data = self.cleaned_data
        return Contact(
            name=data["name"], email=data.get("email", ""), phone=data.get("phone", ""), language=data["language"]
        )


class WaitingForm(DetailsForm):
    """Joining a full week's waiting list: the booking form's checks, without a time."""

    def __init__(self, *args, calendar, **kwargs):
        super().__init__(*args, calendar=calendar, starts=[], **kwargs)
        del self.fields["start"]
