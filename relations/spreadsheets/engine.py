"""The one path of every import: read → check → diff → write → batch.

`sheet_import` is all the admin, the command line and the benchmark call. It opens the file
within the limits, lets the sheet check every row and work out what would change, writes it
all in one transaction, records the batch, and rolls back instead on a problem, a dry run or
a file with nothing to import. A dry run writes and rolls back, so the preview sees exactly
what confirm will do, including how the pages would read.
"""

import dataclasses
from typing import BinaryIO

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from relations.models import ImportBatch
from relations.spreadsheets.files import Limits, SpreadsheetError, clean_file_name, open_table
from relations.spreadsheets.preview import page_changes, page_documents
from relations.spreadsheets.results import ImportResult
from relations.spreadsheets.sheet import Progress, Sheet
from relations.workspace import profile_touch


def sheet_import(
    *,
    sheet: Sheet,
    file: BinaryIO,
    file_name: str,
    dry_run: bool,
    options: dict | None = None,
    by=None,
    preview: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file of `sheet` records: all rows or none.

    `options` are the upload choices as plain values (validated here by the sheet's options
    form, whoever gives them). Without `dry_run` the import is recorded as an `ImportBatch` by
    `by` (None from the command line). `preview` also works out the page sentences and chart
    figures that would change. `progress` is told each phase in a line.
    """
    progress = progress or (lambda message: None)
    limits = limits or Limits.for_upload()
    if sheet.max_rows and sheet.max_rows < limits.max_rows:
        limits = dataclasses.replace(limits, max_rows=sheet.max_rows)
    result = ImportResult(dry_run=dry_run)
    form = sheet.options_form(data=options or {})
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else name
            result.problem(0, "", f"{label}: {' '.join(errors)}")
        return result
    try:
        table = open_table(file, limits=limits)
        result.notes.extend(table.notes)
        result.sha256 = table.sha256
        with transaction.atomic():
            importer = sheet.importer(options=form.cleaned_data, result=result, progress=progress)
            importer.check(table)
            if not result.ok or result.empty:
                transaction.set_rollback(True)
                return result
            before = page_documents(importer.profile_ids) if preview else {}
            batch = None
            if not dry_run:
                batch = ImportBatch.objects.create(
                    model=sheet.label,
                    created_by=by,
                    file_name=clean_file_name(file_name),
                    sha256=table.sha256,
                    layout=result.layout,
                )
            importer.write(batch)
            if not result.ok:
                transaction.set_rollback(True)
                return result
            progress(_("Wrote the rows: %(summary)s.") % {"summary": result.summary})
            if preview:
                after = page_documents(importer.profile_ids)
                result.sentences, result.figures = page_changes(before, after)
            if dry_run:
                transaction.set_rollback(True)
            else:
                batch.created_count = result.created
                batch.updated_count = result.updated
                batch.unchanged_count = result.unchanged
                batch.save(update_fields=["created_count", "updated_count", "unchanged_count"])
                result.batch = batch
                if result.created or result.updated:
                    profile_touch(importer.profile_ids)  # their "Last change"
    except SpreadsheetError as error:
        result.problem(error.line, "", error.message)
    except IntegrityError:
        result.problem(
            0,
            "",
            _(
                "Someone saved the same records while this file was being imported, so nothing "
                "was imported. Upload the file again to see the current differences."
            ),
        )
    except DatabaseError as error:
        # A value the checks let through and the database refused: say so, write nothing.
        result.problem(
            0,
            "",
            _("The database refused the rows, so nothing was imported (%(reason)s).")
            % {"reason": " ".join(str(error).split())[:200]},
        )
    return result
