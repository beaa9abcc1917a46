"""Locales, the site and its home page in every content language, from ``defaults/home.json``."""

import json
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .models import HomePage

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "home.json"


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _publish(page):
    page.save_revision().publish()


def ensure_home_pages():
    """Create what is missing; an existing home page or translation is never overwritten."""
    defaults = json.loads(DEFAULTS.read_text(encoding="utf-8"))
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=default_locale, live=True)
    )
    site = Site.objects.filter(is_default_site=True).first()

    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        content = defaults["pages"][settings.LANGUAGE_CODE]
        home = root.add_child(instance=HomePage(slug=defaults["slug"], locale=default_locale, live=False, **content))
        _publish(home)
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        previous = site.root_page.specific
        site.root_page = home
        site.save()
        # Wagtail's own placeholder page from its first migration goes; anything else stays.
        if type(previous) is Page and previous.depth == 2 and not previous.get_children().exists():
            previous.delete()

    created = 0
    for locale in Locale.objects.exclude(pk=default_locale.pk):
        if home.get_translations().filter(locale=locale).exists():
            continue
        translation = home.copy_for_translation(locale)
        content = defaults["pages"].get(locale.language_code)
        if content:
            for field, value in content.items():
                setattr(translation, field, value)
            translation.save()
        _publish(translation)
        created += 1
    return created
