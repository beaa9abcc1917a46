"""Cells the platform writes to CSV files, safe to open in a spreadsheet.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return) as a formula, so a username ``+1+1`` or a page title
``=HYPERLINK(…)`` would be computed, or call out, when a colleague opens the
export. ``neutralise`` is the one rule; every CSV the platform writes applies it.

All our CSV exports are Wagtail's ``SpreadsheetExportMixin`` (the audit log, Wagtail's
reports and site history, redirects, form submissions). Wagtail leaves formulas to the
spreadsheet (its security policy says so), so ``neutralise_wagtail_csv`` puts the rule
into the one method every CSV row of that mixin passes. XLSX cells are typed as text
there already. django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``
only strips a leading ``=`` (changing the value, and missing ``+ - @``): an export
written with it must call ``neutralise`` instead.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text a spreadsheet would take for a formula, with an apostrophe in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_wagtail_csv():
    """Make every CSV row Wagtail writes go through ``neutralise`` (once, from ``CoreConfig.ready``).

    Wagtail's own ``write_csv_row`` with ``neutralise`` after its preprocessing.
    """

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    SpreadsheetExportMixin.write_csv_row = write_csv_row
