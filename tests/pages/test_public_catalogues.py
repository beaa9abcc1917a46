"""The public pages' own strings (templates) are translated into every public language."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

PAGES = Path(__file__).resolve().parents[2] / "pages"
PUBLIC = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in ("de", "en")]
CALL = re.compile(r"\b(n?p?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")


def template_strings():
    """(context, msgid) of every string the public templates translate, found as ``makemessages`` finds them."""
    found = set()
    for template in (PAGES / "templates").rglob("*.html"):
        if "admin" in template.relative_to(PAGES / "templates").parts:  # the admin speaks German and English
            continue
        for function, arguments in CALL.findall(templatize(template.read_text(encoding="utf-8"))):
            strings = ast.literal_eval(f"({arguments},)")
            found.add(
                (strings[0], strings[1]) if function.startswith(("pgettext", "npgettext")) else (None, strings[0])
            )
    return found


@pytest.mark.parametrize("code", PUBLIC)
def test_every_template_string_is_translated(code):
    po = polib.pofile(str(PAGES / "locale" / code / "LC_MESSAGES" / "django.po"))
    wanted = template_strings()
    assert len(wanted) >= 20
    entries = {(entry.msgctxt, entry.msgid): entry for entry in po}
    assert sorted(wanted - entries.keys(), key=str) == []
    shown = [entries[key] for key in wanted]
    assert [entry.msgid for entry in shown if not entry.translated() or entry.fuzzy] == []
    mo = {
        entry.msgid: entry.msgstr for entry in polib.mofile(str(PAGES / "locale" / code / "LC_MESSAGES" / "django.mo"))
    }
    assert {entry.msgid: mo.get(entry.msgid) for entry in shown if not entry.msgctxt} == {
        entry.msgid: entry.msgstr for entry in shown if not entry.msgctxt
    }
