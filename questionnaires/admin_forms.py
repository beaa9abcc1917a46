"""Admin forms that protect answers already given."""

from django import forms
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import StreamBlockValidationError

from core.hooks import RECIPIENT_KINDS

from .definition import body_to_sections, referenced_keys
from .dependencies import questionnaire_problems, readers_of, retype_problems
from .models import CatalogueField, Questionnaire
from .usage import answer_sets_using, conditions_comparing, option_uses, removed_keys_in_use
from .validation import body_errors_as_block_errors
from .vocabulary import REQUIRED_LANGUAGES, content_languages


def further_languages():
    return [(code, name) for code, name in content_languages() if code not in REQUIRED_LANGUAGES]


def recipient_kind_choices():
    """The kinds of recipient other apps offer (``RECIPIENT_KINDS``); the catalogue stores plain values."""
    return [(kind.value, kind.label) for contribute in hooks.get_hooks(RECIPIENT_KINDS) for kind in contribute()]


class CatalogueFieldForm(WagtailAdminModelForm):
    """The key is fixed once saved; the type cannot change while answers hold the field."""

    may_go_to = forms.MultipleChoiceField(
        label=_("may go to"),
        choices=recipient_kind_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of recipient that may receive this field; a data scope can name it only for these."),
    )

    unreviewed_translations = forms.MultipleChoiceField(
        label=_("translation not yet reviewed"),
        choices=further_languages,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages whose label and help text nobody has reviewed yet; untick a language once reviewed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["key"].disabled = True
        offered = {value for value, _label in recipient_kind_choices()}
        # A kind no app offers any more (its plugin switched off) stays stored and selectable.
        kept = [(value, value) for value in self.instance.may_go_to or [] if value not in offered]
        self.fields["may_go_to"].choices = recipient_kind_choices() + kept

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "field_type" in self.changed_data and cleaned.get("field_type"):
            for problem in retype_problems(self.instance.key, cleaned["field_type"]):
                self.add_error("field_type", problem)
        if self.instance.pk and "field_type" in self.changed_data:
            count = answer_sets_using(self.instance.key)
            if count:
                self.add_error(
                    "field_type",
                    ngettext(
                        "%(count)d answer set holds this field; its type cannot change. "
                        "Create a new catalogue field instead.",
                        "%(count)d answer sets hold this field; its type cannot change. "
                        "Create a new catalogue field instead.",
                        count,
                    )
                    % {"count": count},
                )
        elif self.instance.pk and "options" in self.changed_data and cleaned.get("options") is not None:
            self.refuse_removing_chosen_options(cleaned["options"])
        return cleaned

    def refuse_removing_chosen_options(self, options):
        stored = CatalogueField.objects.get(pk=self.instance.pk).option_list()
        kept = {option.value["code"] for option in options}
        removed = {option["value"] for option in stored} - kept
        if not removed:
            return
        problems = []
        chosen = option_uses(self.instance.key, removed)
        if chosen:
            problems.append(
                _(
                    "Existing answers chose options this change removes: %(options)s (number of answer sets in "
                    "brackets). Keep these options; you may change their labels."
                )
                % {"options": ", ".join(f"„{value}“ ({count})" for value, count in sorted(chosen.items()))}
            )
        compared = conditions_comparing(self.instance.key, removed)
        if compared:
            problems.append(
                _("Conditions compare with options this change removes: %s. Change those conditions first.")
                % "; ".join(f"{title} ({', '.join(values)})" for title, values in compared.items())
            )
        if problems:
            # Wagtail's stream editor shows only block-shaped errors.
            self.add_error("options", StreamBlockValidationError(non_block_errors=ErrorList(problems)))


class QuestionnaireAdminForm(WagtailAdminModelForm):
    """Publishing a version that drops fields with answers needs an explicit confirmation."""

    confirm_removal = forms.BooleanField(
        required=False,
        label=_("I know that fields with existing answers are removed"),
        help_text=_("The existing answers stay readable with the version they were given against."),
    )

    def clean(self):
        cleaned = super().clean()
        # A draft of a questionnaire that is not live writes the row, slug included: check the slug always.
        self.refuse_renaming_what_is_read(cleaned)
        if self.is_deferred_validation:
            return cleaned
        self.refuse_breaking_consumers(cleaned)
        if not self.instance.pk or cleaned.get("confirm_removal"):
            return cleaned
        body = cleaned.get("body")
        if body is None:
            return cleaned
        in_use = removed_keys_in_use(self.instance, body)
        if in_use:
            listed = ", ".join(f"„{key}“ ({count})" for key, count in in_use.items())
            self.add_error(
                "confirm_removal",
                _(
                    "This version removes fields that existing cases have answered: %(fields)s "
                    "(number of answer sets in brackets). Tick the box to publish anyway."
                )
                % {"fields": listed},
            )
        return cleaned

    def refuse_renaming_what_is_read(self, cleaned):
        stored_slug = Questionnaire.objects.filter(pk=self.instance.pk).values_list("slug", flat=True).first()
        readers = readers_of(stored_slug) if stored_slug else []
        if readers and cleaned.get("slug") and cleaned["slug"] != stored_slug:
            self.add_error(
                "slug",
                _("%(consumer)s reads this questionnaire as “%(slug)s”; the slug cannot change.")
                % {"consumer": ", ".join(readers), "slug": stored_slug},
            )

    def refuse_breaking_consumers(self, cleaned):
        """Another app reads keys of this questionnaire (``QUESTIONNAIRE_DEPENDENCIES``): keep them as it needs."""
        body = cleaned.get("body")
        slug = cleaned.get("slug") or self.instance.slug
        if body is None or not slug:
            return
        raw = body.get_prep_value()
        types = dict(CatalogueField.objects.filter(key__in=referenced_keys(raw)).values_list("key", "field_type"))
        problems = questionnaire_problems(slug, body_to_sections(raw, types), types)
        if problems:
            self.add_error("body", body_errors_as_block_errors(problems))
