"""The audit log as a read-only report for administrators (and the data-protection officer)."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import AuditEntry
from .permissions import PermissionRequiredMixin


class AuditFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label=_("time"), widget=DateRangePickerWidget)
    action = django_filters.CharFilter(label=_("action"), lookup_expr="istartswith")
    actor = django_filters.ModelChoiceFilter(
        label=_("actor"), queryset=lambda request: get_user_model().objects.order_by("username")
    )
    object_id = django_filters.CharFilter(label=_("object ID"))

    class Meta:
        model = AuditEntry
        fields = ["timestamp", "action", "actor", "object_id"]


class AuditLogView(PermissionRequiredMixin, ReportView):
    required_permission = "core.view_auditentry"
    page_title = _("audit log")
    header_icon = "history"
    model = AuditEntry
    filterset_class = AuditFilterSet
    index_url_name = "clearing_audit_log"
    index_results_url_name = "clearing_audit_log_results"
    columns = [
        DateColumn("timestamp", label=_("time")),
        Column("actor_name", label=_("actor")),
        Column("action", label=_("action")),
        Column("object_type", label=_("object type")),
        Column("object_repr", label=_("object")),
        Column("details", label=_("details")),
    ]
    list_export = ["timestamp", "actor_name", "action", "object_type", "object_id", "object_repr", "details"]
    export_headings = {"timestamp": _("time"), "actor_name": _("actor"), "action": _("action")}

    def get_queryset(self):
        return AuditEntry.objects.all()

    def get_filename(self):
        return "audit-log"
