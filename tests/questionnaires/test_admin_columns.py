"""Yes/no columns of the admin lists read "Ja"/"Nein", not Python's True/False."""

import pytest
from django.urls import reverse

from core import roles
from questionnaires.models import CatalogueField

from ..tables import table_rows

pytestmark = pytest.mark.django_db


def test_the_catalogue_list_says_ja_or_nein(client, make_user, bootstrapped):
    make_user("verwaltung", roles.ADMINISTRATOR)
    client.login(username="verwaltung", password="pw-for-tests-only")
    public = set(CatalogueField.objects.filter(public=True).values_list("key", flat=True))
    rows = table_rows(client.get(reverse("wagtailsnippets_questionnaires_cataloguefield:list")).content.decode())
    shown = {row["Schlüssel"].split()[0]: row["Darf vorab beantwortet werden"] for row in rows}
    assert set(shown.values()) == {"Ja", "Nein"}
    assert shown == {key: "Ja" if key in public else "Nein" for key in shown}
