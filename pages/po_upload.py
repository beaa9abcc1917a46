"""A translator's PO file is checked before wagtail-localize reads it: a broken one is refused with a message.

wagtail-localize answers a file it cannot parse with a message, but one without its
translation header, or a request without a file, ends in a server error (and, in
earlier versions, in a loop of uploads). Here every such file goes back to the editor
with a German message and nothing imported; a good one goes on to wagtail-localize.
"""

import tempfile

import polib
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views.edit_translation import upload_pofile

HEADER = "X-WagtailLocalize-TranslationID"
MAX_BYTES = 5 * 1024 * 1024


def _problem(upload):
    if upload is None:
        return _("Please choose a PO file to upload.")
    if upload.size > MAX_BYTES:
        return _("The PO file is larger than 5 MB.")
    # From a file, never from the text: polib reads a text that names an existing path as that file.
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        copy.write(upload.read())
        copy.flush()
        upload.seek(0)
        try:
            po = polib.pofile(copy.name, encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError):
            return _("The file is not a valid PO file (UTF-8); nothing was imported.")
    if HEADER not in po.metadata:
        return _("The PO file was not exported from this translation; nothing was imported.")
    return None


@require_POST
def checked_upload_pofile(request, translation_id):
    problem = _problem(request.FILES.get("file"))
    if problem is None:
        return upload_pofile(request, translation_id)
    messages.error(request, problem)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
