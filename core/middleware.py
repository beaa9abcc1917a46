from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers


class AdminDefaultLanguageMiddleware:
    """Speak German in the admin whatever the browser asks for.

    Django's LocaleMiddleware follows the Accept-Language header; for the
    public pages that is right, for staff screens German is the default and
    each user may pick English in their Wagtail profile (Wagtail applies it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


def owned_by_unprefixed_route(path_info, urlconf=None):
    """Whether a URL outside ``i18n_patterns`` (the admin, documents, ``i18n/``) claims this path."""
    rest = path_info.removeprefix("/")
    return any(
        entry.pattern.match(rest)
        for entry in get_resolver(urlconf).url_patterns
        if not isinstance(entry.pattern, LocalePrefixPattern)
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 of the admin (or documents) stays that 404.

    Django answers a 404 without a language prefix by trying the path again with
    one; the site's catch-all page route matches every such path, so an admin
    404 became a redirect to the public site's "not found".
    """

    def process_response(self, request, response):
        if response.status_code == 404 and owned_by_unprefixed_route(
            request.path_info, getattr(request, "urlconf", None)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
