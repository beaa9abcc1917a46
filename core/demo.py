"""One switch for everything that writes invented data, so production cannot get it by accident."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError


def require_demo_allowed():
    if not settings.DEMO_DATA_ALLOWED:
        raise CommandError(
            "Demo data is switched off in these settings (DEMO_DATA_ALLOWED = False, as in production): "
            "it would put invented people and shared demo passwords into a live database."
        )
    if not apps.is_installed("demo"):
        raise CommandError("Demo data comes from the demo app, which these settings do not install (dev and test do).")
