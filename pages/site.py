"""What every public page shows around its content: languages, navigation, legal pages, the office."""

from dataclasses import dataclass

from django.conf import settings
from wagtail import hooks
from wagtail.models import Locale, Page

from core.hooks import PUBLIC_LINKS
from core.office import Office, office_details

from .models import AccessibilityStatementPage, HomePage, ImprintPage, PrivacyNoticePage

LEGAL_PAGES = (PrivacyNoticePage, AccessibilityStatementPage, ImprintPage)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    url: str
    current: bool
    translation: bool  # of this page, not the language's home page in its stead


@dataclass(frozen=True)
class Chrome:
    language: str
    home: HomePage | None
    languages: list
    navigation: list
    legal: list
    links: list
    office: Office
    alternates: list  # (hreflang, absolute URL), x-default last


def _alternates(languages, request):
    absolute = request.build_absolute_uri if request else str
    pairs = [(language.code, absolute(language.url)) for language in languages if language.translation]
    default = dict(pairs).get(settings.LANGUAGE_CODE)
    return pairs + ([("x-default", default)] if default else [])


def public_links(language):
    """The entry points other apps offer (``core.hooks.PUBLIC_LINKS``), e.g. booking an appointment."""
    return [link for provide in hooks.get_hooks(PUBLIC_LINKS) for link in provide(language)]


def _languages(page, request):
    """Every content language: this page's translation where there is one, else that language's home page."""
    order = {code: index for index, (code, _name) in enumerate(settings.WAGTAIL_CONTENT_LANGUAGES)}
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    found = {p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")}
    homes = HomePage.objects.live().select_related("locale").exclude(locale__language_code__in=found)
    for home in homes:
        found.setdefault(home.locale.language_code, home)
    return [
        Language(
            code,
            names[code],
            target.get_url(request),
            code == page.locale.language_code,
            target.translation_key == page.translation_key,
        )
        for code, target in sorted(found.items(), key=lambda item: order.get(item[0], len(order)))
        if code in names
    ]


def chrome(page, request=None):
    locale = page.locale if page.locale_id else Locale.get_default()
    language = locale.language_code
    languages = _languages(page, request)
    home = HomePage.objects.live().filter(locale=locale).first()
    navigation = list(home.get_children().live().in_menu()) if home else []
    legal = list(Page.objects.live().filter(locale=locale).type(*LEGAL_PAGES).order_by("path"))
    return Chrome(
        language=language,
        home=home,
        languages=languages,
        navigation=navigation,
        legal=legal,
        links=public_links(language),
        office=office_details(),
        alternates=_alternates(languages, request),
    )
