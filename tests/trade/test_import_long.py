"""Editors import long trade sheets (one row per figure) as CSV or XLSX; all rows or none."""

import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone

from relations.models import ImportBatch
from tests.helpers import LONG_HEADER, csv_bytes, import_file, long_rows, messages, xlsx_bytes
from tests.trade.factories import TradeFigureFactory
from trade.models import TradeFigure

MACHINERY_2011 = (
    "testland",
    2011,
    "export",
    "merchandise",
    "84",
    "300000000",
    "StatCan",
    "StatCan",
)
TOTAL_2011 = ("testland", 2011, "export", "merchandise", "", "1500000000", "StatCan", "StatCan")


def run(data: bytes, *, dry_run: bool = False, **options):
    return import_file("trade-figures", data, file_name="figures.csv", dry_run=dry_run, **options)


def figures() -> list[tuple]:
    return sorted(
        TradeFigure.objects.values_list("year", "flow", "kind", "chapter__code", "value"),
        key=str,
    )


def test_a_long_csv_creates_its_figures(testland):
    result = run(csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011)))

    assert result.ok, messages(result)
    assert result.summary == "2 new, 0 updated, 0 unchanged"
    assert figures() == [
        (2011, "export", "merchandise", "84", Decimal("300000000.00")),
        (2011, "export", "merchandise", None, Decimal("1500000000.00")),
    ]


def test_importing_the_same_file_twice_changes_nothing(testland):
    data = csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011))
    run(data)
    before = list(TradeFigure.objects.values_list("pk", "value"))

    result = run(data)

    assert result.summary == "0 new, 0 updated, 2 unchanged"
    assert list(TradeFigure.objects.values_list("pk", "value")) == before


def test_an_updated_figure_is_reported_old_to_new(testland):
    TradeFigureFactory(
        profile=testland,
        year=2011,
        value=Decimal("1000000000"),
        source_en="StatCan",
        source_fr="StatCan",
    )

    result = run(csv_bytes(long_rows(TOTAL_2011)), dry_run=True)

    assert result.summary == "0 new, 1 updated, 0 unchanged"
    [change] = result.changes
    assert (change.line, change.column, change.old, change.new) == (
        2,
        "value_cad",
        Decimal("1000000000.00"),
        Decimal("1500000000"),
    )
    assert "2011 export merchandise total" in change.label


def test_a_dry_run_writes_nothing(testland):
    result = run(csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011)), dry_run=True)

    assert result.summary == "2 new, 0 updated, 0 unchanged"
    assert TradeFigure.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_a_missing_profile_column_is_taken_from_the_chosen_profile(testland):
    header = [column for column in LONG_HEADER if column != "profile"]
    data = csv_bytes([header, [2011, "import", "services", "", "419000000", "S", "S"]])

    result = run(data, profile=testland)

    assert result.summary == "1 new, 0 updated, 0 unchanged"


def test_a_utf8_csv_with_bom_is_read(testland):
    data = b"\xef\xbb\xbf" + csv_bytes(long_rows((*MACHINERY_2011[:6], "Statistique", "Données é")))

    result = run(data)

    assert result.ok, messages(result)
    assert TradeFigure.objects.get().source_fr == "Données é"
    assert "The file was read as UTF-8 with BOM text." in result.notes


def test_a_windows_1252_csv_as_excel_saves_it_is_read(testland):
    row = (*MACHINERY_2011[:6], "Statistics Canada – trade", "Statistique Canada – données")
    data = csv_bytes(long_rows(row), encoding="cp1252")

    result = run(data)

    assert result.ok, messages(result)
    assert TradeFigure.objects.get().source_fr == "Statistique Canada – données"
    assert "The file was read as Windows-1252 text." in result.notes


def test_bytes_in_no_known_encoding_are_refused_in_plain_words(testland):
    data = csv_bytes(long_rows(MACHINERY_2011)) + b"\x81\x8d\xff"

    result = run(data)

    assert messages(result) == [
        f"File: The file is neither UTF-8 nor Windows-1252 text (byte {len(data) - 2} cannot "
        "be read). In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload again."
    ]


def test_an_xlsx_file_is_read_from_its_first_sheet_only(testland):
    data = xlsx_bytes(
        long_rows(MACHINERY_2011),
        long_rows(TOTAL_2011),
        titles=("Figures", "Scratch"),
    )

    result = run(data)

    assert result.summary == "1 new, 0 updated, 0 unchanged"
    assert (
        "Only the first sheet, “Figures”, was read; the other 1 sheets (Scratch) were ignored."
        in result.notes
    )


def test_an_xlsx_zip_bomb_is_refused(testland, settings):
    settings.IMPORT_MAX_UNPACKED_SIZE = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5 * 1024 * 1024)

    result = run(buffer.getvalue())

    assert messages(result) == [
        "File: The workbook expands to 5.0 MB when opened, more than the 1.0 MB allowed; it is "
        "refused as a possible zip bomb."
    ]


def test_an_old_xls_file_is_refused(testland):
    result = run(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)

    assert "old Excel 97–2003 (.xls) file" in messages(result)[0]


def test_a_file_above_the_size_limit_is_refused(testland, settings):
    settings.MAX_UPLOAD_SIZE = 100

    result = run(csv_bytes(long_rows(*[MACHINERY_2011] * 5)))

    assert messages(result) == ["File: The file is 0.0 MB; the largest file accepted is 0.0 MB."]


def test_more_rows_than_the_limit_are_refused(testland, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [(*MACHINERY_2011[:1], year, *MACHINERY_2011[2:]) for year in range(2001, 2006)]

    result = run(csv_bytes(long_rows(*rows)))

    assert messages(result) == ["File: The file has more than 3 rows; split it into smaller files."]
    assert TradeFigure.objects.count() == 0


def test_blank_lines_are_ignored(testland):
    empty = [""] * len(LONG_HEADER)
    data = csv_bytes([LONG_HEADER, empty, list(MACHINERY_2011), empty, empty, list(TOTAL_2011)])

    result = run(data)

    assert result.summary == "2 new, 0 updated, 0 unchanged"


def test_thousands_of_formatted_blank_xlsx_rows_are_ignored(testland):
    rows = long_rows(MACHINERY_2011) + [[None] * 8] * 3000 + [list(TOTAL_2011)]

    result = run(xlsx_bytes(rows))

    assert result.summary == "1 new, 0 updated, 0 unchanged"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("testland", 2011, "export", "merchandise", "84", "1.5 billion", "S", "S"),
            "Line 3, column “value_cad”: “1.5 billion” is not a number; write the value in "
            "digits, e.g. 1500000000.",
        ),
        (
            ("testland", 2011, "export", "merchandise", "84", "-5", "S", "S"),
            "Line 3, column “value_cad”: “-5” is negative; trade values cannot be below zero.",
        ),
        (
            ("testland", 2011, "export", "merchandise", "84", "", "S", "S"),
            "Line 3, column “value_cad”: The value is empty.",
        ),
        (
            ("testland", 2011, "export", "merchandise", "84", "10.005", "S", "S"),
            "Line 3, column “value_cad”: “10.005” has more than two decimal places (cents).",
        ),
        (
            ("testland", "twenty", "export", "merchandise", "84", "10", "S", "S"),
            "Line 3, column “year”: “twenty” is not a year; write four digits, e.g. 2011.",
        ),
        (
            ("testland", 1700, "export", "merchandise", "84", "10", "S", "S"),
            "Line 3, column “year”: 1700 is too early; enter a four-digit year from 1800 on.",
        ),
        (
            ("testland", 2011, "exp", "merchandise", "84", "10", "S", "S"),
            "Line 3, column “flow”: “exp” is not a flow; write export or import.",
        ),
        (
            ("testland", 2011, "export", "goods", "84", "10", "S", "S"),
            "Line 3, column “kind”: “goods” is not a kind; write merchandise or services.",
        ),
        (
            ("testland", 2011, "export", "merchandise", "XX", "10", "S", "S"),
            "Line 3, column “hs_chapter”: “XX” is not a known HS chapter "
            "(01 to 99 except 77, as listed in the admin).",
        ),
        (
            ("atlantis", 2011, "export", "merchandise", "84", "10", "S", "S"),
            "Line 3, column “profile”: There is no profile “atlantis”; use the slug of an "
            "existing profile.",
        ),
    ],
)
def test_a_bad_value_is_refused_with_line_column_and_reason(testland, row, expected):
    data = csv_bytes(long_rows(TOTAL_2011, row))

    result = run(data)

    assert messages(result) == [expected]
    assert result.invalid == 1
    assert TradeFigure.objects.count() == 0


def test_a_future_year_is_refused(testland):
    next_year = timezone.localdate().year + 1
    row = ("testland", next_year, "export", "merchandise", "84", "10", "S", "S")

    result = run(csv_bytes(long_rows(row)))

    assert messages(result) == [
        f"Line 2, column “year”: {next_year} is in the future; enter a year no later than "
        f"{next_year - 1}."
    ]


def test_a_duplicate_figure_inside_the_file_is_refused(testland):
    again = (*MACHINERY_2011[:5], "999", "S", "S")

    result = run(csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011, again)))

    assert messages(result) == [
        "Line 4, column “year, flow, kind, hs_chapter”: This figure is already on line 2; keep "
        "one of the two."
    ]


def test_an_unknown_column_is_refused(testland):
    header = [*LONG_HEADER, "notes"]

    result = run(csv_bytes(long_rows((*MACHINERY_2011, "hi"), header=header)))

    assert messages(result) == [
        "Line 1, column “notes”: Unknown column “notes”; the columns are profile, year, flow, "
        "kind, hs_chapter, value_cad, source_en, source_fr."
    ]


def test_a_missing_required_column_is_refused(testland):
    header = [column for column in LONG_HEADER if column != "kind"]

    result = run(csv_bytes([header, ["testland", 2011, "export", "84", "10", "S", "S"]]))

    assert messages(result) == ["Line 1, column “kind”: The column “kind” is missing."]


def test_values_in_another_currency_are_refused(testland):
    header = ["profile", "year", "flow", "kind", "hs_chapter", "Import (US$ Thousand)"]

    result = run(csv_bytes([header, ["testland", 2011, "import", "merchandise", "84", "10"]]))

    assert messages(result) == [
        "Line 1, column “Import (US$ Thousand)”: The heading “Import (US$ Thousand)” gives "
        "values in US$; we publish Canadian dollars. Convert the figures to CAD (or download "
        "them in Canadian dollars) and import again."
    ]


def test_one_bad_row_means_no_row_is_written(testland):
    TradeFigureFactory(profile=testland, year=2011, value=Decimal("7"))
    bad = ("testland", 2010, "export", "merchandise", "", "x", "S", "S")

    result = run(csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011, bad)))

    assert result.summary == "1 new, 1 updated, 0 unchanged, 1 invalid"
    assert figures() == [(2011, "export", "merchandise", None, Decimal("7.00"))]


def test_an_unrecognised_layout_is_refused(testland):
    result = run(csv_bytes([["name", "amount"], ["a", "1"]]))

    assert messages(result)[0].startswith("File: The layout was not recognised.")


def test_a_confirmed_import_is_recorded_as_a_batch(testland, editor):
    data = csv_bytes(long_rows(MACHINERY_2011, TOTAL_2011))

    result = import_file("trade-figures", data, file_name="june.csv", by=editor)

    batch = ImportBatch.objects.get()
    assert result.batch == batch
    assert (batch.model, batch.created_by, batch.file_name, batch.layout) == (
        "trade.tradefigure",
        editor,
        "june.csv",
        "long",
    )
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (2, 0, 0)
    assert batch.sha256 == hashlib.sha256(data).hexdigest()
    written = {change.object_id: change.new for change in batch.changes.filter(created=True)}
    figure = TradeFigure.objects.get(chapter__code="84")
    assert Decimal(written[figure.pk].pop("value")) == Decimal("300000000")
    assert written[figure.pk] == {"source_en": "StatCan", "source_fr": "StatCan"}
    assert len(written) == 2


# Numbers, hostile values and the preview


@pytest.mark.parametrize(
    ("year", "value"),
    [
        ("١٩٩٩", "10"),  # Arabic-Indic digits
        ("2_010", "10"),  # Python's digit separator
        ("２０１１", "10"),  # full-width digits
        ("2011", "１０"),
        ("2011", "1_000"),
        ("2011", "٣٠"),
    ],
)
def test_numbers_are_ascii_digits_only(testland, year, value):
    row = ("testland", year, "export", "merchandise", "84", value, "S", "S")

    result = run(csv_bytes(long_rows(row)))

    assert not result.ok
    assert result.invalid == 1
    assert TradeFigure.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e309", "“1e309” is not a number; write the value in digits, e.g. 1500000000."),
        (
            "12345678901234567890123456",
            "“12345678901234567890123456” is too large for a yearly value.",
        ),
        ("1.5E+09", "“1.5E+09” is not a number; write the value in digits, e.g. 1500000000."),
        ("Infinity", "“Infinity” is not a number; write the value in digits, e.g. 1500000000."),
        ("1,5,0,0", "“1,5,0,0” is not a number; write the value in digits, e.g. 1500000000."),
        ("(5)", "“(5)” is negative; trade values cannot be below zero."),
    ],
)
def test_hostile_values_are_located_problems(testland, value, expected):
    row = ("testland", 2011, "export", "merchandise", "84", value, "S", "S")

    result = run(csv_bytes(long_rows(row)))

    assert messages(result) == [f"Line 2, column “value_cad”: {expected}"]


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("1,500,000", Decimal("1500000")),
        ("1 500 000.50", Decimal("1500000.50")),
        ("$1,234.5", Decimal("1234.50")),
        ("1\u202f500", Decimal("1500")),
        ("1500 B", Decimal("1500")),  # a Statistics Canada quality flag
    ],
)
def test_the_documented_separators_are_read(testland, value, stored):
    row = ("testland", 2011, "export", "merchandise", "84", value, "S", "S")

    result = run(csv_bytes(long_rows(row)))

    assert result.ok, messages(result)
    assert TradeFigure.objects.get().value == stored


def test_a_header_only_file_is_nothing_to_import(testland):
    result = run(csv_bytes([LONG_HEADER]))

    assert result.ok and result.empty
    assert "Nothing to import: the file has no figures under its header." in result.notes
    assert ImportBatch.objects.count() == 0


def test_the_same_problem_on_many_rows_is_reported_once_with_its_lines(testland):
    rows = [
        ("testland", year, "export", "merchandise", "XX", "10", "S", "S")
        for year in range(1990, 2024)
    ]

    result = run(csv_bytes(long_rows(*rows)))

    assert messages(result) == [
        "34 rows, lines 2–35, column “hs_chapter”: “XX” is not a known HS chapter "
        "(01 to 99 except 77, as listed in the admin)."
    ]
    assert result.invalid == 34


def test_equal_values_are_not_updates_and_source_changes_are_shown(testland):
    TradeFigureFactory(
        profile=testland,
        year=2011,
        value=Decimal("15000000000"),
        source_en="Old",
        source_fr="Vieux",
    )
    same = ("testland", 2011, "export", "merchandise", "", "15000000000.00", "Old", "Vieux")
    new_source = ("testland", 2011, "export", "merchandise", "", "15000000000", "New", "Vieux")

    unchanged = run(csv_bytes(long_rows(same)), dry_run=True)
    changed = run(csv_bytes(long_rows(new_source)), dry_run=True)

    assert unchanged.summary == "0 new, 0 updated, 1 unchanged"
    assert unchanged.changes == []
    assert changed.summary == "0 new, 1 updated, 0 unchanged"
    assert [(c.column, c.old, c.new) for c in changed.changes] == [("source_en", "Old", "New")]


def test_a_blank_source_keeps_the_stored_one_and_new_figures_take_the_chosen_one(testland):
    TradeFigureFactory(profile=testland, year=2011, value=Decimal("7"), source_en="Kept")
    rows = [
        ("testland", 2011, "export", "merchandise", "", "8", "", ""),
        ("testland", 2012, "export", "merchandise", "", "9", "", ""),
    ]

    result = run(csv_bytes(long_rows(*rows)), source_en="Chosen", source_fr="Choisie")

    assert result.summary == "1 new, 1 updated, 0 unchanged", messages(result)
    sources = dict(TradeFigure.objects.values_list("year", "source_en"))
    assert sources == {2011: "Kept", 2012: "Chosen"}


def test_a_file_name_that_is_not_utf8_is_recorded_readably(testland):
    data = csv_bytes(long_rows(MACHINERY_2011))
    name = b"donn\xe9es.csv".decode("utf-8", "surrogateescape")  # as a command line passes it

    result = import_file("trade-figures", data, file_name=name)

    assert result.ok
    assert ImportBatch.objects.get().file_name == "donn\ufffdes.csv"
