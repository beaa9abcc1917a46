"""The rows of an admin listing as the reader sees them, to check a cell rather than the whole page."""

from bs4 import BeautifulSoup


def table_rows(html):
    """One dict per body row of the page's listing table: column heading → the cell's text."""
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    if table is None:
        return []
    headings = [cell.get_text(" ", strip=True) for cell in table.select("thead th")]
    rows = []
    for row in table.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td", recursive=False)]
        rows.append(dict(zip(headings, cells, strict=False)))
    return rows


def column(html, heading):
    return [row.get(heading) for row in table_rows(html)]
