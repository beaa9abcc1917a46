"""The printable information sheet: one page per language, every letter drawn (no ■), from the page's own blocks."""

import io
import json
import subprocess

import pypdf
import pytest
from pypdf.generic import ContentStream

from pages.bootstrap import default_page_files
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db

SPEC = next(json.loads(path.read_text(encoding="utf-8")) for path in default_page_files() if "ankommen" in path.name)


def fonts_drawing_text(pdf):
    """The fonts the page's text is shown in (xhtml2pdf declares Helvetica on every page, whether used or not)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    (page,) = reader.pages
    names = {name: font.get_object()["/BaseFont"] for name, font in page["/Resources"]["/Font"].items()}
    used, current = set(), None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            current = operands[0]
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            used.add(names[current].split("+")[-1])
    return used


def run(command, pdf):
    return subprocess.run([*command, "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("code", ["de", "ro", "pl", "bg", "hu", "hr", "en"])
def test_the_sheet_is_one_page_in_the_language_with_every_glyph(client, bootstrapped, code):
    page = client.get(f"/{code}/{SPEC['slug']}/")
    assert f'href="/{code}/{SPEC["slug"]}/informationsblatt/" type="application/pdf"' in page.content.decode()
    response = client.get(f"/{code}/{SPEC['slug']}/informationsblatt/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"information-sheet-{code}.pdf").write_bytes(pdf)
    assert "Pages:           1\n" in run(["pdfinfo"], pdf)
    assert fonts_drawing_text(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}
    embedded = [line for line in run(["pdffonts"], pdf).splitlines() if "DejaVuSans" in line]
    assert len(embedded) == 2 and all(" yes yes yes " in line for line in embedded), embedded
    text = " ".join(run(["pdftotext", "-layout", "-"], pdf).split())
    assert "■" not in text
    spec = SPEC["pages"][code]
    checklist = next(block["value"] for block in spec["body"] if block["type"] == "checklist")
    assert spec["title"] in text
    for item in checklist["items"]:
        assert " ".join(item.split()) in text, item
    assert "Markt 1, 06667 Weißenfels" in text


def test_a_page_without_a_checklist_has_no_sheet(client, bootstrapped):
    from pages.models import HomePage, InformationPage

    home = HomePage.objects.get(locale__language_code="de")
    home.add_child(instance=InformationPage(title="Sprachkurse", slug="sprachkurse", body=[("heading", "Kurse")]))
    assert "informationsblatt" not in client.get("/de/sprachkurse/").content.decode()
    assert client.get("/de/sprachkurse/informationsblatt/").status_code == 404
