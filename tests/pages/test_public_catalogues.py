"""The public pages' own strings (templates) are translated into every public language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

PAGES = Path(__file__).resolve().parents[2] / "pages"
PUBLIC = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in ("de", "en")]


@pytest.mark.parametrize("code", PUBLIC)
def test_every_template_string_is_translated(code):
    po = polib.pofile(str(PAGES / "locale" / code / "LC_MESSAGES" / "django.po"))
    shown = [entry for entry in po if any("templates/" in path for path, _line in entry.occurrences)]
    assert len(shown) >= 20
    assert [entry.msgid for entry in shown if not entry.translated()] == []
    mo = {
        entry.msgid: entry.msgstr for entry in polib.mofile(str(PAGES / "locale" / code / "LC_MESSAGES" / "django.mo"))
    }
    assert {entry.msgid: mo.get(entry.msgid) for entry in shown if not entry.msgctxt} == {
        entry.msgid: entry.msgstr for entry in shown if not entry.msgctxt
    }
