"""Admin views of the questionnaire engine that Wagtail's generic ones do not cover as they are."""

from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import DeleteView


class CatalogueFieldDeleteView(DeleteView):
    """Asks plainly; a field still in use never gets here (see ``refuse_deleting_used_catalogue_fields``)."""

    @property
    def confirmation_message(self):
        return _("“%s” is not used by any questionnaire or answer. Delete it?") % self.object.key
