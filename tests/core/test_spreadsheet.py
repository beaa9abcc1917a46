"""Every CSV the platform writes neutralises cells a spreadsheet would compute (``core.spreadsheet``)."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core import audit
from core.spreadsheet import FORMULA_STARTS, neutralise

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ["config", "core", "questionnaires", "pages", "demo", "plugins"]


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"])
def test_a_formula_start_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Petruț", "1+1", " =1", "", None, -5, 2.5])
def test_other_values_stay_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.django_db
def test_the_audit_csv_export_neutralises_its_cells(client, make_user, bootstrapped):
    attacker = make_user("+1+1")
    audit.record('=HYPERLINK("https://example.org","Klick")', actor=attacker)
    client.force_login(make_user("root", is_superuser=True))

    response = client.get("/admin/audit-log/?export=csv")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'+1+1" in cells and '\'=HYPERLINK("https://example.org","Klick")' in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def export_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from export_views(pattern.url_patterns)
        else:
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                yield pattern.name, view_class


def test_every_admin_export_neutralises_its_csv():
    """The audit log, Wagtail's reports, redirects and form submissions all write CSV rows the same way."""
    views = dict(export_views(get_resolver().url_patterns))
    assert {"clearing_audit_log", "site_history", "locked_pages"} <= set(views)
    written = {}
    for name, view_class in views.items():
        out = io.StringIO()
        view_class().write_csv_row(csv.DictWriter(out, fieldnames=["cell"]), {"cell": "=1+1"})
        written[name] = out.getvalue()
    assert {name: line for name, line in written.items() if line != "'=1+1\r\n"} == {}


# Modules that only read partners' files (tablib parses them) and write none.
READERS = {"plugins/referrals/imports.py"}


def test_no_module_writes_csv_past_the_helper():
    """csv, tablib and django-import-export write spreadsheets too: a module using them must use the helper."""
    writers = re.compile(r"^\s*(import|from)\s+(csv|tablib|import_export)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for directory in APP_DIRS
        for path in (ROOT / directory).rglob("*.py")
        if writers.search(path.read_text())
        and "core.spreadsheet" not in path.read_text()
        and str(path.relative_to(ROOT)) not in READERS
    ]
    assert offenders == []
