"""Wide sheets (one column per year) and CIMT exports are recognised, read and summed."""

from decimal import Decimal
from pathlib import Path

from tests.helpers import csv_bytes, import_file, messages, xlsx_bytes
from trade.models import TradeFigure

SAMPLES = Path(__file__).parent / "samples"
CIMT_HEADER = [
    "Period",
    "Commodity",
    "Province",
    "Country",
    "State",
    "Value ($)",
    "Quantity",
    "Unit of measure",
]


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def run(data: bytes, **options):
    return import_file("trade-figures", data, file_name="sheet", **options)


def figures() -> dict:
    return {
        (year, flow, chapter or "total"): value
        for year, flow, chapter, value in TradeFigure.objects.values_list(
            "year", "flow", "chapter__code", "value"
        )
    }


def test_the_long_sample_is_recognised_and_imported(testland):
    result = run(sample("long-testland.csv"))

    assert result.layout == "long"
    assert result.summary == "4 new, 0 updated, 0 unchanged"


def test_the_wide_sample_is_recognised_and_read_in_thousands(testland):
    result = run(sample("wide-testland-exports-thousands.csv"), profile=testland)

    assert result.ok, messages(result)
    assert result.layout == "wide"
    assert figures() == {
        (2009, "export", "84"): Decimal("1200000.00"),
        (2011, "export", "84"): Decimal("1500000.00"),
        (2010, "export", "27"): Decimal("250000.00"),
        (2009, "export", "total"): Decimal("5000000.00"),
        (2010, "export", "total"): Decimal("6000000.00"),
        (2011, "export", "total"): Decimal("7000000.00"),
    }
    assert (
        "Values were multiplied by 1,000, as the sheet says “Merchandise exports to Testland by "
        "HS chapter (thousands of dollars)”."
    ) in result.notes
    assert "3 suppressed or unavailable cells (x, .., F) were skipped." in result.notes
    assert "2 footnote rows were skipped." in result.notes


def test_a_wide_xlsx_chosen_by_the_editor_is_read(testland):
    data = xlsx_bytes(
        [
            ["HS chapter", "Description", 2010, 2011],
            ["84", "Machinery", 1200.5, None],
            ["Note: generated test data", None, None, None],
        ]
    )

    result = run(data, profile=testland, layout="wide", flow="import")

    assert result.ok, messages(result)
    assert figures() == {(2010, "import", "84"): Decimal("1200.50")}


def test_a_wide_sheet_needs_a_profile_and_a_flow(testland):
    data = csv_bytes([["HS chapter", "Description", "2011"], ["84", "Machinery", "10"]])

    result = run(data)

    assert messages(result) == [
        "File: Choose the profile: a wide sheet does not say which profile it is for.",
        "File: Choose the flow: the sheet does not say whether it holds exports or imports.",
    ]


def test_a_wide_row_that_is_not_a_chapter_is_refused(testland):
    data = csv_bytes(
        [
            ["HS chapter", "Description", "2011"],
            ["8471", "Computers", "10"],
            ["Wheat", "", "20"],
        ]
    )

    result = run(data, profile=testland, flow="export")

    assert messages(result) == [
        "Line 2, column “HS chapter”: “8471” is not a chapter: a wide sheet has one row per "
        "two-digit HS chapter. Use the CIMT layout for finer codes.",
        "Line 3, column “HS chapter”: “Wheat” is not an HS chapter code (two digits, e.g. 84).",
    ]


def test_a_wide_sheet_in_us_dollars_is_refused(testland):
    data = csv_bytes(
        [
            ["Exports to Testland (US$ thousand)", "", ""],
            ["HS chapter", "Description", "2011"],
            ["84", "Machinery", "10"],
        ]
    )

    result = run(data, profile=testland, flow="export")

    assert messages(result) == [
        "Line 1, column “Exports to Testland (US$ thousand)”: The heading “Exports to Testland "
        "(US$ thousand)” gives values in US$; we publish Canadian dollars. Convert the figures "
        "to CAD (or download them in Canadian dollars) and import again."
    ]


def test_the_cimt_sample_is_summed_into_chapters_per_year(testland):
    result = run(sample("cimt-testland-exports.csv"), profile=testland, flow="export")

    assert result.ok, messages(result)
    assert result.layout == "cimt"
    assert figures() == {
        (2011, "export", "84"): Decimal("4000.00"),
        (2011, "export", "27"): Decimal("4000.00"),
        (2012, "export", "84"): Decimal("700.00"),
    }
    assert "3 rows without figures (citation, blank or note rows) were skipped." in result.notes


def test_reimporting_the_cimt_sample_changes_nothing(testland):
    run(sample("cimt-testland-exports.csv"), profile=testland, flow="export")

    result = run(sample("cimt-testland-exports.csv"), profile=testland, flow="export")

    assert result.summary == "0 new, 0 updated, 3 unchanged"


def test_a_cimt_export_needs_the_flow_chosen(testland):
    result = run(sample("cimt-testland-exports.csv"), profile=testland)

    assert messages(result) == [
        "File: Choose the flow: the CIMT export does not say whether it holds exports or imports."
    ]


def test_a_cimt_row_for_another_country_is_refused(testland):
    data = csv_bytes(
        [CIMT_HEADER, ["2011-01-01", "8471 - Computers", "Ontario", "Elsewhere", "", "10", "", ""]]
    )

    result = run(data, profile=testland, flow="export")

    assert messages(result) == [
        "Line 2, column “Country”: “Elsewhere” is not this profile's partner country (Testland)."
    ]


def test_a_cimt_chapter_with_its_own_sub_codes_is_refused(testland):
    data = csv_bytes(
        [
            CIMT_HEADER,
            ["2011-01-01", "84 - Machinery", "", "Testland", "", "10", "", ""],
            ["2011-01-01", "8471 - Computers", "", "Testland", "", "5", "", ""],
        ]
    )

    result = run(data, profile=testland, flow="export")

    assert messages(result) == [
        "Line 2, column “Commodity”: HS code 8471 is in the file together with a code that "
        "contains it, so summing would count it twice; export one level of detail only."
    ]


def test_a_cimt_commodity_without_an_hs_code_is_refused(testland):
    data = csv_bytes([CIMT_HEADER, ["2011-01-01", "Computers", "", "Testland", "", "5", "", ""]])

    result = run(data, profile=testland, flow="export")

    assert messages(result) == [
        "Line 2, column “Commodity”: “Computers” does not start with an HS code of 2 to 10 "
        "digits (e.g. 1001.99)."
    ]


def test_an_unknown_chapter_in_a_cimt_export_is_reported_once_with_its_lines(testland):
    rows = [
        [f"{year}-01-01", "0099.10 - Nothing", "Ontario", "Testland", "", "5", "", ""]
        for year in range(2001, 2011)
    ]

    result = run(csv_bytes([CIMT_HEADER, *rows]), profile=testland, flow="export")

    assert messages(result) == [
        "10 rows, lines 2–11, column “Commodity”: “00” is not a known HS chapter "
        "(01 to 99 except 77, as listed in the admin)."
    ]
    assert TradeFigure.objects.count() == 0


def test_cimt_sums_past_the_largest_value_are_refused(testland):
    rows = [
        ["2011-01-01", f"8471.{n:02d} - Computers", "", "Testland", "", "9" * 15, "", ""]
        for n in range(20)
    ]

    result = run(csv_bytes([CIMT_HEADER, *rows]), profile=testland, flow="export")

    assert len(messages(result)) == 1
    assert "add up to" in messages(result)[0] and "too large" in messages(result)[0]
    assert TradeFigure.objects.count() == 0


def test_a_long_commodity_cell_is_read_at_once(testland):
    """The former HS code pattern took 23 s on a 32 KB cell of digits and spaces."""
    import time

    cell = "1 " * 16_000 + "x"
    start = time.perf_counter()

    result = run(
        csv_bytes([CIMT_HEADER, ["2011-01-01", cell, "", "Testland", "", "5", "", ""]]),
        profile=testland,
        flow="export",
    )

    assert time.perf_counter() - start < 2
    assert "does not start with an HS code" in messages(result)[0]
