"""The public booking's addresses, under the site's language prefix (``/<lang>/termin/…``)."""

from django.urls import include, path

from . import manage_views, public_views

app_name = "scheduling"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<slug:calendar>/", public_views.days, name="days"),
    path("<slug:calendar>/angaben/<str:token>/", public_views.details, name="details"),
    path("<slug:calendar>/bestaetigung/<str:token>/", public_views.confirmation, name="confirmation"),
    path("<slug:calendar>/<str:day>/", public_views.times, name="times"),
]


# The citizen's signed links (the token in the path, see ``links.py``) and the waiting list.
urlpatterns += [
    path("<slug:calendar>/buchung/<str:link>/", manage_views.manage, name="manage"),
    path("<slug:calendar>/buchung/<str:link>/absagen/", manage_views.cancel_booking, name="cancel"),
    path("<slug:calendar>/buchung/<str:link>/verschieben/", manage_views.move, name="move"),
    path("<slug:calendar>/buchung/<str:link>/verschieben/<str:day>/", manage_views.move, name="move_day"),
    path("<slug:calendar>/warteliste/<str:week>/", manage_views.join_waiting_list, name="waiting"),
    path("<slug:calendar>/angebot/<str:link>/", manage_views.offer, name="offer"),
]


def public_urls():
    return [path("termin/", include((urlpatterns, app_name), namespace=app_name))]
