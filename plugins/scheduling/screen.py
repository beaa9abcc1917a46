"""The waiting room's screen: the numbers called today, opened by the screen's secret link without login.

The page names nobody: it reads only ticket numbers. Where JavaScript runs it asks for
the numbers every few seconds and redraws them; where it does not, a meta refresh in a
``noscript`` reloads the page. A revoked or unknown link answers 404.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.cache import never_cache

from .day import called_numbers
from .models import Screen

REFRESH_SECONDS = 5


def _screen(secret):
    return get_object_or_404(Screen.objects.select_related("calendar"), secret=secret, active=True)


@never_cache
def display(request, secret):
    screen = _screen(secret)
    numbers = called_numbers(screen.calendar)
    response = render(
        request,
        "scheduling/screen.html",
        {"screen": screen, "numbers": numbers, "refresh": REFRESH_SECONDS},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def numbers(request, secret):
    return JsonResponse({"called": called_numbers(_screen(secret).calendar)})


def screen_urls():
    return [
        path("wartezimmer/<str:secret>/", display, name="scheduling_screen"),
        path("wartezimmer/<str:secret>/nummern/", numbers, name="scheduling_screen_numbers"),
    ]
