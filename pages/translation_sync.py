"""Syncing translations from the German page without publishing German text in another language.

wagtail-localize's "Sync translated pages → Publish immediately" publishes every
translation with the source's text wherever a string is not yet translated (its
``save_target`` falls back to the source), so a German edit appeared on ``/ro/``.
Here the update is taken in as wagtail-localize does it, and a translation is
published only when every one of its strings is translated; the others keep their
published page until a translator finishes them, and the editor is told which.
"""

import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from wagtail_localize.views.update_translations import UpdateTranslationsView


def is_complete(translation):
    total, translated = translation.get_progress()
    return translated == total


class CompleteOnlyUpdateTranslationsView(UpdateTranslationsView):
    """Served at wagtail-localize's own address (``pages.wagtail_hooks``), so its sync button leads here."""

    @transaction.atomic
    def form_valid(self, form):
        publish = form.cleaned_data["publish_translations"]
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if not publish:
            return response
        waiting = []
        translations = self.object.translations.filter(enabled=True).select_related("target_locale")
        for translation in translations.order_by("target_locale__language_code"):
            if not is_complete(translation):
                waiting.append(translation.target_locale.get_display_name())
                continue
            with contextlib.suppress(ValidationError):
                translation.save_target(user=self.request.user, publish=True)
        if waiting:
            messages.warning(
                self.request,
                _("Not published in %(languages)s: not every text is translated yet. Those pages stay as they were.")
                % {"languages": get_text_list(waiting, _("and"))},
            )
        return response
