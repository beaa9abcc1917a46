"""The audit log as a read-only report for the data-protection officer (role “Datenschutz”) and superusers.

It answers “who read case X”: the reference filter finds the entries about the
record itself and those naming it in their details (a case list page, a
certificate of the case). Reading or exporting the log is itself audited.
"""

import json
import re
from collections import OrderedDict

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from . import audit
from .audit_words import AuditWords
from .models import AuditEntry
from .permissions import PermissionRequiredMixin
from .staff import StaffChoiceFilter

# What a typed reference or object ID must look like to be kept in the audit of the report:
# a reference (CS-2026-00001, FS-2026-00001) or an id; anything else may be a name.
REFERENCE = re.compile(r"[A-Z]{2}-\d{4}-\d{5,}")
OBJECT_ID = re.compile(r"\d{1,20}")


def normalised_reference(value):
    return value.strip().upper()


def action_choices():
    return sorted(AuditWords().actions.items(), key=lambda item: str(item[1]))


class AuditFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label=_("time"), widget=DateRangePickerWidget)
    reference = django_filters.CharFilter(
        label=_("reference"),
        method="filter_reference",
        help_text=_("A case reference or certificate number, e.g. CS-2026-00001"),
    )
    action = django_filters.ChoiceFilter(label=_("action"), choices=action_choices)
    actor = StaffChoiceFilter(
        label=_("actor"),
        queryset=lambda request: get_user_model().objects.order_by("last_name", "first_name", "username"),
    )
    object_id = django_filters.CharFilter(label=_("object ID"))

    class Meta:
        model = AuditEntry
        fields = ["timestamp", "reference", "action", "actor", "object_id"]

    def filter_reference(self, queryset, name, value):
        """The record itself, or an entry naming it in its details (quoted, so CS-1 does not find CS-10)."""
        value = normalised_reference(value)
        return queryset.filter(Q(object_repr=value) | Q(details__icontains=json.dumps(value)))


class AuditLogView(PermissionRequiredMixin, ReportView):
    required_permission = "core.view_auditentry"
    page_title = _("audit log")
    header_icon = "history"
    model = AuditEntry
    filterset_class = AuditFilterSet
    index_url_name = "clearing_audit_log"
    index_results_url_name = "clearing_audit_log_results"
    list_export = [
        "timestamp",
        "actor",
        "actor_name",
        "action_label",
        "action",
        "object_label",
        "object_type",
        "object_id",
        "object_repr",
        "details_text",
        "details",
    ]
    export_headings = {
        "timestamp": _("time"),
        "actor": _("actor"),
        "actor_name": _("login name"),
        "action_label": _("action"),
        "action": _("action (code)"),
        "object_label": _("object type"),
        "object_type": _("object type (code)"),
        "object_id": _("object ID"),
        "object_repr": _("object"),
        "details_text": _("details"),
        "details": _("details (code)"),
    }

    @cached_property
    def words(self):
        return AuditWords()

    @property
    def columns(self):
        words = self.words
        return [
            DateColumn("timestamp", label=_("time")),
            Column("actor", label=_("actor"), accessor=words.actor),
            Column("action", label=_("action"), accessor=lambda entry: words.action(entry.action)),
            Column("object_type", label=_("object type"), accessor=lambda entry: words.object_type(entry.object_type)),
            Column("object_repr", label=_("object"), accessor=lambda entry: entry.object_repr or entry.object_id),
            Column("details", label=_("details"), accessor=lambda entry: words.describe(entry.details)),
        ]

    def get_queryset(self):
        return AuditEntry.objects.select_related("actor")

    def get_filename(self):
        return "audit-log"

    def to_row_dict(self, item):
        words = self.words
        return OrderedDict(
            timestamp=item.timestamp,
            actor=words.actor(item),
            actor_name=item.actor_name,
            action_label=words.action(item.action),
            action=item.action,
            object_label=words.object_type(item.object_type),
            object_type=item.object_type,
            object_id=item.object_id,
            object_repr=item.object_repr,
            details_text=words.describe(item.details),
            details=json.dumps(item.details, ensure_ascii=False, sort_keys=True),
        )

    def audited_filters(self):
        """The filters in force, as cleaned values (ids, codes, dates), never the text as typed.

        An invalid value filters nothing and is left out; a reference or object ID that does
        not look like one may be a name typed by mistake, so only the fact that one was given is kept.
        """
        if not self.filters or not self.filters.is_valid():
            return {}
        cleaned = self.filters.form.cleaned_data
        filters, not_recorded = {}, []
        if span := cleaned.get("timestamp"):
            for key, day in (("timestamp_after", span.start), ("timestamp_before", span.stop)):
                if day:
                    filters[key] = day.date().isoformat()
        if cleaned.get("action"):
            filters["action"] = cleaned["action"]
        if cleaned.get("actor"):
            filters["actor"] = cleaned["actor"].pk
        for key, pattern, normalise in (
            ("reference", REFERENCE, normalised_reference),
            ("object_id", OBJECT_ID, str.strip),
        ):
            value = normalise(cleaned.get(key) or "")
            if pattern.fullmatch(value):
                filters[key] = value
            elif value:
                not_recorded.append(key)
        if not_recorded:
            filters["not_recorded"] = not_recorded
        return filters

    def decorate_paginated_queryset(self, object_list):
        """Audit what this request shows: the ids of a page, or an export's filters and its last entry.

        Nothing is recorded when nothing is shown, so a reference filter's value is kept only
        when it names something already in the log, never a name typed there by mistake.
        An export is cut at its last entry: filters and ``up_to`` say exactly what it held.
        """
        user = self.request.user
        if self.is_export:
            summary = object_list.aggregate(rows=Count("pk"), up_to=Max("pk"))
            if summary["rows"]:
                audit.record(
                    "audit.export",
                    AuditEntry,
                    user,
                    format=self.request.GET["export"],
                    filters=self.audited_filters(),
                    **summary,
                )
            return object_list.filter(pk__lte=summary["up_to"] or 0)
        entries = [entry.pk for entry in object_list]
        if entries:
            audit.record("audit.read", AuditEntry, user, entries=entries, filters=self.audited_filters())
        return object_list
