from django.urls import path
from wagtail import hooks

from core.hooks import BOOTSTRAP, PRIVACY_NOTICE

from .bootstrap import ensure_default_pages, ensure_home_pages, ensure_locales, ensure_root_collection
from .po_upload import checked_upload_pofile
from .privacy import privacy_notice
from .translation_review import checked_button, translation_checked
from .translation_sync import CompleteOnlyUpdateTranslationsView


@hooks.register(BOOTSTRAP, order=10)
def bootstrap_pages(*, demo, stdout):
    ensure_locales()
    ensure_root_collection()
    homes = ensure_home_pages()
    pages = ensure_default_pages()
    stdout.write(f"Pages: {homes} home page translations and {pages} information pages created.")


hooks.register(PRIVACY_NOTICE, privacy_notice)


@hooks.register("register_admin_urls", order=-1)
def guarded_translation_views():
    """Before wagtail-localize's own URLs, at the same addresses: its sync button and PO upload come here."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            CompleteOnlyUpdateTranslationsView.as_view(),
            name="pages_update_translations",
        ),
        path("pages/<int:page_id>/translation-checked/", translation_checked, name="pages_translation_checked"),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            checked_upload_pofile,
            name="pages_upload_pofile",
        ),
    ]


hooks.register("register_page_listing_more_buttons", checked_button)
hooks.register("register_page_header_buttons", checked_button)
