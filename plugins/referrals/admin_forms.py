"""The recipient's admin form: the scope picked from the catalogue, refused with a German message when unsafe."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from core.text import EmailField, TextField
from questionnaires.api import catalogue_entries

from .scope import columns, sample_row, scope_problems
from .vocabulary import CASE_STATUSES, CORE_FIELDS


def catalogue_field_choices():
    return [(key, f"{entry.label} ({key})") for key, entry in catalogue_entries().items()]


class RecipientForm(WagtailAdminModelForm):
    name = TextField(label=_("name"), max_length=255)
    contact = TextField(label=_("contact"), required=False, multiline=True, widget=forms.Textarea)
    email = EmailField(label=_("email address for deliveries"), required=False, max_length=254)
    justification = TextField(
        label=_("justification"),
        required=False,
        multiline=True,
        widget=forms.Textarea,
        help_text=_("Required when the scope holds a special-category field (Art. 9 GDPR)."),
    )
    core_fields = forms.MultipleChoiceField(
        label=_("case data"), choices=list(CORE_FIELDS.items()), required=False, widget=forms.CheckboxSelectMultiple
    )
    catalogue_fields = forms.MultipleChoiceField(
        label=_("catalogue fields"),
        choices=catalogue_field_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only fields whose “may go to” list names the recipient's kind can be saved."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("case statuses"), choices=list(CASE_STATUSES.items()), widget=forms.CheckboxSelectMultiple
    )
    consent_field = forms.ChoiceField(
        label=_("consent question"),
        required=False,
        help_text=_("A yes/no catalogue field: special-category answers go only with a “yes” to it."),
    )
    archive_password = TextField(
        label=_("archive password"),
        required=False,
        max_length=128,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Encrypts the ZIP of file drop and email; tell it to the recipient by phone, never by mail. "
            "It is never shown again: leave the box empty to keep the saved one."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        yes_no = [
            (key, f"{entry.label} ({key})")
            for key, entry in catalogue_entries().items()
            if entry.field_type == "yes_no"
        ]
        self.fields["consent_field"].choices = [("", "—")] + yes_no

    def clean_archive_password(self):
        """The saved password never goes back to the browser, so an empty box keeps it."""
        return self.cleaned_data["archive_password"] or (self.instance.archive_password if self.instance.pk else "")

    def _post_clean(self):
        """After the instance holds the form's values: the scope rules, each message on its field."""
        super()._post_clean()
        for name, messages in scope_problems(self.instance).items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class ScopePreviewPanel(Panel):
    """Exactly the columns the recipient gets, with an invented sample row."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "referrals/scope_preview.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            snapshot = self.instance.scope_snapshot()
            context["columns"] = list(zip(columns(snapshot), sample_row(snapshot), strict=True))
            return context
