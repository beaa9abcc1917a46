from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import roles
from core.hooks import BOOTSTRAP, ROLE_PERMISSIONS

from .admin_forms import CatalogueFieldForm, QuestionnaireForm
from .case_views import CaseViewSet
from .models import CatalogueField, CertificateWording, Questionnaire
from .usage import usage_summary
from .verification_views import ConfirmRegistrationView, VerifyView
from .views import CatalogueFieldDeleteView


class CatalogueFieldViewSet(SnippetViewSet):
    model = CatalogueField
    icon = "list-ul"
    menu_label = _("Field catalogue")
    menu_order = 200
    list_display = ["key", "label_de", "field_type", "sensitivity", "retention", "public"]
    list_filter = ["field_type", "sensitivity", "retention", "public"]
    search_fields = ["key", "label_de", "label_en"]
    delete_view_class = CatalogueFieldDeleteView
    edit_handler = ObjectList(CatalogueField.panels, base_form_class=CatalogueFieldForm)


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    menu_order = 100
    list_display = ["title_de", "slug"]
    edit_handler = ObjectList([*Questionnaire.panels, FieldPanel("confirm_removal")], base_form_class=QuestionnaireForm)


class CertificateWordingViewSet(SnippetViewSet):
    model = CertificateWording
    icon = "doc-full"
    menu_label = _("Certificate wording")
    menu_order = 300
    list_display = ["language", "title"]


class QuestionnaireGroup(SnippetViewSetGroup):
    items = (QuestionnaireViewSet, CatalogueFieldViewSet, CertificateWordingViewSet)
    menu_icon = "form"
    menu_label = _("Questionnaires")
    menu_name = "questionnaires"
    menu_order = 300


register_snippet(QuestionnaireGroup)


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return CaseViewSet()


@hooks.register("register_admin_urls")
def verification_urls():
    return [
        path("intake/verify/", VerifyView.as_view(), name="intake_verify"),
        path("intake/verify/<str:code>/", VerifyView.as_view(), name="intake_verify_code"),
        path(
            "intake/verify/<str:code>/confirm/", ConfirmRegistrationView.as_view(), name="intake_confirm_registration"
        ),
    ]


class VerifyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("intake.verify_certificate")


@hooks.register("register_admin_menu_item")
def verify_menu_item():
    return VerifyMenuItem(_("Verify certificate"), reverse("intake_verify"), icon_name="tick-inverse", order=160)


@hooks.register(ROLE_PERMISSIONS)
def intake_permissions():
    manage = [
        f"intake.{action}_{model}"
        for model in ("questionnaire", "cataloguefield", "certificatewording")
        for action in ("add", "change", "delete", "view")
    ] + ["intake.publish_questionnaire", "intake.lock_questionnaire"]
    return {
        roles.ADMINISTRATOR: manage,
        roles.CLERK: [
            "intake.view_questionnaire",
            "intake.view_cataloguefield",
            "intake.add_case",
            "intake.change_case",
            "intake.view_case",
            "intake.release_case",
        ],
        roles.CITIZENS_OFFICE: ["intake.verify_certificate", "intake.confirm_registration"],
        roles.CASE_MANAGER: ["intake.view_questionnaire", "intake.view_cataloguefield"],
        roles.FOREIGNERS_AUTHORITY: ["intake.view_questionnaire"],
    }


@hooks.register(BOOTSTRAP, order=100)
def bootstrap_form_definitions(*, demo, stdout):
    from .certificate import ensure_default_wordings
    from .definition_files import load_directory

    report = load_directory(publish=True, only_missing=True)
    wordings = ensure_default_wordings()
    stdout.write(
        f"Questionnaires: {len(report.created_fields)} catalogue fields, "
        f"{len(report.created_questionnaires)} questionnaires, {wordings} certificate wordings created."
    )
    if demo:
        from .demo import seed_demo_once

        seed_demo_once(stdout)


@hooks.register("before_delete_snippet")
def refuse_deleting_used_catalogue_fields(request, instances):
    """Bulk deletion skips the delete view's check; this hook stops it for fields still in use."""
    used = [
        (field.key, usage)
        for field in instances
        if isinstance(field, CatalogueField) and (usage := usage_summary(field.key))
    ]
    if not used:
        return None
    messages.error(
        request,
        gettext("Nothing was deleted. Still in use: %s. Remove these fields from the questionnaires first.")
        % "; ".join(f"„{key}“ ({usage})" for key, usage in used),
    )
    return redirect(CatalogueField.snippet_viewset.get_url_name("list"))
