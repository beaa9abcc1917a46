"""Admin screens of the handovers: each partner role sees and downloads its own recipient's only."""

from django import forms
from django.http import FileResponse, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core import audit
from core.read_only import ReadOnlyIndexView

from .handover import acknowledge, deliver, handover_path
from .imports import import_status_updates, read_dataset
from .models import Handover, HandoverDownload, HandoverItem, HandoverStatus, Recipient
from .scope import schema_text

MANAGE = "referrals.manage_handover"


def visible_handovers(user):
    """Every handover for those who manage them, else only those of recipients acting through the user's roles."""
    handovers = Handover.objects.select_related("recipient", "scope_version")
    if user.is_superuser or user.has_perm(MANAGE):
        return handovers
    return handovers.filter(recipient__role__in=user.groups.all())


def acts_for(user, handover):
    """Only the recipient's own role (or a superuser) reads the file: managing handovers is not reading them."""
    return user.is_superuser or user.groups.filter(pk=handover.recipient.role_id).exists()


def _own_handover(request, pk):
    """The handover if the user acts for its recipient; another's is absent (404) or refused (403).

    Refused with a plain 403 rather than ``PermissionDenied``, which Wagtail's admin turns into
    a redirect to the dashboard: a guessed address must visibly fail.
    """
    handover = get_object_or_404(visible_handovers(request.user), pk=pk)
    return handover if acts_for(request.user, handover) else None


class StatusColumn(Column):
    def get_value(self, instance):
        if instance.overdue:
            return gettext("delivered, receipt overdue")
        if instance.status == HandoverStatus.BUILDING:
            return gettext("being built: %(written)s of %(rows)s") % {
                "written": instance.rows_written,
                "rows": instance.rows,
            }
        return instance.get_status_display()


class ActionsColumn(Column):
    def get_value(self, instance):
        links = [format_html('<a href="{}">{}</a>', f"{instance.pk}/download/", gettext("Download"))]
        if instance.file_format == "json":
            links.append(format_html('<a href="{}">{}</a>', f"{instance.pk}/schema/", gettext("JSON Schema")))
        return format_html(" · ".join(["{}"] * len(links)), *links)


class HandoverIndexView(ReadOnlyIndexView):
    def get_base_queryset(self):
        return visible_handovers(self.request.user)


class HandoverViewSet(ModelViewSet):
    model = Handover
    icon = "mail"
    menu_label = gettext_lazy("Handovers")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "referrals/handovers"
    name = "referrals_handover"
    index_view_class = HandoverIndexView
    list_filter = ["recipient", "status"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = []

    @property
    def list_display(self):
        return [
            Column("recipient", label=gettext_lazy("recipient")),
            Column("created_at", label=gettext_lazy("created")),
            StatusColumn("status", label=gettext_lazy("status")),
            Column("rows", label=gettext_lazy("cases")),
            Column("file_format", label=gettext_lazy("format")),
            Column("attempts", label=gettext_lazy("delivery attempts")),
            Column("delivered_at", label=gettext_lazy("delivered")),
            Column("acknowledged_at", label=gettext_lazy("acknowledged")),
            ActionsColumn("actions", label=gettext_lazy("file")),
        ]

    def get_urlpatterns(self):
        from django.urls import path

        return [pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results")] + [
            path("<int:pk>/download/", DownloadView.as_view(), name="download"),
            path("<int:pk>/schema/", SchemaView.as_view(), name="schema"),
            path("<int:pk>/acknowledge/", AcknowledgeView.as_view(), name="acknowledge"),
            path("<int:pk>/resend/", ResendView.as_view(), name="resend"),
        ]


class DownloadView(View):
    def get(self, request, pk):
        handover = _own_handover(request, pk)
        if handover is None or handover.status == HandoverStatus.BUILDING:
            return HttpResponseForbidden()
        HandoverDownload.objects.create(handover=handover, user=request.user)
        audit.record(
            "referrals.download",
            handover,
            request.user,
            recipient=handover.recipient.slug,
            cases=handover.rows,
            fields=handover.scope_version.columns,
        )
        return FileResponse(handover_path(handover).open("rb"), as_attachment=True, filename=handover.file_name)


class SchemaView(View):
    def get(self, request, pk):
        handover = _own_handover(request, pk)
        if handover is None:
            return HttpResponseForbidden()
        response = HttpResponse(
            schema_text(handover.scope_version.scope, handover.recipient.slug), content_type="application/schema+json"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{handover.recipient.slug}-v{handover.scope_version.number}.schema.json"'
        )
        return response


class AcknowledgeView(View):
    def post(self, request, pk):
        handover = _own_handover(request, pk)
        if handover is None:
            return HttpResponseForbidden()
        acknowledge(handover, request.user)
        messages.success(request, gettext("Receipt acknowledged."))
        return redirect("referrals_handover:index")


class ResendView(View):
    def post(self, request, pk):
        if not request.user.has_perm(MANAGE):
            return HttpResponseForbidden()
        handover = get_object_or_404(Handover, pk=pk)
        handover = deliver(handover, manual=True, actor=request.user)
        if handover.status == HandoverStatus.DELIVERED:
            messages.success(request, gettext("Handover sent again."))
        else:
            messages.error(request, gettext("Sending failed: %s") % handover.error)
        return redirect("referrals_handover:index")


class WhoGotWhatView(TemplateView):
    """Which recipient got which fields of one case, when, in which handover (Art. 15, 19 GDPR)."""

    template_name = "referrals/who_got_what.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm("core.view_auditentry") or request.user.has_perm(MANAGE)):
            return HttpResponseForbidden()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = self.request.GET.get("reference", "").strip()[:20]
        items = []
        if reference:
            items = list(
                HandoverItem.objects.filter(case_reference=reference)
                .select_related("recipient", "handover__scope_version")
                .order_by("handover__cut_off")
            )
            audit.record(
                "referrals.who_got_what", HandoverItem, self.request.user, case=reference, handovers=len(items)
            )
        context.update(
            reference=reference, items=items, page_title=gettext("Who got what"), header_title=gettext("Who got what")
        )
        return context


class ImportForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=Recipient.objects.none(), label=gettext_lazy("recipient"))
    upload = forms.FileField(label=gettext_lazy("file (CSV or XLSX)"))
    dry_run = forms.BooleanField(label=gettext_lazy("dry run (check only)"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        recipients = Recipient.objects.all()
        if not (user.is_superuser or user.has_perm(MANAGE)):
            recipients = recipients.filter(role__in=user.groups.all())
        self.fields["recipient"].queryset = recipients

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(gettext("Upload a CSV or XLSX file."))
        try:
            return read_dataset(upload)
        except Exception as error:
            raise forms.ValidationError(gettext("The file cannot be read: %s") % error) from error


class StatusImportView(TemplateView):
    """Status updates sent back by a recipient: the dry run lists each bad row; a real run is all or nothing."""

    template_name = "referrals/status_import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("referrals.add_statusupdate"):
            return HttpResponseForbidden()
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        form = ImportForm(request.POST, request.FILES, user=request.user)
        result = None
        if form.is_valid():
            data = form.cleaned_data
            result = import_status_updates(
                data["recipient"], data["upload"], dry_run=data["dry_run"], actor=request.user
            )
            failed = result.has_errors() or result.has_validation_errors()
            if not data["dry_run"] and not failed:
                messages.success(request, gettext("%s status updates imported.") % result.total_rows)
            elif not data["dry_run"]:
                messages.error(request, gettext("Nothing was imported: correct the rows listed below."))
        return self.render_to_response(self.get_context_data(form=form, result=result))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm(user=self.request.user))
        result = context.get("result")
        if result is not None:
            context["invalid_rows"] = [
                (row.number, {name: " ".join(errors) for name, errors in row.field_specific_errors.items()})
                for row in result.invalid_rows
            ]
        context.update(page_title=gettext("Import status updates"), header_title=gettext("Import status updates"))
        return context
