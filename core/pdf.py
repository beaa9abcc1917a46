"""PDFs that print every language's letters: xhtml2pdf with DejaVu Sans embedded.

xhtml2pdf's own fonts lack ș ț ă, ł ż, ő ű and all Cyrillic (black boxes), and it reads local
files only under the roots it is given, falling back to Helvetica silently otherwise. The font
lives in the core so that the public pages print without any plugin.
"""

import io
from pathlib import Path

from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

FONT_DIR = Path(__file__).resolve().parent / "static" / "core" / "fonts"
FONTS = {
    "font_regular": (FONT_DIR / "DejaVuSans.ttf").as_posix(),
    "font_bold": (FONT_DIR / "DejaVuSans-Bold.ttf").as_posix(),
}


class PdfRenderError(RuntimeError):
    pass


def render_pdf(html):
    """The PDF of ``html``, whose ``@font-face`` rules name ``FONTS``; nothing is fetched from elsewhere."""
    output = io.BytesIO()
    policy = ResourceAccessPolicy(base_dir=str(FONT_DIR), extra_roots=(str(FONT_DIR),), allow_remote=False)
    status = pisa.CreatePDF(html, dest=output, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise PdfRenderError(f"xhtml2pdf reported {status.err} error(s)")
    return output.getvalue()
