"""Build real CSV and XLSX files for import tests. Generated test data only."""

from tests.relations.sheets import csv_bytes, xlsx_bytes

__all__ = ["LONG_HEADER", "csv_bytes", "long_rows", "xlsx_bytes"]

LONG_HEADER = [
    "profile",
    "year",
    "flow",
    "kind",
    "hs_chapter",
    "value_cad",
    "source_en",
    "source_fr",
]


def long_rows(*figures: tuple, header: list[str] = LONG_HEADER) -> list[list]:
    """A long sheet: header, then one row per figure tuple."""
    return [header, *[list(figure) for figure in figures]]
