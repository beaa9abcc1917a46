"""The release certificate as a PDF: A4, German plus the person's language, embedded Unicode font, QR code."""

import base64
import io
import json
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from PIL import Image, ImageOps
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from core.office import office_details

from .models import CertificateWording
from .release import display_code

FONT_DIR = Path(__file__).resolve().parent / "static" / "intake" / "fonts"
DEFAULTS = Path(__file__).resolve().parent / "defaults" / "certificate_wording.json"
QR_SCALE = 8  # pixels a module: sharp when the PDF is zoomed or printed
QR_BORDER = 2  # modules of white around the code
# A decoder reads the mask from the code itself. segno's search for the best of the 8 masks
# (ISO/IEC 18004 7.8.3) was half of the certificate's overhead; on 120 verification addresses
# mask 2 scored lowest on average, 3 % above each one's best penalty: it is always used.
QR_MASK = 2
# segno's matrix holds 1 for a dark module; the greyscale image wants black (0) for it.
DARK_TO_BLACK = bytes.maketrans(b"\x00\x01", b"\xff\x00")


class CertificateRenderError(Exception):
    pass


def shipped_wordings():
    return json.loads(DEFAULTS.read_text(encoding="utf-8"))


def ensure_default_wordings():
    """Create the shipped wording of every language that has none; never overwrite an edited one."""
    existing = set(CertificateWording.objects.values_list("language", flat=True))
    missing = [
        CertificateWording(language=code, **texts) for code, texts in shipped_wordings().items() if code not in existing
    ]
    CertificateWording.objects.bulk_create(missing)
    return len(missing)


def verification_url(certificate):
    """The address in the QR code; its path is printed on issued certificates, so ``intake_verify_code`` keeps it."""
    path = reverse("intake_verify_code", kwargs={"code": certificate.verification_code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _wordings(second_language):
    rows = {w.language: w for w in CertificateWording.objects.filter(language__in={"de", second_language})}
    german = rows.get("de") or CertificateWording(language="de", **shipped_wordings()["de"])
    second = rows.get(second_language) if second_language and second_language != "de" else None
    return german, second


def _texts(wording, issued, appointment):
    with translation.override(wording.language):
        date = formats.date_format(issued, "SHORT_DATE_FORMAT")
        when = formats.date_format(appointment, "SHORT_DATE_FORMAT") if appointment else ""
    return {
        "language": wording.language,
        "title": wording.title,
        "confirmation": wording.confirmation.format(date=date),
        "bring": wording.bring,
        "note": wording.note,
        "appointment": wording.appointment.format(appointment=when) if appointment else "",
        "verification": wording.verification,
    }


def _qr_data_uri(url):
    """The QR code as a black-and-white PNG; Pillow draws it, several times faster than segno's PNG writer."""
    matrix = segno.make(url, error="m", mask=QR_MASK, micro=False).matrix
    modules = len(matrix)
    image = Image.frombytes("L", (modules, modules), b"".join(matrix).translate(DARK_TO_BLACK))
    size = (modules + 2 * QR_BORDER) * QR_SCALE
    image = ImageOps.expand(image, border=QR_BORDER, fill=255).resize((size, size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_certificate_pdf(certificate):
    case = certificate.case
    german, second = _wordings(certificate.language)
    issued = timezone.localtime(certificate.issued_at).date()
    appointment = (
        timezone.localtime(certificate.follow_up_appointment).date() if certificate.follow_up_appointment else None
    )
    url = verification_url(certificate)
    office = office_details()
    html = render_to_string(
        "intake/certificate.html",
        {
            "font_regular": (FONT_DIR / "DejaVuSans.ttf").as_posix(),
            "font_bold": (FONT_DIR / "DejaVuSans-Bold.ttf").as_posix(),
            "office_name": office.name,
            "office_address": office.address,
            "german": _texts(german, issued, appointment),
            "second": _texts(second, issued, appointment) if second else None,
            "case": case,
            "certificate": certificate,
            "issued": issued,
            "appointment": appointment,
            "code": display_code(certificate.verification_code),
            "qr": _qr_data_uri(url),
            "url": url,
        },
    )
    output = io.BytesIO()
    policy = ResourceAccessPolicy(base_dir=str(FONT_DIR), extra_roots=(str(FONT_DIR),), allow_remote=False)
    status = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise CertificateRenderError(f"xhtml2pdf reported {status.err} error(s) rendering {certificate.number}")
    return output.getvalue()
