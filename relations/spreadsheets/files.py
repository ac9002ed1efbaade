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
from xml.parsers import expat

import openpyxl
import openpyxl.xml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

# openpyxl only uses defusedxml when it is importable; without it XLSX would be unsafe to read.
if not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured("defusedxml must be installed to read XLSX files safely.")

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
        # openpyxl reads the workbook's parts: sheet names, shared strings, date styles. Not
        # `load_workbook`: it parses every sheet whole just to find its dimension.
        reader = ExcelReader(file, read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if rel.Type.endswith("/worksheet") and rel.target in reader.valid_files
        ]
    except Exception as error:  # openpyxl raises many kinds for a broken or hostile file
        raise SpreadsheetError(
            _("The workbook cannot be read (%(reason)s).") % {"reason": reason(error)}
        ) from error
    if not sheets:
        reader.archive.close()
        raise SpreadsheetError(_("The workbook has no sheet to read."))
    names = [name for name, _path in sheets]
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
    sheet = _SheetReader(reader, sheets[0][1], limits)
    table.rows = _bounded_rows(sheet.rows(), limits)
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


class _SheetReader:
    """(line, cells) of a worksheet, parsed with expat as a stream, one cell at a time.

    Not openpyxl's row reader: it pads every row to the width the sheet's `<dimension>`
    claims (A1:ZZZ1000000000 made it build rows of 18,278 cells) and builds each `<row>`
    element whole. Here a row is as wide as its last non-empty cell, a non-empty cell beyond
    `max_columns` is refused, and no element is kept. A DOCTYPE or entity declaration (which
    Excel never writes) is refused, as defusedxml refuses them.
    """

    def __init__(self, reader, path: str, limits: Limits):
        self.reader, self.path, self.limits = reader, path, limits
        self.strings = reader.shared_strings
        self.dates = reader.wb._date_formats
        self.epoch = reader.wb.epoch
        self.line = self.column = 0
        self.cells: dict[int, str] = {}
        self.done: list[tuple[int, list[str]]] = []
        self.kind = self.style = None
        self.text: list[str] | None = None  # the characters of the <v> or inline <t> read
        self.inline: list[str] | None = None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.refuse
        parser.EntityDeclHandler = self.refuse
        parser.ExternalEntityRefHandler = self.refuse
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.buffer_text = True
        try:
            with self.reader.archive.open(self.path) as source:
                while chunk := source.read(CHUNK):
                    parser.Parse(chunk, False)
                    yield from self.done
                    self.done.clear()
                parser.Parse(b"", True)
            yield from self.done
        except SpreadsheetError:
            raise
        except Exception as error:  # malformed XML, a broken cell, …
            raise SpreadsheetError(
                _("The workbook cannot be read at this line (%(reason)s).")
                % {"reason": reason(error)},
                self.line,
            ) from error
        finally:
            self.reader.archive.close()

    def refuse(self, *args):
        raise SpreadsheetError(
            _("The workbook declares XML entities, which a spreadsheet never needs; refused.")
        )

    def start(self, name: str, attributes: dict) -> None:
        tag = name[name.rfind("}") + 1 :]
        if tag == "c":
            reference = attributes.get("r")
            self.column = coordinate_to_tuple(reference)[1] if reference else self.column + 1
            self.kind, self.style, self.text = attributes.get("t", "n"), attributes.get("s"), None
        elif tag == "v":
            self.text = []
        elif tag == "is":
            self.inline = []
        elif tag == "t" and self.inline is not None:
            self.text = []
        elif tag == "row":
            self.line = int(attributes.get("r") or self.line + 1)
            self.column, self.cells = 0, {}

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        tag = name[name.rfind("}") + 1 :]
        if tag == "c":
            if self.inline is not None:
                value = "".join(self.inline)
            else:
                value = self.value("".join(self.text)) if self.text else None
            if value is not None and value != "":
                if self.column > self.limits.max_columns:
                    raise SpreadsheetError(
                        _(
                            "This row has a cell in column %(column)s; no sheet we read is "
                            "wider than %(limit)s columns."
                        )
                        % {
                            "column": get_column_letter(min(self.column, 18278)),
                            "limit": self.limits.max_columns,
                        },
                        self.line,
                    )
                self.cells[self.column] = cell_text(value)
            self.text = self.inline = None
        elif tag == "t" and self.inline is not None:
            self.inline.extend(self.text or ())
            self.text = None
        elif tag == "row":
            cells = self.cells
            self.done.append(
                (self.line, [cells.get(n, "") for n in range(1, max(cells, default=0) + 1)])
            )

    def value(self, text: str):
        """The value of a cell as openpyxl would give it with data_only."""
        kind = self.kind
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return text.strip() not in ("0", "false")
        if kind == "d":
            return from_ISO8601(text)
        if kind != "n":  # "str" (a formula's text), "e" (an error such as #DIV/0!)
            return text
        try:
            number = float(text) if any(c in text for c in ".eEnN") else int(text)
        except ValueError:
            return text  # read as text: the row check says what is wrong with it
        if self.style and int(self.style) in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (OverflowError, ValueError):
                return text  # read as text: the row check says it is no date
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
