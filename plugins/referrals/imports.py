"""Partners' status updates (registration confirmed, outcome of a referral) imported as CSV/XLSX, all or nothing.

A django-import-export resource: each row is validated by the model (the case must have
been handed to the importing recipient, no hidden characters); the dry run lists every
row's errors, and a real run stores nothing while any row is invalid.
"""

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from core import audit
from core.text import hidden

from .models import HandoverItem, StatusUpdate

COLUMNS = ("case_reference", "outcome", "reported_on", "note")


class StatusUpdateResource(resources.ModelResource):
    reported_on = fields.Field(
        attribute="reported_on", column_name="reported_on", widget=widgets.DateWidget("%Y-%m-%d")
    )

    class Meta:
        model = StatusUpdate
        fields = COLUMNS
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = False

    def __init__(self, recipient):
        super().__init__()
        self.recipient = recipient
        self.handed = set(HandoverItem.objects.filter(recipient=recipient).values_list("case_reference", flat=True))

    def get_instance(self, instance_loader, row):
        return None  # every row is a new update

    def before_save_instance(self, instance, row, **kwargs):
        instance.recipient = self.recipient

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.recipient = self.recipient
        errors = {}
        if instance.case_reference not in self.handed:
            errors["case_reference"] = gettext("This case was never handed over to %s.") % self.recipient.name
        for name in ("case_reference", "outcome", "note"):
            if hidden(getattr(instance, name) or "", multiline=name == "note"):
                errors[name] = gettext("The text contains invisible characters.")
        if errors:
            raise ValidationError(errors)


def read_dataset(upload):
    """The uploaded file as a ``tablib.Dataset`` (CSV in UTF-8, or XLSX)."""
    content = upload.read()
    if upload.name.lower().endswith(".xlsx"):
        return tablib.Dataset().load(content, format="xlsx")
    return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")


def import_status_updates(recipient, dataset, *, dry_run, actor=None):
    """The import result; a real run writes only when the dry run found no error, in one transaction."""
    check = StatusUpdateResource(recipient).import_data(dataset, dry_run=True, raise_errors=False)
    if dry_run or check.has_errors() or check.has_validation_errors():
        return check
    with transaction.atomic():
        result = StatusUpdateResource(recipient).import_data(dataset, dry_run=False, raise_errors=True)
        audit.record("referrals.import", recipient, actor, recipient=recipient.slug, rows=result.total_rows)
    return result
