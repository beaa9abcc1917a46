from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_q.models import Schedule
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import roles
from core.contracts import AuditVocabulary
from core.contracts import RecipientKind as RecipientKindOffer
from core.hooks import (
    AUDIT_VOCABULARY,
    BOOTSTRAP,
    CASE_STATUS_CHANGED,
    DEMO_DATA,
    RECIPIENT_KINDS,
    ROLE_PERMISSIONS,
)
from core.read_only import ReadOnlyIndexView

from .admin_forms import RecipientForm, ScopePreviewPanel
from .models import Recipient, RecipientKind
from .views import MANAGE, HandoverViewSet, StatusImportView, WhoGotWhatView


class RecipientViewSet(SnippetViewSet):
    model = Recipient
    icon = "group"
    menu_label = _("Recipients")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "kind", "role", "timing", "channel", "active"]
    list_filter = ["kind", "active"]
    copy_view_enabled = False
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("role"),
                    FieldPanel("contact"),
                    FieldPanel("email"),
                    FieldPanel("active"),
                ],
                heading=_("Recipient"),
            ),
            ObjectList(
                [
                    FieldPanel("core_fields"),
                    FieldPanel("catalogue_fields"),
                    MultiFieldPanel(
                        [FieldPanel("consent_field"), FieldPanel("justification")], heading=_("Special categories")
                    ),
                    ScopePreviewPanel(heading=_("Preview: columns and a sample row")),
                ],
                heading=_("Data scope"),
            ),
            ObjectList(
                [FieldPanel("statuses"), FieldPanel("case_filter"), FieldPanel("filter_match")],
                heading=_("Case filter"),
            ),
            ObjectList(
                [
                    FieldPanel("file_format"),
                    FieldPanel("timing"),
                    FieldPanel("at_time"),
                    FieldPanel("weekday"),
                    FieldPanel("cron"),
                    FieldPanel("channel"),
                    FieldPanel("drop_directory"),
                    FieldPanel("archive_password"),
                    FieldPanel("acknowledge_within_days"),
                ],
                heading=_("Delivery"),
            ),
        ],
        base_form_class=RecipientForm,
    )


register_snippet(RecipientViewSet)


def _after_save(request, instance):
    if isinstance(instance, Recipient):
        from .schedules import sync_schedules
        from .scope import ensure_scope_version

        ensure_scope_version(instance, request.user)
        sync_schedules()


hooks.register("after_create_snippet", _after_save)
hooks.register("after_edit_snippet", _after_save)


class ScheduleViewSet(ModelViewSet):
    """django-q2's schedules, read-only: the recipients' settings write them (``schedules.sync_schedules``)."""

    model = Schedule
    icon = "time"
    menu_label = _("Handover schedules")
    add_to_settings_menu = True
    url_prefix = "referrals/schedules"
    name = "referrals_schedule"
    list_display = ["name", "func", "cron", "minutes", "next_run"]
    index_view_class = ReadOnlyIndexView
    inspect_view_enabled = False
    form_fields = []
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [HandoverViewSet(), ScheduleViewSet()]


@hooks.register("register_admin_urls")
def who_got_what_urls():
    return [
        path("referrals/who-got-what/", WhoGotWhatView.as_view(), name="referrals_who_got_what"),
        path("referrals/status-import/", StatusImportView.as_view(), name="referrals_status_import"),
    ]


class StatusImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("referrals.add_statusupdate")


@hooks.register("register_admin_menu_item")
def status_import_menu_item():
    return StatusImportMenuItem(
        _("Import status updates"), reverse("referrals_status_import"), icon_name="upload", order=260
    )


class WhoGotWhatMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.view_auditentry") or request.user.has_perm(MANAGE)


@hooks.register("register_reports_menu_item")
def who_got_what_menu_item():
    return WhoGotWhatMenuItem(_("Who got what"), reverse("referrals_who_got_what"), icon_name="mail", order=720)


@hooks.register(RECIPIENT_KINDS)
def recipient_kinds():
    return [RecipientKindOffer(value, label) for value, label in RecipientKind.choices]


@hooks.register(ROLE_PERMISSIONS)
def referrals_permissions():
    partners = ["referrals.view_handover", "referrals.add_statusupdate"]
    return {
        roles.ADMINISTRATOR: [f"referrals.{action}_recipient" for action in ("add", "change", "delete", "view")]
        + ["referrals.view_handover", MANAGE, "django_q.view_schedule"],
        roles.CASE_MANAGER: partners,
        roles.FOREIGNERS_AUTHORITY: partners,
        roles.HOUSING_INSPECTION: partners,
        roles.CITIZENS_OFFICE: partners,
    }


@hooks.register(CASE_STATUS_CHANGED)
def hand_over_on_release(event):
    from .handover import on_status_changed

    on_status_changed(event)


@hooks.register(BOOTSTRAP, order=120)
def bootstrap_recipients(*, demo, stdout):
    from .defaults import ensure_default_recipients

    created, refused = ensure_default_recipients()
    stdout.write(f"Recipients: {len(created)} created.")
    for slug, problems in refused.items():
        stdout.write(f"Recipient {slug} not created: {'; '.join(problems)}")


@hooks.register(DEMO_DATA, order=200)
def demo_handovers(request, stdout):
    from .demo import contribute

    contribute(request, stdout)


@hooks.register(AUDIT_VOCABULARY)
def audit_vocabulary():
    return AuditVocabulary(
        actions={
            "referrals.scope": _("Data scope changed"),
            "referrals.handover": _("Handover built"),
            "referrals.download": _("Handover downloaded"),
            "referrals.resend": _("Handover sent again"),
            "referrals.acknowledge": _("Handover receipt acknowledged"),
            "referrals.who_got_what": _("Handovers of a case looked up"),
            "referrals.import": _("Status updates imported"),
            "referrals.received_list": _("Received cases listed"),
            "referrals.received_read": _("Received case read"),
        },
        details={
            "recipient": _("recipient"),
            "version": _("scope version"),
            "handovers": _("handovers"),
            "rows": _("rows"),
            "screen": _("screen"),
        },
    )
