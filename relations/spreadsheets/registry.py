"""Which sheets exist: the SPREADSHEET_SHEETS setting names each app's declarations.

The base app never imports trade or culture; it finds their sheets here, by the kind the
command line uses ("trade-figures") or by the model an import batch names ("trade.tradefigure").
"""

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from relations.spreadsheets.sheet import Sheet


@functools.cache
def sheets() -> dict[str, Sheet]:
    """{kind: sheet} in the order the setting lists them."""
    declared = [import_string(path) for path in settings.SPREADSHEET_SHEETS]
    return {sheet.kind: sheet for sheet in declared}


def sheet_for_kind(kind: str) -> Sheet:
    return sheets()[kind]


def sheet_for_model(label: str) -> Sheet:
    """The sheet whose rows are records of `label` ("app_label.model_name")."""
    for sheet in sheets().values():
        if sheet.label == label:
            return sheet
    raise LookupError(f"No sheet imports {label} records (see SPREADSHEET_SHEETS).")
