"""A translator's PO file: a good one is imported, a broken one is refused with a message and imports nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, bootstrapped):
    make_user("root", is_superuser=True, is_staff=True)
    client.login(username="root", password="pw-for-tests-only")
    return client


@pytest.fixture
def translation(bootstrapped):
    return Translation.objects.get(target_locale__language_code="ro", source__object_repr="Impressum")


def upload(admin_client, translation, content, name="ro.po"):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    data = {"next": "/admin/"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    return admin_client.post(url, data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_exported_and_edited_po_file_is_imported(admin_client, translation):
    po = translation.export_po()
    entry = next(entry for entry in po if entry.msgid == "Impressum")
    entry.msgstr = "Date de contact ale editorului"
    response = upload(admin_client, translation, str(po).encode())
    assert response.status_code == 200
    assert StringTranslation.objects.filter(locale=translation.target_locale, data="Date de contact ale editorului")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "Bitte wählen Sie eine PO-Datei zum Hochladen."),
        (b"\xff\xfe\x00garbage\x00", "Die Datei ist keine gültige PO-Datei (UTF-8); es wurde nichts importiert."),
        (
            b'msgid "Impressum"\nmsgstr "Impresum"\n',
            "Die PO-Datei wurde nicht aus dieser Übersetzung exportiert; es wurde nichts importiert.",
        ),
    ],
    ids=["no file", "not text", "no header"],
)
def test_a_broken_po_file_is_refused_with_a_message(admin_client, translation, content, message):
    before = StringTranslation.objects.count()
    response = upload(admin_client, translation, content)
    assert response.status_code == 200 and response.redirect_chain == [("/admin/", 302)]
    assert messages_of(response) == [message]
    assert StringTranslation.objects.count() == before
