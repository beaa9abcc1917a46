"""The privacy notice a booking records: the public site's notice page, or the office's setting until there is one."""

from django.utils.translation import gettext as _
from wagtail import hooks

from core.contracts import PrivacyNotice
from core.hooks import PRIVACY_NOTICE

from .models import BookingSettings


def privacy_notice(language):
    """The notice shown with the booking form in ``language``.

    Asks the ``PRIVACY_NOTICE`` providers (the pages); when none answers, the booking
    form shows its own short notice (translated, so its language is ``language``)
    under the version set in the appointment settings, and ``url`` is empty.
    """
    for provide in hooks.get_hooks(PRIVACY_NOTICE):
        notice = provide(language)
        if notice is not None:
            return notice
    return PrivacyNotice(
        version=BookingSettings.load().privacy_version, language=language, title=_("Privacy notice"), url=""
    )
