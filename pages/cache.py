"""The public pages' cache: a page under load costs about what a static file costs, and a publish shows at once.

Django's own cache middleware, first in ``MIDDLEWARE`` (after whitenoise), keeping only the answers
of Wagtail's ``serve`` view (marked in ``pages.urls``): the booking, the admin and every other view
are never stored. A hit costs three small file reads and no session, CSRF, routing or query.
Its cache is the ``pages`` alias (``PAGE_CACHE_URL``, by default files in ``var/page-cache``):
every gunicorn worker and the task cluster (scheduled publishing) on the machine read and purge
the same entries. A publish can change every page (navigation, language switcher, news, legal
links), so it purges them all: the key of every entry carries a generation, and a purge starts a
new one and empties the cache. A page rendered from the old content while the purge ran is stored
under the old generation, where nobody looks again.

A response that read the session, the user, messages or a CSRF token, or sets a cookie, is personal: it is
marked ``private`` and not stored. What other apps provide (opening hours, the booking link) is
re-read when an entry expires (``PAGE_CACHE_SECONDS``).
"""

import copy
import functools
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.cache import CacheMiddleware
from django.utils import translation
from django.utils.cache import has_vary_header, patch_cache_control

ALIAS = "pages"
GENERATION = "generation"


def generation():
    """The current generation, shared by every process that uses the cache; a new one when there is none."""
    cache = caches[ALIAS]
    current = cache.get(GENERATION)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(GENERATION, current, timeout=None)
        current = cache.get(GENERATION, current)
    return current


def purge():
    """Forget every cached page, in every process: a new generation, and the old entries deleted."""
    cache = caches[ALIAS]
    cache.clear()
    cache.set(GENERATION, uuid.uuid4().hex, timeout=None)


def purge_after_commit(**kwargs):
    """Signal receiver: purge once the change is committed, so no request renders the old content afterwards."""
    transaction.on_commit(purge)


def is_personal(request, response):
    """Whether the response depends on who asked: session, messages or a CSRF token read, a cookie set or varied on."""
    session = getattr(request, "session", None)
    return bool(
        (session is not None and session.accessed)
        or getattr(getattr(request, "_messages", None), "used", False)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or has_vary_header(response, "Cookie")
    )


class PageCacheMiddleware(CacheMiddleware):
    """Django's cache middleware, first in line: a hit is answered before sessions, CSRF or URL routing run.

    It stores only what ``cache_page`` marked (Wagtail's page view), once every other middleware
    has added its headers, with the generation in the key and personal responses left out. The
    language for the key comes from the URL's prefix, as the locale middleware would set it later.
    """

    def __init__(self, get_response):
        super().__init__(get_response, page_timeout=settings.PAGE_CACHE_SECONDS, cache_alias=ALIAS)

    def _for(self, request):
        bound = copy.copy(self)
        bound.key_prefix = f"{self.key_prefix}.{request.page_cache_generation}"
        return bound

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            request._cache_update_cache = False
            return None
        request.page_cache_generation = generation()
        with translation.override(language):
            return CacheMiddleware.process_request(self._for(request), request)

    def process_response(self, request, response):
        if not getattr(request, "page_cacheable", False):
            return response
        if is_personal(request, response):
            patch_cache_control(response, private=True)
            return response
        # Stored here for PAGE_CACHE_SECONDS; browsers and proxies ask again every time (max-age 0, the
        # smaller one wins), so a publish reaches them at once too.
        patch_cache_control(response, max_age=0)
        with translation.override(translation.get_language_from_path(request.path_info)):
            return CacheMiddleware.process_response(self._for(request), request, response)


def cache_page(view):
    """Marks the view's answers for ``PageCacheMiddleware`` to keep."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        request.page_cacheable = True
        return view(request, *args, **kwargs)

    return marked
