"""The office's own details (name, address, contact, controller, data-protection officer): one setting for all.

Pages, emails and the release certificate all print them, so they live in the core,
not in ``pages`` or a plugin: intake reads them through ``office_details()`` with
or without the public pages, and nobody imports anybody else. The shipped values
(``defaults/office.json``) hold only what is public; what only the town can give is
left empty and shown in the admin as "to be completed", never invented.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting

from .text import EmailField, TextField

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "office.json"
# Fields the town must fill in itself: an empty one says so in the admin.
TO_COMPLETE = ("phone", "email", "controller", "data_protection_officer")


def to_be_completed(widget):
    """A box for what only the town can give: empty, it reads "to be completed" instead of holding an invention."""
    widget.attrs["placeholder"] = _("to be completed")
    return widget


class OfficeDetailsForm(WagtailAdminModelForm):
    """Takes text through ``core.text`` like every other form, so no hidden character reaches a printout."""

    name = TextField(label=_("office name"), max_length=255)
    address = TextField(label=_("address"), multiline=True, widget=forms.Textarea(attrs={"rows": 3}))
    phone = TextField(label=_("phone"), max_length=50, required=False, widget=to_be_completed(forms.TextInput()))
    email = EmailField(label=_("email"), max_length=254, required=False, widget=to_be_completed(forms.EmailInput()))
    controller = TextField(
        label=_("controller"), multiline=True, required=False, widget=to_be_completed(forms.Textarea(attrs={"rows": 4}))
    )
    data_protection_officer = TextField(
        label=_("data-protection officer"),
        multiline=True,
        required=False,
        widget=to_be_completed(forms.Textarea(attrs={"rows": 4})),
    )


class OfficeDetails(BaseGenericSetting):
    """One per installation: a certificate or an email has no site to ask, and there is one office."""

    name = models.CharField(_("office name"), max_length=255)
    address = models.TextField(_("address"), help_text=_("Street and house number, postcode and town; one per line."))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    controller = models.TextField(
        _("controller"),
        blank=True,
        help_text=_("Who is responsible for the processing (Art. 13 (1)(a) GDPR): name and address."),
    )
    data_protection_officer = models.TextField(
        _("data-protection officer"),
        blank=True,
        help_text=_("How to reach the data-protection officer (Art. 13 (1)(b) GDPR). Only the town can give this."),
    )

    base_form_class = OfficeDetailsForm
    panels = [FieldPanel(name) for name in ("name", "address", "phone", "email", "controller")] + [
        FieldPanel("data_protection_officer")
    ]

    class Meta:
        verbose_name = _("office details")
        default_permissions = ("change",)  # one row, made by bootstrap: nobody adds, deletes or only looks

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Office:
    """What a page, an email or a certificate prints about the office; empty text where the town has not said."""

    name: str
    address: str
    phone: str = ""
    email: str = ""
    controller: str = ""
    data_protection_officer: str = ""

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def missing(self):
        return [name for name in TO_COMPLETE if not getattr(self, name)]


def shipped_office_details():
    return json.loads(DEFAULTS.read_text(encoding="utf-8"))


def ensure_office_details():
    """Create the setting from the shipped file when there is none; an existing one is never touched."""
    if OfficeDetails.objects.exists():
        return False
    OfficeDetails.objects.create(**shipped_office_details())
    return True


def office_details():
    """The office as the setting holds it, or as shipped while nobody has bootstrapped yet."""
    row = OfficeDetails.objects.first()
    values = {field: getattr(row, field) for field in shipped_office_details()} if row else shipped_office_details()
    return Office(**values)
