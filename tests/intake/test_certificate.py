"""The certificate PDF: every glyph, a QR code that scans, honest wording."""

import base64
import datetime
import io
import subprocess

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core import roles
from plugins.intake.case_file import open_case
from plugins.intake.certificate import (
    QR_SCALE,
    _qr_data_uri,
    ensure_default_wordings,
    render_certificate_pdf,
    verification_url,
)
from plugins.intake.models import CertificateWording, ReleaseCertificate
from plugins.intake.release import new_verification_code, reissue_certificate, release_case

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Ștefan", "Țurcanu", "RO", "ro", "Certificat de eliberare"),
    ("Łukasz", "Żółć", "PL", "pl", "Zaświadczenie o zwolnieniu"),
    ("Иван", "Петров", "BG", "bg", "Удостоверение за освобождаване"),
    ("Ődön", "Gősi", "HU", "hu", "Továbbengedési igazolás"),
]


def certificate_for(first_names, surname, nationality, language, number=1, appointment=None):
    case = open_case(
        surname=surname,
        first_names=first_names,
        birth_date=datetime.date(1990, 4, 1),
        nationality=nationality,
        language=language,
    )
    return ReleaseCertificate.objects.create(
        case=case,
        number=f"FS-2026-{number:05d}",
        verification_code=new_verification_code(),
        holder_name=case.full_name,
        holder_birth_date=case.birth_date,
        language=language,
        follow_up_appointment=appointment,
    )


def write(path, pdf):
    path.write_bytes(pdf)
    return path


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("first_names, surname, nationality, language, second_title", PEOPLE)
def test_names_render_exactly_and_the_qr_code_scans(
    bootstrapped, artifacts, first_names, surname, nationality, language, second_title
):
    certificate = certificate_for(first_names, surname, nationality, language)
    path = artifacts / f"certificate-{language}.pdf"
    path.write_bytes(render_certificate_pdf(certificate))

    text = pdf_text(path)
    assert f"{first_names} {surname}" in text
    assert "■" not in text and "\ufffd" not in text
    assert "Freigabeschein" in text and second_title in text
    assert "Dieser Freigabeschein ist keine Voraussetzung für die Anmeldung und ersetzt sie nicht." in text
    assert certificate.number in text and certificate.case.reference in text

    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(path.with_suffix(""))], check=True)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path.with_suffix(".png"))], capture_output=True, text=True
    ).stdout.strip()
    assert decoded == verification_url(certificate)


def test_the_qr_link_keeps_the_path_printed_on_issued_certificates(bootstrapped, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://clearing.example.org/"
    certificate = certificate_for("Ana", "Pop", "RO", "ro")
    code = certificate.verification_code
    assert verification_url(certificate) == f"https://clearing.example.org/admin/intake/verify/{code}/"


def test_the_font_is_embedded(bootstrapped, tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate_pdf(certificate_for("Ana", "Pop", "RO", "ro")))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert any("DejaVuSans" in line and " yes " in line for line in fonts.splitlines())


def test_a_booked_appointment_and_german_only_when_no_translation(bootstrapped, tmp_path):
    appointment = timezone.make_aware(datetime.datetime(2026, 12, 3, 9, 0))
    certificate = certificate_for("Marko", "Horvat", "HR", "hr", appointment=appointment)
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate_pdf(certificate))
    text = pdf_text(path)
    assert "Ihr Termin im Bürgerbüro: 03.12.2026" in text
    assert "Marko Horvat" in text and "Freigabeschein" in text
    # No second language at all, not only "not Romanian": an English (or any) fallback would show its title.
    others = CertificateWording.objects.exclude(language="de")
    assert sorted(others.values_list("language", flat=True)) == ["bg", "en", "hu", "pl", "ro"]
    shown = [wording.language for wording in others if wording.title in text or wording.note[:40] in text]
    assert shown == []


def test_an_edited_wording_is_used_and_never_overwritten(bootstrapped, tmp_path):
    wording = CertificateWording.objects.get(language="de")
    wording.title = "Laufzettel Clearingstelle"
    wording.save()
    assert ensure_default_wordings() == 0
    assert CertificateWording.objects.get(language="de").title == "Laufzettel Clearingstelle"
    path = tmp_path / "c.pdf"
    path.write_bytes(render_certificate_pdf(certificate_for("Ana", "Pop", "RO", "ro")))
    assert "Laufzettel Clearingstelle" in pdf_text(path)


def test_shipped_wordings_exist_for_six_languages(bootstrapped):
    assert sorted(CertificateWording.objects.values_list("language", flat=True)) == ["bg", "de", "en", "hu", "pl", "ro"]


def test_unknown_placeholders_are_refused_in_german(bootstrapped):
    wording = CertificateWording.objects.get(language="de")
    wording.confirmation = "Gespräch am {datum}."
    with pytest.raises(ValidationError) as error:
        wording.full_clean()
    assert "Unbekannter Platzhalter {datum}; hier erlaubt: {date}" in error.value.message_dict["confirmation"]


@pytest.mark.parametrize("text", ["am {}.", "am {0}.", "im Jahr {date.year}.", "am {date:>99999999}.", "am {date!r}."])
def test_only_bare_known_placeholders_pass(bootstrapped, text):
    wording = CertificateWording.objects.get(language="de")
    wording.confirmation = f"Gespräch {text}"
    with pytest.raises(ValidationError) as error:
        wording.full_clean()
    assert error.value.message_dict["confirmation"][0].startswith("Unbekannter Platzhalter")


def test_an_invalid_certificate_prints_as_invalid_with_the_data_it_was_issued_for(bootstrapped, tmp_path):
    certificate = certificate_for("Ștefan", "Țurcanu", "RO", "ro")
    certificate.case.surname = "Țurcanu-Popescu"
    certificate.case.save()
    assert "UNGÜLTIG" not in pdf_text(write(tmp_path / "valid.pdf", render_certificate_pdf(certificate)))
    certificate.status, certificate.revoked_at = "revoked", timezone.now()
    certificate.save()
    text = pdf_text(write(tmp_path / "revoked.pdf", render_certificate_pdf(certificate)))
    assert f"UNGÜLTIG – widerrufen am {timezone.localdate():%d.%m.%Y}" in text
    assert "Ștefan Țurcanu" in text and "Popescu" not in text


def test_the_qr_image_is_zxings_own_rendering_pixel_for_pixel_with_its_quiet_zone(bootstrapped):
    url = verification_url(certificate_for("Ana", "Pop", "RO", "ro"))
    drawn = Image.open(io.BytesIO(base64.b64decode(_qr_data_uri(url).split(",", 1)[1])))
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    expected = code.to_image(scale=QR_SCALE, add_quiet_zones=True)
    assert drawn.size == (expected.shape[1], expected.shape[0])
    assert drawn.convert("L").tobytes() == bytes(memoryview(expected))
    (read,) = zxingcpp.read_barcodes(drawn.convert("L"))
    assert (read.text, read.ec_level) == (url, "M")
    # Four modules of white before the finder pattern in the corner (ISO/IEC 18004).
    grey = drawn.convert("L")
    assert grey.crop((0, 0, 4 * QR_SCALE, 4 * QR_SCALE)).getextrema() == (255, 255)
    assert grey.getpixel((4 * QR_SCALE, 4 * QR_SCALE)) == 0


def test_the_pdf_view_reads_the_certificate_and_its_case_in_one_query_without_the_answers(
    bootstrapped, client, make_user
):
    from .test_cases import interview

    clerk = make_user("ps4711", roles.CLERK)
    case = open_case(surname="Pop", first_names="Ana", birth_date=datetime.date(1990, 4, 1), language="ro", clerk=clerk)
    certificate = release_case(interview(case, clerk), clerk)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("intake_case:pdf", args=[case.pk, certificate.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    statements = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in statements if '"intake_case"' in sql]) == 1
    assert not [sql for sql in statements if "wagtailcore_revision" in sql or "questionnaires_answerset" in sql]
    other = open_case(surname="Pop", first_names="Ion", birth_date=datetime.date(1990, 4, 1), clerk=clerk)
    assert client.get(reverse("intake_case:pdf", args=[other.pk, certificate.pk])).status_code == 404


def test_a_replaced_certificate_prints_its_successor_and_issuer_from_the_one_query(
    bootstrapped, client, make_user, tmp_path
):
    from .test_cases import interview

    clerk = make_user("ps4711", roles.CLERK)
    clerk.first_name, clerk.last_name = "Anna", "Schmidt"
    clerk.save()
    case = open_case(surname="Pop", first_names="Ana", birth_date=datetime.date(1990, 4, 1), language="ro", clerk=clerk)
    certificate = release_case(interview(case, clerk), clerk)
    successor = reissue_certificate(certificate, clerk)
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("intake_case:pdf", args=[case.pk, certificate.pk]))
    statements = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in statements if '"intake_releasecertificate"' in sql]) == 1
    text = pdf_text(write(tmp_path / "replaced.pdf", response.content))
    assert f"UNGÜLTIG – ersetzt durch {successor.number}" in text
    assert "Anna Schmidt" in text and case.reference in text


def test_the_qr_code_scans_for_any_code_and_address(tmp_path, settings):
    for index, base in enumerate(["http://127.0.0.1:8000", "https://clearingstelle.landkreis-burgenlandkreis.de"] * 6):
        settings.WAGTAILADMIN_BASE_URL = base
        url = verification_url(ReleaseCertificate(verification_code=new_verification_code()))
        path = tmp_path / f"qr-{index}.png"
        path.write_bytes(base64.b64decode(_qr_data_uri(url).split(",", 1)[1]))
        decoded = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True).stdout.strip()
        assert decoded == url
