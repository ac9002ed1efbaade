"""Spreadsheet files for every app's imports and exports: reading, writing, reporting.

Reading: the format is recognised from the bytes, not the file name: XLSX is a zip file,
anything else is CSV text in UTF-8 (with or without BOM) or Windows-1252 as Excel saves it.
Only the first sheet of a workbook is read, and the editor is told so when there are others. A
workbook that would expand to far more than its size (a zip bomb) is refused before openpyxl
opens it; openpyxl parses with defusedxml (installed), so entity tricks are refused too.

Writing: CSV in UTF-8 with BOM (Excel opens it with the accents right) or XLSX, with text a
spreadsheet would run as a formula neutralised by a leading apostrophe, which the readers of
our imports remove again (`unescape_text`), so an export re-imports with no changes.

This is the base app's module: `trade` and `culture` import it, it imports neither.
"""

import csv
import datetime
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
import openpyxl.xml
from django.conf import settings
from django.utils.translation import gettext as _

# openpyxl only uses defusedxml when it is importable; without it XLSX would be unsafe to read.
assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed to read XLSX safely"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the binary .xls of Excel 97–2003
ZIP_MAGIC = b"PK\x03\x04"
# Consecutive empty rows after which a sheet is taken to have ended (formatting in Excel can
# stretch a sheet to a million empty rows).
BLANK_RUN_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file, where the editor can find it (line 0: the whole file)."""

    line: int
    column: str
    message: str

    def __str__(self):
        where = _("Line %(line)s") % {"line": self.line} if self.line else _("File")
        if self.column:
            where += _(", column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message is meant for the editor."""


@dataclass
class Sheet:
    """Rows of a spreadsheet as text, each with the line number the editor sees."""

    format: str  # "csv" or "xlsx"
    rows: Iterator[tuple[int, list[str]]]
    notes: list[str] = field(default_factory=list)
    encoding: str = ""


def max_upload_size() -> int:
    return settings.MAX_UPLOAD_SIZE


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_sheet(data: bytes, *, file_name: str = "") -> Sheet:
    """The rows of a CSV or XLSX file; raises SpreadsheetError with a plain-language reason."""
    if len(data) > max_upload_size():
        raise SpreadsheetError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": megabytes(len(data)), "limit": megabytes(max_upload_size())}
        )
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(OLE2_MAGIC):
        raise SpreadsheetError(
            _("This is an old Excel 97–2003 (.xls) file; save it as .xlsx or CSV and upload again.")
        )
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data)
    return read_csv(data)


def text_encoding(data: bytes) -> tuple[str, str]:
    """The codec and name of the file's encoding: UTF-8 (BOM or not), else Windows-1252."""
    candidates = [("utf-8-sig", "UTF-8 with BOM")] if data.startswith(b"\xef\xbb\xbf") else []
    candidates += [("utf-8", "UTF-8")]
    for codec, name in candidates:
        try:
            data.decode(codec)  # thrown away: only the check matters, reading streams
        except UnicodeDecodeError:
            continue
        return codec, name
    try:
        data.decode("cp1252")
        return "cp1252", "Windows-1252"
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "The file is neither UTF-8 nor Windows-1252 text (byte %(position)s cannot be "
                "read). In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload again."
            )
            % {"position": error.start + 1}
        ) from error


def read_csv(data: bytes) -> Sheet:
    codec, encoding = text_encoding(data)
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(_("This is not a CSV or XLSX file."))
    first_line = data[:4096].split(b"\n", 1)[0].decode(codec, errors="replace")
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    text = io.TextIOWrapper(io.BytesIO(data), encoding=codec, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    return Sheet(format="csv", rows=_limited(_numbered(reader)), encoding=encoding)


def _numbered(rows) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(rows, start=1):
        yield number, [cell.strip() for cell in row]


def _limited(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """Skips blank rows, stops at a long run of them, refuses more rows than the limit."""
    limit, count, blank_run = max_rows(), 0, 0
    for number, cells in rows:
        if not any(cells):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                return
            continue
        blank_run = 0
        count += 1
        if count > limit + 1:  # the header is not a data row
            raise SpreadsheetError(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": f"{limit:,}"}
            )
        yield number, cells


def check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(_("The file looks like XLSX but is damaged.")) from error
    unpacked = sum(member.file_size for member in members)
    limit = settings.IMPORT_MAX_UNPACKED_SIZE
    if unpacked > limit:
        raise SpreadsheetError(
            _(
                "The workbook expands to %(size)s when opened, more than the %(limit)s allowed; "
                "it is refused as a possible zip bomb."
            )
            % {"size": megabytes(unpacked), "limit": megabytes(limit)}
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise SpreadsheetError(_("The file is a zip archive but not an XLSX workbook."))
    return archive


def read_xlsx(data: bytes) -> Sheet:
    check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken or hostile file
        raise SpreadsheetError(
            _("The workbook cannot be read (%(reason)s).") % {"reason": error}
        ) from error
    names = workbook.sheetnames
    notes = []
    if len(names) > 1:
        notes.append(
            _(
                "Only the first sheet, “%(first)s”, was read; the other %(others)s sheets "
                "(%(names)s) were ignored."
            )
            % {"first": names[0], "others": len(names) - 1, "names": ", ".join(names[1:])}
        )
    else:
        notes.append(_("The sheet “%(first)s” was read.") % {"first": names[0]})
    worksheet = workbook.worksheets[0]

    def rows():
        try:
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in row]
        finally:
            workbook.close()

    return Sheet(format="xlsx", rows=_limited(rows()), notes=notes)


def cell_text(value) -> str:
    """A cell as the text a CSV would hold: whole floats without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def escape_formula(text: str) -> str:
    """Text a spreadsheet program would run as a formula gets a leading apostrophe."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Undo the apostrophe our export puts before text a spreadsheet would run as a formula."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def sheet_bytes(*, header: list[str], rows: list[list], file_format: str, title: str) -> bytes:
    """A CSV (UTF-8 with BOM, for Excel) or XLSX file of the header and rows.

    Text cells must already be escaped with `escape_formula`; numbers and dates are written
    as such (in XLSX, as numbers and dates the spreadsheet understands).
    """
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    if file_format == "xlsx":
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(title[:31])  # Excel's limit on sheet names
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"Unknown export format {file_format!r}")
