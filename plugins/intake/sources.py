"""Where a case comes from: the starts other plugins offer, and the way back to what they were.

Only data crosses the hooks (``core.contracts``); intake builds its own URLs and
stores a start's ``SourceRef`` as two columns.
"""

import logging
from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks

from core.hooks import INTAKE_START_OPTIONS, SOURCE_LINK

from .models import WALK_IN, Case

logger = logging.getLogger(__name__)


def storable(source):
    """Whether the case's two columns hold ``source`` as it is: within their lengths, no control characters."""
    limits = ((source.kind, Case._meta.get_field("source_kind")), (source.id, Case._meta.get_field("source_id")))
    return all(isinstance(text, str) and len(text) <= field.max_length and text.isprintable() for text, field in limits)


def start_options(request):
    """The starts other plugins offer; one whose source a case could not store is left out (and logged),
    so that no clerk types an interview that cannot be saved."""
    options = []
    for provide in hooks.get_hooks(INTAKE_START_OPTIONS):
        for option in provide(request):
            if storable(option.source):
                options.append(option)
            else:
                logger.warning("Start option %r left out: its source does not fit a case", option.source)
    return options


def start_query(source):
    return urlencode({"source_kind": source.kind, "source_id": source.id})


def start_url(option):
    return f"{reverse('intake_case:add')}?{start_query(option.source)}"


def source_link(source, request):
    """The providing plugin's ``SourceLink``, or None for a walk-in or when no plugin knows the kind."""
    if source.kind == WALK_IN:
        return None
    for resolve in hooks.get_hooks(SOURCE_LINK):
        link = resolve(source, request)
        if link is not None:
            return link
    return None
