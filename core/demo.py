"""One switch for everything that writes invented data, so production cannot get it by accident."""

from django.conf import settings
from django.core.management.base import CommandError


def require_demo_allowed():
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError(
            "Demo data is switched off in these settings (DEMO_DATA_ALLOWED = False, as in production): "
            "it would put invented people and shared demo passwords into a live database."
        )
