"""Bench-only settings: ``config.settings.dev`` plus wagtailstreamforms, for ``bench/streamforms.py``.

Used as ``BENCH_SETTINGS=bench.settings`` with the bench venv (``make bench-venv``): the harness
migrates a throw-away database with them, so streamforms' tables never reach a platform database.
"""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "wagtailstreamforms", "wagtail_modeladmin", "generic_chooser"]
