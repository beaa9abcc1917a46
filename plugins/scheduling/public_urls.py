"""The public booking's addresses, under the site's language prefix (``/<lang>/termin/…``)."""

from django.urls import include, path

from . import public_views

app_name = "scheduling"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<slug:calendar>/", public_views.days, name="days"),
    path("<slug:calendar>/angaben/<str:token>/", public_views.details, name="details"),
    path("<slug:calendar>/bestaetigung/<str:token>/", public_views.confirmation, name="confirmation"),
    path("<slug:calendar>/<str:day>/", public_views.times, name="times"),
]


def public_urls():
    return [path("termin/", include((urlpatterns, app_name), namespace=app_name))]
