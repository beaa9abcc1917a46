"""Locales, the site, the home page and the default pages in every content language, from ``defaults/``.

``home.json`` is the start page; every other file is one page below it, in file-name
order: its type, slug and language-independent fields, and its text per language. What
exists is never overwritten, so an administrator's edit survives; a missing translation
is added only from its own language's text, never as a copy of the German one.
"""

import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from .models import HomePage

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"
DEFAULTS = DEFAULTS_DIR / "home.json"


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def ensure_root_collection():
    """Documents of the pages need Wagtail's root collection; a flushed database (live-server tests) lost it."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


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
        home = root.add_child(
            instance=HomePage(
                slug=defaults["slug"], locale=default_locale, live=False, translation_reviewed=True, **content
            )
        )
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


def default_page_files():
    return sorted(path for path in DEFAULTS_DIR.glob("*.json") if path != DEFAULTS)


def _with_ids_of(source, target):
    """``target``'s stream data with the block ids of ``source`` at the same places.

    Every language's file has the German page's structure; with the same ids, a string of
    the translation has the content path of its German original.
    """
    if isinstance(source, dict) and isinstance(target, dict):
        if source.get("type") == target.get("type") and "id" in source:
            target["id"] = source["id"]
        for key, value in target.items():
            if key in source and key != "id":
                _with_ids_of(source[key], value)
    elif isinstance(source, list) and isinstance(target, list):
        for source_item, target_item in zip(source, target, strict=False):
            _with_ids_of(source_item, target_item)
    return target


def _strings_by_path(segments):
    strings = {}
    for segment in segments:
        strings.setdefault(segment.path, []).append(segment.string.data)
    return strings


def _register_translation(german, translated):
    """Record ``translated`` with wagtail-localize as the translation of ``german``, string by string.

    Then "sync translated pages" and the translation editor work on the shipped languages
    as on any other. Only when every German string has its counterpart (a rich text gives
    one string per paragraph, all on one path); otherwise the page stays an ordinary page
    of its language.
    """
    source, _created = TranslationSource.get_or_create_from_instance(german)
    ours = _strings_by_path(s for s in extract_segments(translated) if isinstance(s, StringSegmentValue))
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"))
    if Counter(segment.context.path for segment in segments) != Counter({p: len(t) for p, t in ours.items()}):
        return False
    seen = {}
    for segment in segments:
        index = seen[segment.context.path] = seen.get(segment.context.path, -1) + 1
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=translated.locale,
            context=segment.context,
            defaults={"data": ours[segment.context.path][index]},
        )
    Translation.objects.get_or_create(source=source, target_locale=translated.locale)
    return True


def _stream_data(model, data):
    """Stream data as Wagtail keeps it once edited: each block and list item with an id.

    wagtail-localize extracts the items of a list only in that form; from plain lists it
    would take nothing, and a sync would copy the German items onto every translation.
    """
    value = model._meta.get_field("body").stream_block.to_python(data)
    for _block in value:  # binds every block, so that each is written in the stored form
        pass
    return value.get_prep_value()


def _ensure_page(spec, home):
    """The German page of ``spec`` below ``home`` and its translations; returns how many pages it created."""
    model = apps.get_model(spec["type"])
    texts = spec["pages"]
    german = model.objects.child_of(home).filter(slug=spec["slug"]).first()
    created = 0
    if german is None:
        content = {**texts["de"], "body": _stream_data(model, texts["de"].get("body", []))}
        german = home.add_child(
            instance=model(
                slug=spec["slug"],
                locale=home.locale,
                live=False,
                translation_reviewed=True,  # the source text
                **spec["fields"],
                **content,
            )
        )
        _publish(german)
        created += 1
    for locale in Locale.objects.exclude(pk=home.locale_id).order_by("language_code"):
        content = texts.get(locale.language_code)
        if content is None or german.get_translations().filter(locale=locale).exists():
            continue
        translation = german.copy_for_translation(locale)
        for field, value in content.items():
            setattr(translation, field, value)
        translation.body = _with_ids_of(german.body.get_prep_value(), _stream_data(model, content.get("body", [])))
        translation.save()
        _publish(translation)
        _register_translation(german, translation)
        created += 1
    return created


def ensure_default_pages():
    """Every page of ``defaults/`` below the German home page, in every language its file has."""
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE, depth=2)
    return sum(_ensure_page(json.loads(path.read_text(encoding="utf-8")), home) for path in default_page_files())
