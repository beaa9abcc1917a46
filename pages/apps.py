from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The public, multilingual information pages."""

    name = "pages"
    label = "pages"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.office import OfficeDetails

        from .cache import purge_after_commit

        # What any public page shows: pages (titles in the navigation, the switcher, news), the office, documents.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(purge_after_commit, dispatch_uid=f"pages-cache-{id(signal)}")
        post_delete.connect(purge_after_commit, sender=Page, dispatch_uid="pages-cache-page-deleted")
        for model in (OfficeDetails, Site, get_document_model()):
            post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"pages-cache-{model.__name__}")
            post_delete.connect(purge_after_commit, sender=model, dispatch_uid=f"pages-cache-{model.__name__}-del")
