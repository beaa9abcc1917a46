from django.conf import settings
from django.utils import translation


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
