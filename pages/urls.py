"""Wagtail's front-end URLs, with its page view behind the page cache (``pages.cache``)."""

from django.urls import re_path
from wagtail import urls as wagtail_urls
from wagtail import views

from .cache import cache_page

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, cache_page(views.serve), name="wagtail_serve"),
]
