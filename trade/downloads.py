"""The figures behind a published revision, as CSV and JSON for analysts.

Built from the revision's stored snapshot, never from the working copy, so a download
cites exactly what the page said and never changes after later imports.
"""

import csv
import io
import json
from decimal import Decimal

from relations.models import Revision
from trade.sheets import LONG_COLUMNS

# The columns of an import sheet (and export), with the revision they come from.
COLUMNS = ["profile", "revision", "as_of", *LONG_COLUMNS[1:]]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def revision_figures(revision: Revision) -> list[dict]:
    rows = []
    for section in revision.document.get("sections", []):
        if section["kind"] != "trade":
            continue
        for figure in section["facts"].get("figures", []):
            rows.append(
                {
                    "profile": revision.document["profile"],
                    "revision": revision.number,
                    "as_of": revision.as_of,
                    "year": figure["year"],
                    "flow": figure["flow"],
                    "kind": figure["kind"],
                    "hs_chapter": figure["hs_chapter"],
                    "value_cad": Decimal(figure["value_cad"]),
                    "source_en": figure["source"]["en"],
                    "source_fr": figure["source"]["fr"],
                }
            )
    return rows


def spreadsheet_safe(value):
    """Text a spreadsheet program would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def figures_csv(revision: Revision) -> str:
    """UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and
    shows "août" as "aoÃ»t" (the BOM is how it recognises UTF-8)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in revision_figures(revision):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return buffer.getvalue()


def _plain_number(value: Decimal):
    """A JSON number for a CAD amount: whole dollars as integers, cents kept exactly."""
    return int(value) if value == value.to_integral_value() else float(value)


def figures_json(revision: Revision) -> str:
    document = {
        "profile": revision.document["profile"],
        "revision": revision.number,
        "as_of": revision.as_of,
        "went_live_at": revision.go_live_at.isoformat(),
        "currency": "CAD",
        "figures": [
            {**row, "value_cad": _plain_number(row["value_cad"])}
            for row in revision_figures(revision)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
