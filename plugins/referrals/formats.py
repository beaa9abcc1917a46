"""Streaming writers for the handover formats: rows go to the file chunk by chunk, never held together.

CSV and XLSX cells pass ``core.spreadsheet.neutralise`` (a clerk's ``=HYPERLINK(…)`` stays
text); XLSX is openpyxl's write-only workbook. JSON is one document whose ``rows`` array is
written row by row; its schema comes from ``scope.json_schema``.
"""

import csv
import io
import json

from openpyxl import Workbook

from core.spreadsheet import neutralise


class CsvWriter:
    extension = "csv"
    native = False

    def __init__(self, handle, headers, meta):
        self.text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.text, delimiter=";")
        self.writer.writerow(headers)

    def write(self, rows):
        self.writer.writerows([[neutralise(cell) for cell in row] for row in rows])

    def close(self):
        self.text.flush()
        self.text.detach()


class XlsxWriter:
    extension = "xlsx"
    native = False

    def __init__(self, handle, headers, meta):
        self.handle = handle
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(meta["recipient"][:31])
        self.sheet.append(headers)

    def write(self, rows):
        for row in rows:
            # Strings stay strings: openpyxl would store a leading “=” as a formula.
            self.sheet.append([neutralise(cell) for cell in row])

    def close(self):
        self.book.save(self.handle)


class JsonWriter:
    extension = "json"
    native = True

    def __init__(self, handle, headers, meta):
        self.text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        self.headers = headers
        self.first = True
        head = json.dumps(meta, ensure_ascii=False)[:-1]
        self.text.write(head + ', "rows": [')

    def write(self, rows):
        for row in rows:
            line = json.dumps(dict(zip(self.headers, row, strict=True)), ensure_ascii=False)
            self.text.write(("\n" if self.first else ",\n") + line)
            self.first = False

    def close(self):
        self.text.write("\n]}\n")
        self.text.flush()
        self.text.detach()


WRITERS = {"csv": CsvWriter, "xlsx": XlsxWriter, "json": JsonWriter}
