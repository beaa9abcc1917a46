"""The archive password is typed once in the admin and never sent back to a browser."""

import pytest
from django import forms
from django.urls import reverse
from wagtail.blocks.base import BlockField

from core import roles
from plugins.referrals.models import Recipient

pytestmark = pytest.mark.django_db
SECRET = "correct horse battery staple"


def posted(form, **changes):
    """What the browser would send back for ``form`` as rendered, with ``changes`` typed in.

    The case filter (a StreamField) is sent empty: the recipient used here has none.
    """
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):
            data[f"{name}-count"] = "0"
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(field, forms.MultipleChoiceField) or isinstance(value, list | tuple):
            data[name] = [str(item) for item in value or ()]
        elif value is not None:
            data[name] = str(value)
    return {**data, **changes}


def test_the_archive_password_is_never_shown_and_an_empty_box_keeps_it(recipient, make_user, client):
    office = recipient("buergerbuero")
    Recipient.objects.filter(pk=office.pk).update(archive_password=SECRET)
    client.force_login(make_user("configurer", roles.ADMINISTRATOR))
    url = reverse("wagtailsnippets_referrals_recipient:edit", args=[office.pk])
    page = client.get(url)
    assert page.status_code == 200 and SECRET not in page.text

    saved = client.post(url, posted(page.context["form"], archive_password=""))
    assert saved.status_code == 302, saved.context["form"].errors
    assert Recipient.objects.get(pk=office.pk).archive_password == SECRET

    client.post(url, posted(page.context["form"], archive_password="a new one, said by phone"))
    assert Recipient.objects.get(pk=office.pk).archive_password == "a new one, said by phone"
