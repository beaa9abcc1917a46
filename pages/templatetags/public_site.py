from django import template

from ..site import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def public_site(context, page):
    """The languages, navigation, legal pages, other apps' links and office details around ``page``."""
    return chrome(page, context.get("request"))
