"""The published privacy notice as other apps record it (``core.hooks.PRIVACY_NOTICE``)."""

from django.conf import settings

from core.contracts import PrivacyNotice

from .models import PrivacyNoticePage


def privacy_notice(language):
    """The live notice in ``language``, else the German original; ``None`` when none is published."""
    notices = PrivacyNoticePage.objects.live().select_related("locale").order_by("path")
    page = (
        notices.filter(locale__language_code=language).first()
        or notices.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    if page is None:
        return None
    return PrivacyNotice(version=page.version, language=page.locale.language_code, title=page.title, url=page.url)
