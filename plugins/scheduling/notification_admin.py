"""The admin's side of the emails and the waiting list: texts per language, the emails sent, the waiting list.

The waiting list shows people's names and how to reach them: each page shown is one
audit entry naming the entries, read in a constant number of queries.
"""

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import audit
from core.read_only import ReadOnlyIndexView

from .models import EmailText, Notice, WaitingListEntry

WAITING_LIST_SHOWS = ["name", "email", "phone", "language", "people", "week", "status", "offered_until"]


class EmailTextViewSet(SnippetViewSet):
    model = EmailText
    icon = "mail"
    menu_label = gettext_lazy("Email texts")
    add_to_settings_menu = True
    menu_order = 260
    list_display = ["kind", "language", "subject"]
    list_filter = ["kind", "language"]
    copy_view_enabled = False


class ReadOnlyViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        """Recorded by the booking service: no form adds or edits one."""
        return None

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in ("index", "index_results")]


class NoticeIndexView(ReadOnlyIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("booking")


class NoticeViewSet(ReadOnlyViewSet):
    """The emails sent to citizens: booking code, kind, outcome; a failed one with its error."""

    model = Notice
    name = "scheduling_notices"
    url_prefix = "scheduling/emails"
    icon = "mail"
    menu_label = gettext_lazy("Emails to citizens")
    add_to_settings_menu = True
    menu_order = 261
    index_view_class = NoticeIndexView
    list_filter = ["status", "kind"]
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        Column("booking", label=gettext_lazy("booking code"), accessor="booking"),
        "kind",
        "status",
        "error",
        DateColumn("created_at", label=gettext_lazy("recorded")),
        DateColumn("sent_at", label=gettext_lazy("sent")),
    ]


class WaitingListIndexView(ReadOnlyIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("calendar", "offer__slot")

    def get_context_data(self, **kwargs):
        """One audit entry per page shown: the entries, and which of their fields."""
        context = super().get_context_data(**kwargs)
        shown = [entry.pk for entry in context["object_list"]]
        if shown:
            audit.record("waiting.list", WaitingListEntry, self.request.user, entries=shown, fields=WAITING_LIST_SHOWS)
        return context


class WaitingListViewSet(ReadOnlyViewSet):
    """Who waits for a seat in a full week, in line; whom to phone where no email was given."""

    model = WaitingListEntry
    name = "scheduling_waiting_list"
    url_prefix = "scheduling/waiting-list"
    icon = "list-ul"
    menu_label = gettext_lazy("Waiting list")
    add_to_admin_menu = True
    menu_order = 251
    index_view_class = WaitingListIndexView
    list_filter = ["calendar", "week", "status"]
    ordering = ["week", "created_at"]
    list_per_page = 50
    list_display = [
        DateColumn("week", label=gettext_lazy("week (Monday)")),
        "name",
        "email",
        "phone",
        "language",
        "people",
        "status",
        DateColumn("offered_until", label=gettext_lazy("offered until")),
        DateColumn("created_at", label=gettext_lazy("joined")),
    ]
