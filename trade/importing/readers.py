"""Read an uploaded spreadsheet into rows of text: the shared readers of `relations`.

The reading code moved to `relations.spreadsheets` so that meetings, missions and cultural
highlights read files exactly as trade figures do; these names stay for trade's modules.
"""

from relations.spreadsheets import (
    BLANK_RUN_LIMIT,
    Sheet,
    SpreadsheetError,
    cell_text,
    check_zip,
    max_rows,
    max_upload_size,
    megabytes,
    read_csv,
    read_sheet,
    read_xlsx,
    text_encoding,
)

__all__ = [
    "BLANK_RUN_LIMIT",
    "Sheet",
    "SpreadsheetError",
    "cell_text",
    "check_zip",
    "max_rows",
    "max_upload_size",
    "megabytes",
    "read_csv",
    "read_sheet",
    "read_xlsx",
    "text_encoding",
]
