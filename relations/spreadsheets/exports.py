"""Exports that stream: the first bytes leave at once and memory stays flat at any size.

CSV is written as the rows are read from the database (in chunks), so a million figures
start downloading at once. XLSX cannot stream (a workbook is a zip written at the end), so
it is offered up to EXPORT_XLSX_MAX_ROWS rows; above that the editor is asked to filter the
list or choose CSV.
"""

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from relations.spreadsheets.files import csv_stream, xlsx_file
from relations.spreadsheets.sheet import Sheet


class ExportRefused(ValueError):
    """The export is too large for the chosen format; the message says what to do."""


def export_response(*, sheet: Sheet, queryset, file_format: str, file_name: str):
    header = list(sheet.header)
    if file_format == "csv":
        response = StreamingHttpResponse(
            csv_stream(header, sheet.export_rows(queryset)), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "xlsx":
        limit = settings.EXPORT_XLSX_MAX_ROWS
        if (count := queryset.count()) > limit:
            raise ExportRefused(
                _(
                    "%(count)s rows are too many for an XLSX file (at most %(limit)s): filter "
                    "the list first, or export CSV, which has no limit."
                )
                % {"count": f"{count:,}", "limit": f"{limit:,}"}
            )
        output = xlsx_file(header, sheet.export_rows(queryset), title=str(sheet.title))
        response = FileResponse(
            output,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise ExportRefused(_("Choose CSV or XLSX."))
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
