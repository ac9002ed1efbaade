"""Spreadsheet files: reading them within limits, writing them safely.

Reading never trusts the file. The format is recognised from the bytes, not the name: XLSX is
a zip archive, anything else is CSV text in UTF-8 (with or without BOM) or Windows-1252 as
Excel saves it. Everything a file could use to crash or stall the reader is bounded and
refused with a located reason (`SpreadsheetError`, "line, reason"):

- bytes (`Limits.max_bytes`), data rows (`max_rows`), columns with something in them
  (`max_columns`), characters in a cell (`max_cell`, Excel's own 32,767), and the seconds
  spent reading and checking (`max_seconds`, below the app server's timeout);
- CSV: bytes in no known encoding, NUL bytes anywhere, unclosed quotes (one giant cell);
- XLSX: zip bombs (total and shared-strings size), Excel 97–2003 files, workbooks openpyxl
  cannot open, and broken cells met while reading rows. Rows are read with openpyxl's row
  parser directly, so a sheet's `<dimension>` (which can claim A1:ZZZ1000000000 and made
  openpyxl pad every row to 18,278 cells) is never used: a row is as wide as its last
  non-empty cell. openpyxl parses with defusedxml (installed), so XML entity tricks fail.

The file is read twice, both times streaming: once to hash it (SHA-256, for the import
record), find its encoding and look for NUL bytes; then row by row. Memory does not grow with
the file.

Writing: CSV (UTF-8 with BOM, so Excel shows accents right) as a stream of bytes, or XLSX,
with text a spreadsheet would run as a formula neutralised by a leading apostrophe, which
`unescape_text` removes again on import, so an export re-imports with no changes.
"""

import codecs
import csv
import datetime
import hashlib
import io
import math
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

import openpyxl
import openpyxl.xml
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.functions import iterparse  # defusedxml's, when installed (asserted below)

# openpyxl only uses defusedxml when it is importable; without it XLSX would be unsafe to read.
assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed to read XLSX safely"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the binary .xls of Excel 97–2003
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1024 * 1024  # bytes read at a time
# Consecutive empty rows after which a sheet is taken to have ended (formatting in Excel can
# stretch a sheet to a million empty rows).
BLANK_RUN_LIMIT = 1000
MAX_CELL = 32_767  # characters: Excel's own limit for a cell
MAX_COLUMNS = 256  # a wide sheet has one column per year: a century fits many times
# openpyxl loads the shared strings whole; this bounds the memory they can take.
MAX_SHARED_STRINGS = 32 * 1024 * 1024
CHECK_EVERY = 256  # rows between two looks at the clock
SPREADSHEETML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET_DATA, ROW, CELL = f"{SPREADSHEETML}sheetData", f"{SPREADSHEETML}row", f"{SPREADSHEETML}c"
VALUE, TEXT = f"{SPREADSHEETML}v", f"{SPREADSHEETML}t"


class SpreadsheetError(Exception):
    """The file cannot be read (further); the message is meant for the editor."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused."""

    max_rows: int
    max_bytes: int | None = None
    max_seconds: float | None = None
    max_columns: int = MAX_COLUMNS
    max_cell: int = MAX_CELL

    @classmethod
    def for_upload(cls) -> "Limits":
        """An editor's upload in the admin: bounded in bytes, rows and time."""
        return cls(
            max_rows=settings.IMPORT_MAX_ROWS,
            max_bytes=settings.MAX_UPLOAD_SIZE,
            max_seconds=settings.IMPORT_MAX_SECONDS,
        )

    @classmethod
    def for_command(cls, *, max_rows: int | None = None) -> "Limits":
        """A file named on the command line: no size or time limit, rows still bounded."""
        return cls(max_rows=max_rows or settings.IMPORT_COMMAND_MAX_ROWS)


@dataclass
class Table:
    """The rows of the first sheet of a file, as text, read lazily within the limits.

    `rows` yields (line, cells): the line number the editor sees in a spreadsheet program
    and the cells, stripped, without trailing empty ones. Blank rows are skipped. Iterating
    may raise SpreadsheetError (with the line) when the file turns out to break a limit.
    """

    format: str  # "csv" or "xlsx"
    sha256: str
    size: int
    rows: Iterator[tuple[int, list[str]]] = field(default_factory=lambda: iter(()))
    notes: list[str] = field(default_factory=list)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def open_table(file: BinaryIO, *, limits: Limits) -> Table:
    """The table of a CSV or XLSX file; SpreadsheetError says why a file cannot be read."""
    size = file.seek(0, io.SEEK_END)
    if limits.max_bytes and size > limits.max_bytes:
        raise SpreadsheetError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": megabytes(size), "limit": megabytes(limits.max_bytes)}
        )
    file.seek(0)
    head = file.read(8)
    if head.startswith(OLE2_MAGIC):
        raise SpreadsheetError(
            _("This is an old Excel 97–2003 (.xls) file; save it as .xlsx or CSV and upload again.")
        )
    if head.startswith(ZIP_MAGIC):
        return _open_xlsx(file, limits)
    return _open_csv(file, limits)


class _Clock:
    """Refuses a file whose reading and checking take longer than the limit."""

    def __init__(self, seconds: float | None):
        self.deadline = time.monotonic() + seconds if seconds else math.inf
        self.seconds = seconds

    def check(self, line: int) -> None:
        if time.monotonic() > self.deadline:
            raise SpreadsheetError(
                _(
                    "Reading the file took longer than %(seconds)s seconds, so it was stopped "
                    "at this line. Split it into smaller files, or ask an administrator to "
                    "import it with the import_sheet command."
                )
                % {"seconds": f"{self.seconds:g}"},
                line,
            )


def _bounded_rows(rows: Iterable[tuple[int, list]], limits: Limits) -> Iterator:
    """Strips cells, skips blank rows, stops at a long run of them, and enforces the limits."""
    clock = _Clock(limits.max_seconds)
    count = blank_run = seen = 0
    max_rows, max_columns, max_cell = limits.max_rows + 1, limits.max_columns, limits.max_cell
    strip = str.strip
    # This loop runs once per row of files of a million rows: it is written for speed.
    for line, raw in rows:
        seen += 1
        if seen % CHECK_EVERY == 0:
            clock.check(line)
        cells = list(map(strip, raw))
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                return
            continue
        blank_run = 0
        if len(cells) > max_columns:
            raise SpreadsheetError(
                _(
                    "This row has cells in more than %(limit)s columns; no sheet we read is that "
                    "wide."
                )
                % {"limit": limits.max_columns},
                line,
            )
        if max(map(len, cells)) > max_cell:
            raise SpreadsheetError(too_long_cell(limits), line)
        count += 1
        if count > max_rows:  # the header is not a data row
            raise SpreadsheetError(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": f"{limits.max_rows:,}"}
            )
        yield line, cells
    clock.check(0)


def too_long_cell(limits: Limits) -> str:
    return _(
        "A cell of this row is longer than %(limit)s characters. If the row has a quotation "
        'mark (") that is never closed, everything after it was read as one cell: close it '
        "or remove it."
    ) % {"limit": f"{limits.max_cell:,}"}


# CSV


def _scan(file: BinaryIO) -> tuple[str, int, str, str]:
    """(SHA-256, size, codec, encoding name) in one streaming pass; NUL bytes refused."""
    digest, size, lines = hashlib.sha256(), 0, 1
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, has_bom, first, content = True, False, True, False
    file.seek(0)
    while chunk := file.read(CHUNK):
        if first:
            has_bom, first = chunk.startswith(codecs.BOM_UTF8), False
        size += len(chunk)
        content = content or bool(chunk.strip(b" \t\r\n,;\xef\xbb\xbf"))
        digest.update(chunk)
        if (nul := chunk.find(b"\x00")) >= 0:
            raise SpreadsheetError(
                _(
                    "The file contains a NUL byte (character 0) on this line, so it is not a "
                    "text CSV file. Save it again as “CSV UTF-8 (Comma delimited)”."
                ),
                lines + chunk.count(b"\n", 0, nul),
            )
        lines += chunk.count(b"\n")
        if utf8_ok:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if not content:
        raise SpreadsheetError(_("The file is empty."))
    if utf8_ok:
        codec, name = ("utf-8-sig", _("UTF-8 with BOM")) if has_bom else ("utf-8", _("UTF-8"))
        return digest.hexdigest(), size, codec, name
    _check_cp1252(file)
    return digest.hexdigest(), size, "cp1252", _("Windows-1252")


def _check_cp1252(file: BinaryIO) -> None:
    decoder, offset = codecs.getincrementaldecoder("cp1252")(), 0
    file.seek(0)
    while chunk := file.read(CHUNK):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            raise SpreadsheetError(
                _(
                    "The file is neither UTF-8 nor Windows-1252 text (byte %(position)s cannot "
                    "be read). In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload "
                    "again."
                )
                % {"position": offset + error.start + 1}
            ) from error
        offset += len(chunk)


def _open_csv(file: BinaryIO, limits: Limits) -> Table:
    sha256, size, codec, encoding = _scan(file)
    file.seek(0)
    first_line = file.read(4096).split(b"\n", 1)[0].decode(codec, errors="replace")
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    table = Table(format="csv", sha256=sha256, size=size)
    table.notes.append(_("The file was read as %(encoding)s text.") % {"encoding": encoding})
    table.rows = _bounded_rows(_csv_rows(file, codec, delimiter, limits), limits)
    return table


def _csv_rows(file: BinaryIO, codec: str, delimiter: str, limits: Limits) -> Iterator:
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=codec, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        # The only error left after the scan: a cell larger than the csv module's limit,
        # which is what an unclosed quotation mark makes of the rest of a file.
        raise SpreadsheetError(too_long_cell(limits), reader.line_num) from error
    finally:
        text.detach()  # leave the caller's file open


# XLSX


def _open_xlsx(file: BinaryIO, limits: Limits) -> Table:
    sha256, size = file_sha256(file), file.seek(0, io.SEEK_END)
    _check_zip(file)
    file.seek(0)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        worksheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a broken or hostile file
        raise SpreadsheetError(
            _("The workbook cannot be read (%(reason)s).") % {"reason": reason(error)}
        ) from error
    names = workbook.sheetnames
    table = Table(format="xlsx", sha256=sha256, size=size)
    if len(names) > 1:
        table.notes.append(
            _(
                "Only the first sheet, “%(first)s”, was read; the other %(others)s sheets "
                "(%(names)s) were ignored."
            )
            % {"first": names[0], "others": len(names) - 1, "names": ", ".join(names[1:])}
        )
    else:
        table.notes.append(_("The sheet “%(first)s” was read.") % {"first": names[0]})
    table.rows = _bounded_rows(_xlsx_rows(workbook, worksheet, limits), limits)
    return table


def file_sha256(file: BinaryIO) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _check_zip(file: BinaryIO) -> None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
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
    names = {member.filename: member for member in members}
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError(_("The file is a zip archive but not an XLSX workbook."))
    strings = names.get("xl/sharedStrings.xml")
    if strings and strings.file_size > MAX_SHARED_STRINGS:
        raise SpreadsheetError(
            _(
                "The workbook's text cells take %(size)s, more than the %(limit)s read; split "
                "it into smaller files or save it as CSV."
            )
            % {"size": megabytes(strings.file_size), "limit": megabytes(MAX_SHARED_STRINGS)}
        )


def _xlsx_rows(workbook, worksheet, limits: Limits) -> Iterator:
    """(line, cells) of the first sheet, parsed as a stream of XML events.

    Not openpyxl's row reader: it pads rows to the sheet's claimed `<dimension>` and builds
    each `<row>` element whole. Here every cell is read and dropped at once, a row is as
    wide as its last non-empty cell, and a non-empty cell beyond `max_columns` is refused.
    Shared strings and date styles come from the workbook openpyxl opened.
    """
    strings, dates = worksheet._shared_strings, workbook._date_formats
    line, column, cells = 0, 0, {}
    row = sheet_data = None
    try:
        with worksheet._get_source() as source:
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == ROW:
                        row, column, cells = element, 0, {}
                        line = int(element.get("r") or line + 1)
                    elif tag == SHEET_DATA:
                        sheet_data = element
                    continue
                if tag == CELL:
                    reference = element.get("r")
                    column = coordinate_to_tuple(reference)[1] if reference else column + 1
                    value = _xlsx_value(element, strings, dates, workbook.epoch)
                    if value is not None and value != "":
                        if column > limits.max_columns:
                            raise SpreadsheetError(
                                _(
                                    "This row has a cell in column %(column)s; no sheet we "
                                    "read is wider than %(limit)s columns."
                                )
                                % {
                                    "column": get_column_letter(min(column, 18278)),
                                    "limit": limits.max_columns,
                                },
                                line,
                            )
                        cells[column] = cell_text(value)
                    if row is not None:
                        row.clear()  # the cell is read: keep nothing of it
                elif tag == ROW:
                    yield line, [cells.get(n, "") for n in range(1, max(cells, default=0) + 1)]
                    if sheet_data is not None:
                        sheet_data.clear()
                    row = None
    except SpreadsheetError:
        raise
    except Exception as error:  # a broken cell or element, met while reading
        raise SpreadsheetError(
            _("The workbook cannot be read at this line (%(reason)s).") % {"reason": reason(error)},
            line,
        ) from error
    finally:
        workbook.close()


def _xlsx_value(cell, strings, dates: set, epoch):
    """The value of a `<c>` element as openpyxl would give it with data_only."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(text.text or "" for text in cell.iter(TEXT))
    value = cell.findtext(VALUE)
    if value is None or value == "":
        return None
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return value.strip() not in ("0", "false")
    if kind == "d":
        return from_ISO8601(value)
    if kind in ("str", "e"):
        return value
    try:
        number = float(value) if any(c in value for c in ".eEnN") else int(value)
    except ValueError:
        return value  # read as text: the row check says what is wrong with it
    style = int(cell.get("s") or 0)
    if style in dates:
        try:
            return from_excel(number, epoch)
        except (OverflowError, ValueError):
            return value  # read as text: the row check says it is no date
    return number


def reason(error: Exception, length: int = 120) -> str:
    text = " ".join(str(error).split()) or error.__class__.__name__
    return text if len(text) <= length else text[: length - 1] + "…"


def cell_text(value) -> str:
    """A cell as the text a CSV would hold: whole numbers without ".0", no exponents, dates
    in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return str(value)


# Names


def clean_file_name(name: str) -> str:
    """A file name as the import record keeps it: valid text (a name that is not UTF-8, as a
    command line can pass, keeps its readable part), no control characters, 255 at most."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return text.strip()[:255] or "(unnamed)"


# Writing


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


def export_cell(value):
    """A value as an export writes it: text escaped, numbers and dates as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_formula(value)
    return value


def csv_stream(header: list[str], rows: Iterable[list], *, batch: int = 1000) -> Iterator[bytes]:
    """A CSV file (UTF-8 with BOM, for Excel) as chunks of bytes, written as rows come."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield codecs.BOM_UTF8 + buffer.getvalue().encode()
    pending = 0
    for row in rows:
        if not pending:
            buffer.seek(0)
            buffer.truncate()
        writer.writerow([export_cell(value) for value in row])
        pending += 1
        if pending == batch:
            yield buffer.getvalue().encode()
            pending = 0
    if pending:
        yield buffer.getvalue().encode()


def xlsx_file(header: list[str], rows: Iterable[list], *, title: str) -> BinaryIO:
    """An XLSX workbook of the rows in a temporary file (openpyxl writes it row by row)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])  # Excel's limit on sheet names
    sheet.append(list(header))
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    output = tempfile.TemporaryFile()
    workbook.save(output)
    output.seek(0)
    return output


def xlsx_cell(value):
    value = export_cell(value)
    if isinstance(value, Decimal) and len(value.as_tuple().digits) > 15:
        return str(value)  # Excel keeps 15 significant digits; larger values stay exact as text
    return value


def sheet_bytes(*, header: list[str], rows: Iterable[list], file_format: str, title: str) -> bytes:
    """A whole CSV or XLSX file in memory: for tests and small files (exports stream)."""
    if file_format == "csv":
        return b"".join(csv_stream(header, rows))
    if file_format == "xlsx":
        with xlsx_file(header, rows, title=title) as output:
            return output.read()
    raise ValueError(f"Unknown export format {file_format!r}")
