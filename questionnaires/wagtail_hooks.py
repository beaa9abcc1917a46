"""The engine's admin: the questionnaires and the field catalogue, their permissions and shipped defaults."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import roles
from core.columns import YesNoColumn
from core.contracts import AuditVocabulary
from core.hooks import AUDIT_VOCABULARY, BOOTSTRAP, ROLE_PERMISSIONS

from .admin_forms import CatalogueFieldForm, QuestionnaireAdminForm, further_languages
from .dependencies import readers_of
from .models import CatalogueField, Questionnaire
from .usage import usage_summary
from .views import CatalogueFieldDeleteView


class CatalogueFieldFilterSet(WagtailFilterSet):
    unreviewed = django_filters.ChoiceFilter(
        label=_("translation not yet reviewed"), choices=further_languages, method="filter_unreviewed"
    )

    class Meta:
        model = CatalogueField
        fields = ["field_type", "sensitivity", "retention", "public"]

    def filter_unreviewed(self, queryset, name, value):
        # The list is stored as JSON text on every database: a quoted code matches exactly that code.
        return queryset.filter(unreviewed_translations__icontains=f'"{value}"')


class CatalogueFieldViewSet(SnippetViewSet):
    model = CatalogueField
    icon = "list-ul"
    menu_label = _("Field catalogue")
    menu_order = 200
    list_display = [
        "key",
        "label_de",
        "field_type",
        "sensitivity",
        "retention",
        YesNoColumn("public", label=capfirst(CatalogueField._meta.get_field("public").verbose_name), sort_key="public"),
        Column("unreviewed_display", label=_("translation not yet reviewed")),
    ]
    filterset_class = CatalogueFieldFilterSet
    search_fields = ["key", "label_de", "label_en"]
    delete_view_class = CatalogueFieldDeleteView
    edit_handler = ObjectList(CatalogueField.panels, base_form_class=CatalogueFieldForm)


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    menu_order = 100
    list_display = ["title_de", "slug"]
    edit_handler = ObjectList(
        [*Questionnaire.panels, FieldPanel("confirm_removal")], base_form_class=QuestionnaireAdminForm
    )


class QuestionnaireGroup(SnippetViewSetGroup):
    items = (QuestionnaireViewSet, CatalogueFieldViewSet)
    menu_icon = "form"
    menu_label = _("Questionnaires")
    menu_name = "questionnaires"
    menu_order = 300


register_snippet(QuestionnaireGroup)


@hooks.register(ROLE_PERMISSIONS)
def questionnaire_permissions():
    manage = [
        f"questionnaires.{action}_{model}"
        for model in ("questionnaire", "cataloguefield")
        for action in ("add", "change", "delete", "view")
    ] + ["questionnaires.publish_questionnaire", "questionnaires.lock_questionnaire"]
    read = ["questionnaires.view_questionnaire", "questionnaires.view_cataloguefield"]
    return {
        roles.ADMINISTRATOR: manage,
        roles.CLERK: read,
        roles.CASE_MANAGER: read,
        roles.FOREIGNERS_AUTHORITY: ["questionnaires.view_questionnaire"],
    }


@hooks.register(BOOTSTRAP, order=50)
def bootstrap_form_definitions(*, demo, stdout):
    from .definition_files import load_directory

    report = load_directory(publish=True, only_missing=True)
    stdout.write(
        f"Questionnaires: {len(report.created_fields)} catalogue fields, "
        f"{len(report.created_questionnaires)} questionnaires created."
    )


def refuse_losing_what_is_read(request, questionnaires, action):
    """A questionnaire another app reads (``QUESTIONNAIRE_DEPENDENCIES``) is neither deleted nor unpublished."""
    read = [(str(questionnaire), readers_of(questionnaire.slug)) for questionnaire in questionnaires]
    read = [(title, readers) for title, readers in read if readers]
    if not read:
        return None
    messages.error(
        request,
        action % "; ".join(f"„{title}“ ({', '.join(readers)})" for title, readers in read),
    )
    return redirect(Questionnaire.snippet_viewset.get_url_name("list"))


@hooks.register("before_unpublish")
def refuse_unpublishing_what_is_read(request, instance):
    if isinstance(instance, Questionnaire):
        message = gettext("Nothing was unpublished. Other parts of the platform work with: %s.")
        return refuse_losing_what_is_read(request, [instance], message)
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_what_is_read(request, instances):
    questionnaires = [instance for instance in instances if isinstance(instance, Questionnaire)]
    message = gettext("Nothing was deleted. Other parts of the platform work with: %s.")
    return refuse_losing_what_is_read(request, questionnaires, message) if questionnaires else None


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


@hooks.register(AUDIT_VOCABULARY)
def audit_vocabulary():
    """Answer keys in the audit report read as their catalogue labels, in the reader's language."""
    label = "label_en" if get_language() == "en" else "label_de"
    return AuditVocabulary(values={"answers": dict(CatalogueField.objects.values_list("key", label))})
