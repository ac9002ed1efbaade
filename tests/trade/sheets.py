"""Build real CSV and XLSX files for import tests. Generated test data only."""

import csv
import io

import openpyxl

LONG_HEADER = [
    "profile",
    "year",
    "flow",
    "kind",
    "hs_chapter",
    "value_cad",
    "source_en",
    "source_fr",
]


def csv_bytes(rows: list[list], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(*sheets: list[list], titles: tuple[str, ...] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets):
        title = titles[number] if number < len(titles) else f"Sheet{number + 1}"
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def long_rows(*figures: tuple, header: list[str] = LONG_HEADER) -> list[list]:
    """A long sheet: header, then one row per figure tuple."""
    return [header, *[list(figure) for figure in figures]]
