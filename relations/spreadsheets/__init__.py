"""The spreadsheet engine: every import and export of every sheet goes through here.

    file ─► files.open_table ─► Sheet.importer().check ─► .write ─► ImportBatch + ImportChange
            (bounded reading)   (located problems,         (one transaction;  (audit record;
                                 the diff)                  rolled back on a   undo reads it)
                                                            problem or dry run)

- `engine.sheet_import` is the one path; the admin (`admin.SheetAdminMixin`), the command
  (`manage.py import_sheet`) and the benchmark call it.
- Apps declare their sheets, one module each (`relations/sheets.py`, `trade/sheets.py`,
  `culture/sheets.py`), listed in the SPREADSHEET_SHEETS setting (`registry`): a
  `records.RecordSheet` (one row, one record, through a django-import-export ModelResource)
  or a sheet of its own writing through `staging.StagedUpsert` (set-based, for volume).
- `batches.import_batch_undo` undoes any import; `exports` streams any export; `files` reads
  and writes CSV and XLSX; `numbers` reads numbers; `problems` groups problems by cause;
  `preview` says how pages would change; `uploads` keeps previewed files until confirmed.
"""

from relations.spreadsheets.batches import UndoRefused, import_batch_undo
from relations.spreadsheets.engine import sheet_import
from relations.spreadsheets.files import Limits, SpreadsheetError
from relations.spreadsheets.results import ImportResult

__all__ = [
    "ImportResult",
    "Limits",
    "SpreadsheetError",
    "UndoRefused",
    "import_batch_undo",
    "sheet_import",
]
