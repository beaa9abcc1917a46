"""The wordings and the office a certificate prints come from the cache, and an edit shows on the next PDF."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.office import OfficeDetails
from plugins.intake.certificate import PRINTED_TEXTS_KEY, printed_texts, render_certificate_pdf
from plugins.intake.models import CertificateWording

from .test_certificate import certificate_for, pdf_text, write

pytestmark = pytest.mark.django_db


def test_a_second_pdf_reads_neither_wordings_nor_office(bootstrapped):
    certificate = certificate_for("Ana", "Pop", "RO", "ro")
    render_certificate_pdf(certificate)
    with CaptureQueriesContext(connection) as queries:
        render_certificate_pdf(certificate)
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    assert "intake_certificatewording" not in statements and "core_officedetails" not in statements


def test_an_edited_wording_and_office_show_on_the_next_pdf(bootstrapped, tmp_path):
    certificate = certificate_for("Ana", "Pop", "RO", "ro")
    before = pdf_text(write(tmp_path / "before.pdf", render_certificate_pdf(certificate)))
    assert "Freigabeschein" in before and "Certificat de eliberare" in before
    wording = CertificateWording.objects.get(language="de")
    wording.title = "Laufzettel Clearingstelle"
    wording.save()
    office = OfficeDetails.load()
    office.name = "Clearingstelle im Bürgerhaus"
    office.save()
    CertificateWording.objects.get(language="ro").delete()
    after = pdf_text(write(tmp_path / "after.pdf", render_certificate_pdf(certificate)))
    assert "Laufzettel Clearingstelle" in after and "Clearingstelle im Bürgerhaus" in after
    assert "Certificat de eliberare" not in after


def test_a_copy_cached_before_the_edit_commits_is_dropped_on_commit(bootstrapped, django_capture_on_commit_callbacks):
    old = printed_texts()
    with django_capture_on_commit_callbacks(execute=True):
        wording = CertificateWording.objects.get(language="de")
        wording.title = "Laufzettel Clearingstelle"
        wording.save()
        cache.set(PRINTED_TEXTS_KEY, old)  # another worker, still seeing the old row, cached it meanwhile
    assert cache.get(PRINTED_TEXTS_KEY) is None
    assert printed_texts()["wordings"]["de"]["title"] == "Laufzettel Clearingstelle"
