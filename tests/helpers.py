"""Helpers shared by the tests: real CSV and XLSX files, and imports run as the admin runs
them. Generated test data only. Test modules import from here, never from each other."""

import csv
import io

import openpyxl
from django.db import models

from relations.spreadsheets import Limits, sheet_import
from relations.spreadsheets.registry import sheet_for_kind
from trade.sheets import LONG_COLUMNS

LONG_HEADER = list(LONG_COLUMNS)


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


def xlsx_cells(data: bytes) -> list:
    """Every cell of the first sheet of a workbook, to look for formulas."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row]


def long_rows(*figures: tuple, header: list[str] = LONG_HEADER) -> list[list]:
    """A long trade sheet: header, then one row per figure tuple."""
    return [header, *[list(figure) for figure in figures]]


def import_file(
    kind: str,
    data: bytes,
    *,
    file_name: str = "sheet.csv",
    dry_run: bool = False,
    by=None,
    preview: bool = False,
    limits: Limits | None = None,
    progress=None,
    **options,
):
    """Import `data` as the admin and the command do: `options` are the upload choices
    (a profile may be given as the record)."""
    choices = {
        name: value.slug if isinstance(value, models.Model) else value
        for name, value in options.items()
    }
    return sheet_import(
        sheet=sheet_for_kind(kind),
        file=io.BytesIO(data),
        file_name=file_name,
        options=choices,
        dry_run=dry_run,
        by=by,
        preview=preview,
        limits=limits,
        progress=progress,
    )


def messages(result) -> list[str]:
    """The problems of a result as the editor reads them."""
    return [str(problem) for problem in result.problems]
