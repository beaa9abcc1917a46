"""Where a case comes from: the starts other plugins offer, and the way back to what they were.

Only data crosses the hooks (``core.contracts``); intake builds its own URLs and
stores a start's ``SourceRef`` as two columns.
"""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail import hooks

from core.hooks import INTAKE_START_OPTIONS, SOURCE_LINK

from .models import WALK_IN


def start_options(request):
    return [option for provide in hooks.get_hooks(INTAKE_START_OPTIONS) for option in provide(request)]


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
