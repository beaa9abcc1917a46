"""Admin views of the intake plugin that Wagtail's generic ones do not cover as they are."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.snippets.views.snippets import DeleteView

from .usage import answer_sets_using, questionnaires_using


class CatalogueFieldDeleteView(DeleteView):
    """Says what deleting would break, and refuses while answers or questionnaires use the field."""

    def usage_text(self):
        answers = answer_sets_using(self.object.key)
        questionnaires = [str(q) for q in questionnaires_using(self.object.key)]
        parts = []
        if answers:
            parts.append(ngettext("%(n)d answer set holds it", "%(n)d answer sets hold it", answers) % {"n": answers})
        if questionnaires:
            parts.append(_("used by: %s") % ", ".join(questionnaires))
        return "; ".join(parts)

    def refuse_if_used(self):
        usage = self.usage_text()
        if usage:
            messages.error(
                self.request,
                _(
                    "“%(key)s” cannot be deleted: %(usage)s. Remove it from the questionnaires first; "
                    "fields with answers stay in the catalogue."
                )
                % {"key": self.object.key, "usage": usage},
            )
            return redirect(self.edit_url_name, self.object.pk)
        return None

    def get(self, request, *args, **kwargs):
        return self.refuse_if_used() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_used() or super().post(request, *args, **kwargs)

    @property
    def confirmation_message(self):
        return _("“%s” is not used by any questionnaire or answer. Delete it?") % self.object.key
