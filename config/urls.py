from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import hooks
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.hooks import PUBLIC_URLS

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The plugins' public pages first: the pages' route below takes every path that reaches it.
plugin_pages = [pattern for public_urls in hooks.get_hooks(PUBLIC_URLS) for pattern in public_urls()]
urlpatterns += i18n_patterns(*plugin_pages, path("", include("pages.urls")))
