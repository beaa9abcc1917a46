"""Marking a translation as checked by a person, from the page tree's "more" menu and the page header.

A page that wagtail-localize keeps in sync is edited in its string editor, which shows no page
fields: this confirmation page is where the translator says "checked". The flag is not content,
so it is written to the page and to its latest revision alike; a later publish of that revision
keeps it, a revert to an older text brings back "not checked".
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page, Revision

from .models import ReviewedTranslationPage


def mark_checked(page):
    type(page).objects.filter(pk=page.pk).update(translation_reviewed=True)
    if page.latest_revision_id:
        revision = Revision.objects.get(pk=page.latest_revision_id)
        revision.content["translation_reviewed"] = True
        revision.save(update_fields=["content"])


def translation_checked(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ReviewedTranslationPage) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        mark_checked(page)
        messages.success(request, _("Marked as checked: %(title)s") % {"title": page.title})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "pages/admin/translation_checked.html", {"page": page})


def checked_button(page, user, *args, **kwargs):
    """The "mark as checked" entry for an unchecked translation the user may edit."""
    specific = page.specific
    if not isinstance(specific, ReviewedTranslationPage) or specific.translation_reviewed:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Mark translation as checked"),
        url=reverse("pages_translation_checked", args=[page.pk]),
        icon_name="tick",
        priority=45,
    )
