"""The release certificate as a PDF: A4, German plus the person's language, embedded Unicode font, QR code."""

import base64
import io
import json
from pathlib import Path

import zxingcpp
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from PIL import Image
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from core.office import office_details

from .models import CertificateWording
from .release import display_code

FONT_DIR = Path(__file__).resolve().parent / "static" / "intake" / "fonts"
DEFAULTS = Path(__file__).resolve().parent / "defaults" / "certificate_wording.json"
QR_SCALE = 8  # pixels a module: sharp when the PDF is zoomed or printed
PRINTED_TEXTS_KEY = "intake:certificate-texts"
# Bounds how long a write that bypasses save() (a data migration, SQL by hand) can leave an old copy.
PRINTED_TEXTS_TIMEOUT = 300
WORDING_FIELDS = ("language", "title", "confirmation", "bring", "note", "appointment", "verification")


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
    forget_printed_texts()
    return len(missing)


def verification_url(certificate):
    """The address in the QR code; its path is printed on issued certificates, so ``intake_verify_code`` keeps it."""
    path = reverse("intake_verify_code", kwargs={"code": certificate.verification_code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def printed_texts():
    """Every language's wording and the office details: one cache read a PDF instead of two queries.

    The cache is shared by all workers (the database cache in the settings); saving or deleting
    a wording or the office setting drops the entry (``forget_printed_texts``).
    """
    texts = cache.get(PRINTED_TEXTS_KEY)
    if texts is None:
        wordings = CertificateWording.objects.order_by().values(*WORDING_FIELDS)
        texts = {"wordings": {row["language"]: row for row in wordings}, "office": office_details()}
        cache.set(PRINTED_TEXTS_KEY, texts, PRINTED_TEXTS_TIMEOUT)
    return texts


def forget_printed_texts(**kwargs):
    """Drop the cached texts now and again on commit: a PDF rendered meanwhile may have cached the old ones."""
    cache.delete(PRINTED_TEXTS_KEY)
    transaction.on_commit(lambda: cache.delete(PRINTED_TEXTS_KEY))


def _wordings(second_language, wordings):
    german = wordings.get("de") or {"language": "de", **shipped_wordings()["de"]}
    second = wordings.get(second_language) if second_language and second_language != "de" else None
    return german, second


def _texts(wording, issued, appointment):
    with translation.override(wording["language"]):
        date = formats.date_format(issued, "SHORT_DATE_FORMAT")
        when = formats.date_format(appointment, "SHORT_DATE_FORMAT") if appointment else ""
    return {
        "language": wording["language"],
        "title": wording["title"],
        "confirmation": wording["confirmation"].format(date=date),
        "bring": wording["bring"],
        "note": wording["note"],
        "appointment": wording["appointment"].format(appointment=when) if appointment else "",
        "verification": wording["verification"],
    }


def _qr_data_uri(url):
    """The QR code as a black-and-white PNG, one module a pixel scaled up by Pillow.

    zxing-cpp encodes it as ISO/IEC 18004 says (the best of the eight masks, four modules of
    quiet zone), in C++: the pure-Python encoder before it was half of the certificate's overhead.
    The modules become black and white before scaling (64 times fewer pixels to convert), and
    zlib's fastest level packs them: xhtml2pdf decodes the PNG and reportlab compresses the
    pixels again for the PDF, so a smaller PNG bought nothing but time.
    """
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = code.to_image(scale=1, add_quiet_zones=True)
    height, width = modules.shape
    image = Image.frombuffer("L", (width, height), memoryview(modules), "raw", "L", 0, 1)
    image = image.convert("1", dither=Image.Dither.NONE)
    image = image.resize((width * QR_SCALE, height * QR_SCALE), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_certificate_pdf(certificate):
    case = certificate.case
    texts = printed_texts()
    german, second = _wordings(certificate.language, texts["wordings"])
    issued = timezone.localtime(certificate.issued_at).date()
    appointment = (
        timezone.localtime(certificate.follow_up_appointment).date() if certificate.follow_up_appointment else None
    )
    url = verification_url(certificate)
    office = texts["office"]
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
