"""A corpus of malformed and hostile spreadsheets, generated (not committed as files).

Every file is what a careless or hostile upload could be: broken encodings, NUL bytes,
unclosed quotes, giant cells, thousands of columns, numbers Python would read and we must not
("١٩٩٩", "2_010", "1e309"), XLSX files that lie about their size or break mid-row, zip bombs.
`tests/test_import_corpus.py` runs each through the command and the admin preview: no file
may crash either, and a refused file changes nothing. Each entry says what must happen:
"refused" (problems, nothing written), "imported" (a clean import) or "empty" (nothing to
import).

    python -m tests.corpus DIR    # writes the files, to open them by hand

Generated test data only; "testland" is the profile of the tests' `testland` fixture.
"""

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

LONG = "profile,year,flow,kind,hs_chapter,value_cad,source_en,source_fr"
GOOD = "testland,2011,export,merchandise,84,300000000,S,S"
CIMT = "Period,Commodity,Province,Country,State,Value ($),Quantity,Unit of measure"
MISSIONS = "profile,side,kind,city_en,city_fr,position"
MEETINGS = (
    "profile,date,date_precision,kind,home_participant_en,home_participant_fr,"
    "partner_participant_en,partner_participant_fr,occasion_en,occasion_fr,city_en,city_fr"
)
HIGHLIGHTS = (
    "profile,kind,name_en,name_fr,description_en,description_fr,year,image_alt_en,"
    "image_alt_fr,position"
)
CIMT_OPTIONS = {"profile": "testland", "flow": "export"}


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the sheet: trade-figures, meetings, missions, highlights
    data: bytes
    expect: str  # "refused", "imported" or "empty"
    options: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)  # limits lowered for this file


def lines(*rows: str, end: str = "\r\n", encoding: str = "utf-8") -> bytes:
    return (end.join(rows) + end).encode(encoding)


def long_csv(*rows: str) -> bytes:
    return lines(LONG, *rows)


def long_row(**cells) -> str:
    values = dict(zip(LONG.split(","), GOOD.split(","), strict=True))
    values.update(cells)
    return ",".join(str(value) for value in values.values())


def workbook(rows: list[list], *, sheets: int = 1) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Figures"
    for row in rows:
        book.active.append(row)
    for number in range(1, sheets):
        book.create_sheet(f"Other {number}").append(["=1/0", "x" * 40_000])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(sheet_xml: str, *, strings: str | None = None) -> bytes:
    """A valid workbook whose first sheet's XML (and shared strings) are replaced."""
    original = zipfile.ZipFile(io.BytesIO(workbook([["placeholder"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            elif item.filename == "xl/sharedStrings.xml" and strings is not None:
                data = strings.encode()
            archive.writestr(item.filename, data)
    return buffer.getvalue()


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet_xml(rows: str, *, dimension: str = "A1:H2") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def inline_row(number: int, cells: list[str]) -> str:
    columns = "ABCDEFGH"
    inner = "".join(
        f'<c r="{columns[i]}{number}" t="inlineStr"><is><t>{cell}</t></is></c>'
        for i, cell in enumerate(cells)
    )
    return f'<row r="{number}">{inner}</row>'


HEADER_XML = inline_row(1, LONG.split(","))
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    f'<worksheet {NS}><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 3 * 1024 * 1024)
    return buffer.getvalue()


def cases() -> list[Case]:
    refused, imported, empty = "refused", "imported", "empty"
    trade = "trade-figures"
    big_digits = "1 " * 16_000 + "x"
    return [
        # Bytes and encodings
        Case("empty.csv", trade, b"", refused),
        Case("blank.csv", trade, b" \r\n\t\r\n  ", refused),
        Case("bom-only.csv", trade, b"\xef\xbb\xbf", refused),
        Case("header-only.csv", trade, long_csv(), empty),
        Case("nul-early.csv", trade, long_csv(GOOD).replace(b"export", b"exp\0rt"), refused),
        Case("nul-after-4kb.csv", trade, long_csv(*[GOOD] * 120) + b"\0" + long_csv(GOOD), refused),
        Case("bad-bytes.csv", trade, long_csv(GOOD) + b"\x81\x8d\x8f", refused),
        Case("utf16.csv", trade, lines(LONG, GOOD, encoding="utf-16"), refused),
        Case(
            "windows-1252.csv",
            trade,
            lines(LONG, long_row(source_fr="Donn\xe9es"), encoding="cp1252"),
            imported,
        ),
        Case("old-excel.xls", trade, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, refused),
        Case("png-as-csv.csv", trade, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, refused),
        # Quotes, cells, rows, columns
        Case("unclosed-quote-giant.csv", trade, long_csv('"' + GOOD, *[GOOD] * 3000), refused),
        Case("unclosed-quote-short.csv", trade, long_csv(GOOD, 'testland,"2012,export'), refused),
        Case("cell-200kb.csv", trade, long_csv(long_row(source_en="s" * 200_000)), refused),
        Case("cell-40kb-value.csv", trade, long_csv(long_row(value_cad="9" * 40_000)), refused),
        Case("cell-1kb-chapter.csv", trade, long_csv(long_row(hs_chapter="8" * 1000)), refused),
        Case("columns-300.csv", trade, long_csv(GOOD + ",x" * 300), refused),
        Case("row-wider-than-header.csv", trade, long_csv(GOOD + ",extra"), refused),
        Case("header-10k-name.csv", trade, lines(LONG + "," + "n" * 10_000, GOOD), refused),
        Case("header-twice-year.csv", trade, lines(LONG + ",year", GOOD + ",2012"), refused),
        Case("unknown-layout.csv", trade, lines("name,amount", "a,1"), refused),
        Case(
            "us-dollars.csv", trade, lines(LONG.replace("value_cad", "Value (US$)"), GOOD), refused
        ),
        Case(
            "semicolons-decimal-comma.csv",
            trade,
            lines(LONG.replace(",", ";"), GOOD.replace(",", ";").replace("300000000", "1,5")),
            refused,
        ),
        Case("tabs.csv", trade, lines(LONG.replace(",", "\t"), GOOD.replace(",", "\t")), imported),
        Case("old-mac-line-ends.csv", trade, lines(LONG, GOOD, end="\r"), imported),
        Case("blank-run-then-data.csv", trade, long_csv(*[""] * 1200, GOOD), empty),
        Case(
            "too-many-rows.csv",
            trade,
            long_csv(*[long_row(year=y) for y in range(1990, 2006)]),
            refused,
            settings={"IMPORT_MAX_ROWS": 10},
        ),
        # Numbers
        Case("value-1e309.csv", trade, long_csv(long_row(value_cad="1e309")), refused),
        Case("value-26-digits.csv", trade, long_csv(long_row(value_cad="1" * 26)), refused),
        Case("value-unicode-minus.csv", trade, long_csv(long_row(value_cad="−5")), refused),
        Case("value-nan.csv", trade, long_csv(long_row(value_cad="NaN")), refused),
        Case("value-infinity.csv", trade, long_csv(long_row(value_cad="Infinity")), refused),
        Case("value-fullwidth.csv", trade, long_csv(long_row(value_cad="３００")), refused),
        Case("value-underscores.csv", trade, long_csv(long_row(value_cad="1_000")), refused),
        Case("value-exponent.csv", trade, long_csv(long_row(value_cad="1.5E+09")), refused),
        Case(
            "value-30-decimals.csv",
            trade,
            long_csv(long_row(value_cad="1." + "0" * 29 + "1")),
            refused,
        ),
        Case("year-arabic-indic.csv", trade, long_csv(long_row(year="١٩٩٩")), refused),
        Case("year-underscore.csv", trade, long_csv(long_row(year="2_010")), refused),
        Case("year-99999.csv", trade, long_csv(long_row(year="99999")), refused),
        Case("year-0000.csv", trade, long_csv(long_row(year="0000")), refused),
        # Keys
        Case("profile-10k.csv", trade, long_csv(long_row(profile="p" * 10_000)), refused),
        Case("unknown-profile.csv", trade, long_csv(long_row(profile="atlantis")), refused),
        Case(
            "unknown-chapter.csv",
            trade,
            long_csv(*[long_row(hs_chapter="XX", year=y) for y in range(1990, 2020)]),
            refused,
        ),
        Case("duplicate-figures.csv", trade, long_csv(GOOD, GOOD), refused),
        Case(
            "formula-source.csv", trade, long_csv(long_row(source_en='=HYPERLINK("x")')), imported
        ),
        Case("source-300.csv", trade, long_csv(long_row(source_en="s" * 300)), refused),
        # CIMT and wide layouts
        Case(
            "cimt-quadratic-cell.csv",
            trade,
            lines(CIMT, f'2011-01-01,"{big_digits}",,Testland,,5,,'),
            refused,
            CIMT_OPTIONS,
        ),
        Case(
            "cimt-nested-codes.csv",
            trade,
            lines(CIMT, "2011-01-01,84 - M,,Testland,,1,,", "2011-01-01,8471 - C,,Testland,,1,,"),
            refused,
            CIMT_OPTIONS,
        ),
        Case(
            "cimt-sum-too-large.csv",
            trade,
            lines(
                CIMT, *[f"2011-01-01,8471.{n:02d} - C,,Testland,,{'9' * 15},," for n in range(20)]
            ),
            refused,
            CIMT_OPTIONS,
        ),
        Case(
            "cimt-no-options.csv", trade, lines(CIMT, "2011-01-01,84 - M,,Testland,,1,,"), refused
        ),
        Case(
            "cimt-other-country.csv",
            trade,
            lines(CIMT, "2011-01-01,84 - M,,Atlantis,,1,,"),
            refused,
            CIMT_OPTIONS,
        ),
        Case(
            "wide-arabic-year.csv",
            trade,
            lines("HS chapter,Description,١٩٩٩", "84,Machinery,10"),
            refused,
            CIMT_OPTIONS,
        ),
        Case(
            "wide-300-years.csv",
            trade,
            lines(
                "HS chapter,Description," + ",".join(str(1800 + n) for n in range(300)),
                "84,M," + ",".join(["1"] * 300),
            ),
            refused,
            CIMT_OPTIONS,
        ),
        # XLSX
        Case(
            "zip-bomb.xlsx",
            trade,
            zip_bomb(),
            refused,
            settings={"IMPORT_MAX_UNPACKED_SIZE": 1024 * 1024},
        ),
        Case("damaged.xlsx", trade, b"PK\x03\x04" + b"not really a zip" * 10, refused),
        Case("zip-not-workbook.xlsx", trade, _zip_of({"hello.txt": "hi"}), refused),
        Case(
            "dimension-lies.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(HEADER_XML + inline_row(2, GOOD.split(",")), dimension="A1:ZZZ1000000000")
            ),
            imported,
        ),
        Case(
            "cell-at-xfd.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(
                    HEADER_XML
                    + inline_row(2, GOOD.split(","))
                    + '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
                )
            ),
            refused,
        ),
        Case(
            "styled-empty-xfd.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(
                    HEADER_XML
                    + inline_row(2, GOOD.split(","))
                    + '<row r="3"><c r="XFD3" s="0"/></row>'
                )
            ),
            imported,
        ),
        Case(
            "number-cell-not-a-number.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(
                    HEADER_XML
                    + inline_row(2, GOOD.split(",")[:5]).replace(
                        "</row>", '<c r="F2"><v>abc</v></c></row>'
                    )
                )
            ),
            refused,
        ),
        Case(
            "shared-string-out-of-range.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(HEADER_XML + '<row r="2"><c r="A2" t="s"><v>99999</v></c></row>')
            ),
            refused,
        ),
        Case(
            "truncated-xml.xlsx",
            trade,
            with_sheet_xml(sheet_xml(HEADER_XML + inline_row(2, GOOD.split(",")))[:-40]),
            refused,
        ),
        Case(
            "row-number-text.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(HEADER_XML + '<row r="two"><c t="inlineStr"><is><t>x</t></is></c></row>')
            ),
            refused,
        ),
        Case(
            "billion-laughs.xlsx",
            trade,
            with_sheet_xml(BILLION_LAUGHS),
            refused,
        ),
        Case(
            "error-cells.xlsx",
            trade,
            with_sheet_xml(
                sheet_xml(
                    HEADER_XML
                    + inline_row(2, GOOD.split(",")[:5]).replace(
                        "</row>", '<c r="F2" t="e"><v>#DIV/0!</v></c></row>'
                    )
                )
            ),
            refused,
        ),
        Case(
            "huge-date-serial.xlsx",
            "meetings",
            workbook([MEETINGS.split(","), ["testland", 1e12, "day", "call", "A", "A", "B", "B"]]),
            refused,
        ),
        Case(
            "two-sheets.xlsx",
            trade,
            workbook([LONG.split(","), GOOD.split(",")], sheets=2),
            imported,
        ),
        Case(
            "floats-and-exponents.xlsx",
            trade,
            workbook([LONG.split(","), [*GOOD.split(",")[:5], 1e-05, "S", "S"]]),
            refused,
        ),
        # Record sheets
        Case(
            "meetings-bad-date.csv",
            "meetings",
            lines(MEETINGS, "testland,2019-02-30,day,call,A,A,B,B,,,,"),
            refused,
        ),
        Case(
            "meetings-10k-name.csv",
            "meetings",
            lines(MEETINGS, f"testland,2019-02-03,day,call,{'a' * 10_000},a,B,B,,,,"),
            refused,
        ),
        Case(
            "meetings-nul.csv",
            "meetings",
            lines(MEETINGS, "testland,2019-02-03,day,call,A\0,A,B,B,,,,"),
            refused,
        ),
        Case("meetings-header-only.csv", "meetings", lines(MEETINGS), empty),
        Case(
            "missions-position-99999.csv",
            "missions",
            lines(MISSIONS, "testland,home,embassy,X,Y,99999"),
            refused,
        ),
        Case(
            "missions-position-arabic.csv",
            "missions",
            lines(MISSIONS, "testland,home,embassy,X,Y,٣"),
            refused,
        ),
        Case(
            "missions-duplicate-header.csv",
            "missions",
            lines(MISSIONS + ",side", "testland,home,embassy,X,Y,1,home"),
            refused,
        ),
        Case(
            "missions-good.csv",
            "missions",
            lines(MISSIONS, "testland,home,embassy,X,Y,1"),
            imported,
        ),
        Case(
            "highlights-image-column.csv",
            "highlights",
            lines(HIGHLIGHTS + ",image", "testland,performance,A,A,,,,,,1,a.png"),
            refused,
        ),
        Case(
            "highlights-year-underscore.csv",
            "highlights",
            lines(HIGHLIGHTS, "testland,publication,A,A,d,d,2_010,,,1"),
            refused,
        ),
    ]


def _zip_of(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for case in cases():
        (target / f"{case.kind}--{case.name}").write_bytes(case.data)
    print(f"{len(cases())} files in {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "corpus")
