"""The three layouts of trade sheets editors bring, turned into figures or located problems.

- long: one row per figure (profile, year, flow, kind, hs_chapter, value_cad, sources); this is
  also what our export writes, so an export re-imports with no changes.
- wide: what statistical agencies publish: one row per HS chapter with its description, one
  column per year, values possibly "in thousands", suppressed cells ("x", "..", "F") and
  footnote rows.
- cimt: the export of Statistics Canada's CIMT web application: one row per period, commodity
  (HS code of 2 to 10 digits with its description) and province, summed into HS chapters.

Every problem names its line, its column and a reason an editor can act on. No database
access here: profiles and HS chapters are checked by the service, with one query each.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import chain, islice

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.spreadsheets import Problem, Sheet, unescape_text
from relations.validators import validate_not_future_year, validate_plausible_year
from trade.models import Flow, TradeKind

LONG, WIDE, CIMT = "long", "wide", "cimt"
LAYOUTS = (LONG, WIDE, CIMT)
LONG_COLUMNS = (
    "profile",
    "year",
    "flow",
    "kind",
    "hs_chapter",
    "value_cad",
    "source_en",
    "source_fr",
)
LONG_REQUIRED = ("year", "flow", "kind", "hs_chapter", "value_cad")
LONG_ALIASES = {"chapter": "hs_chapter", "value": "value_cad", "slug": "profile"}
CIMT_COLUMNS = (
    "period",
    "commodity",
    "province",
    "country",
    "state",
    "value",
    "quantity",
    "unit_of_measure",
)
CIMT_HEADER = "Period,Commodity,Province,Country,State,Value ($),Quantity,Unit of measure"
FLOW_WORDS = {
    "export": Flow.EXPORT.value,
    "exports": Flow.EXPORT.value,
    "import": Flow.IMPORT.value,
    "imports": Flow.IMPORT.value,
}
KIND_WORDS = {"merchandise": TradeKind.MERCHANDISE.value, "services": TradeKind.SERVICES.value}
TOTAL_WORDS = ("", "total", "all")
# Cells a statistical agency leaves instead of a value: suppressed, not available, unreliable.
SUPPRESSED = {"x", "X", "..", "...", "F", "-", "–", "—", "n/a", "N/A", "na", "NA"}
FOREIGN_CURRENCY = re.compile(
    r"(US\s?\$|\bUSD\b|\bEUR\b|€|£|\bGBP\b|\bJPY\b|¥|\bCNY\b|\bRMB\b|\bRUB\b|\bCHF\b|\bMXN\b)",
    re.IGNORECASE,
)
MULTIPLIERS = (
    (re.compile(r"\bthousands?\b|\bmilliers\b|\$\s?'?000\b|\$\s?k\b", re.IGNORECASE), 1000),
    (re.compile(r"\bmillions?\b", re.IGNORECASE), 1_000_000),
)
YEAR_HEADER = re.compile(r"^(\d{4})\b")
HS_CODE = re.compile(r"^\s*(?:HS\s*)?(\d[\d.\s]*?)\s*(?:[-–:]\s*(.*))?$", re.IGNORECASE | re.DOTALL)
QUALITY_FLAG = re.compile(r"^(.*\d)\s*[A-E]$")
CENT = Decimal("0.01")
DIGITS = frozenset("0123456789")
MAX_VALUE = Decimal("1e16")  # value (CAD) holds 18 digits with 2 decimals
HEADER_SCAN_ROWS = 30


@dataclass(slots=True)
class FigureRow:
    """One figure as the file gives it, addressed by its natural key."""

    line: int
    profile: str
    year: int
    flow: str
    kind: str
    chapter: str  # "" for the year's total
    value: Decimal
    source_en: str | None = None
    source_fr: str | None = None

    @property
    def key(self) -> tuple:
        return (self.profile, self.year, self.flow, self.kind, self.chapter)


@dataclass
class ParsedSheet:
    layout: str
    figures: list[FigureRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def refuse(self, message: str, line: int = 0, column: str = "") -> None:
        self.problems.append(Problem(line, column, message))


def normalised(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def foreign_currency(text: str) -> str | None:
    match = FOREIGN_CURRENCY.search(text)
    return match.group(1) if match else None


def refuse_foreign_currency(parsed: ParsedSheet, line: int, cells: list[str]) -> bool:
    for cell in cells:
        if currency := foreign_currency(cell):
            parsed.refuse(
                _(
                    "The heading “%(cell)s” gives values in %(currency)s; we publish Canadian "
                    "dollars. Convert the figures to CAD (or download them in Canadian dollars) "
                    "and import again."
                )
                % {"cell": cell, "currency": currency},
                line,
                cell,
            )
            return True
    return False


def detect_layout(rows: list[tuple[int, list[str]]]) -> str | None:
    """The layout whose header appears among the first rows, or None."""
    for _line, cells in rows:
        names = {normalised(cell) for cell in cells}
        if {"period", "commodity"} <= names and any(n.startswith("value") for n in names):
            return CIMT
        if {"year", "flow"} <= names:
            return LONG
        if wide_header(cells):
            return WIDE
    return None


def wide_header(cells: list[str]) -> bool:
    return bool(
        cells
        and re.search(r"\b(hs|chapter|code|commodity|chapitre)\b", cells[0], re.IGNORECASE)
        and any(YEAR_HEADER.match(cell) for cell in cells[1:])
    )


def parse_sheet(
    sheet: Sheet,
    *,
    layout: str | None = None,
    profile: str | None = None,
    partner_names: tuple[str, ...] = (),
    flow: str | None = None,
    kind: str = TradeKind.MERCHANDISE,
) -> ParsedSheet:
    """The figures of a sheet in the given layout, or the one its header shows."""
    head = list(islice(sheet.rows, HEADER_SCAN_ROWS))
    rows = chain(head, sheet.rows)
    detected = detect_layout(head)
    chosen = layout or detected
    parsed = ParsedSheet(layout=chosen or "")
    parsed.notes.extend(sheet.notes)
    if sheet.encoding:
        parsed.notes.append(
            _("The file was read as %(encoding)s text.") % {"encoding": sheet.encoding}
        )
    if not head:
        parsed.refuse(_("The file has no rows."))
        return parsed
    if chosen is None:
        parsed.refuse(
            _(
                "The layout was not recognised. Expected a long sheet (columns %(long)s), a wide "
                "sheet (HS chapter, Description, then one column per year) or a CIMT export "
                "(%(cimt)s). Check the header row, or choose the layout."
            )
            % {"long": ", ".join(LONG_COLUMNS), "cimt": CIMT_HEADER}
        )
        return parsed
    if chosen == LONG:
        parse_long(parsed, rows, profile=profile)
    elif chosen == WIDE:
        parse_wide(parsed, rows, profile=profile, flow=flow, kind=kind)
    else:
        parse_cimt(parsed, rows, profile=profile, partner_names=partner_names, flow=flow)
    return parsed


class Cells:
    """Turns cell text into typed values, remembering each answer (years and flows repeat)."""

    def __init__(self):
        self.current_year = timezone.localdate().year
        self._years: dict[str, int | str] = {}

    def year(self, text: str) -> int | str:
        """The year, or the reason it is refused."""
        if (known := self._years.get(text)) is not None:
            return known
        answer: int | str
        try:
            number = int(text[:4]) if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", text) else int(text)
        except ValueError:
            answer = _("“%(text)s” is not a year; write four digits, e.g. 2011.") % {"text": text}
        else:
            answer = number
            try:
                validate_plausible_year(number)
                if number > self.current_year:
                    validate_not_future_year(number)
            except ValidationError as error:
                answer = error.messages[0]
        self._years[text] = answer
        return answer


def parse_amount(text: str, multiplier: int = 1) -> Decimal | str:
    """The amount in dollars, or the reason it is refused."""
    if multiplier == 1 and text[0] in DIGITS:
        # The common case, plain digits: skip the cleaning below.
        try:
            value = Decimal(text)
        except InvalidOperation:
            pass
        else:
            if value.is_finite() and value == value.quantize(CENT) and value < MAX_VALUE:
                return value
    cleaned = text.replace("$", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace("\u202f", "")
    if flagged := QUALITY_FLAG.match(cleaned):
        cleaned = flagged.group(1)
    negative = cleaned.startswith(("-", "(", "−"))
    try:
        value = Decimal(cleaned.strip("()").replace("−", "-"))
    except InvalidOperation:
        return _("“%(text)s” is not a number; write the value in digits, e.g. 1500000000.") % {
            "text": text
        }
    if not value.is_finite():
        return _("“%(text)s” is not a number.") % {"text": text}
    if negative or value < 0:
        return _("“%(text)s” is negative; trade values cannot be below zero.") % {"text": text}
    value *= multiplier
    if value != value.quantize(CENT):
        return _("“%(text)s” has more than two decimal places (cents).") % {"text": text}
    if value >= MAX_VALUE:
        return _("“%(text)s” is too large for a yearly value.") % {"text": text}
    return value


def parse_long(parsed: ParsedSheet, rows: Iterator, *, profile: str | None) -> None:
    header_line, header = next(rows)
    if refuse_foreign_currency(parsed, header_line, header):
        return
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = normalised(cell)
        name = LONG_ALIASES.get(name, name)
        if name in LONG_COLUMNS and name not in index:
            index[name] = position
        elif cell:
            parsed.refuse(
                _("Unknown column “%(column)s”; the columns are %(columns)s.")
                % {"column": cell, "columns": ", ".join(LONG_COLUMNS)},
                header_line,
                cell,
            )
    required = LONG_REQUIRED if profile else ("profile", *LONG_REQUIRED)
    for name in required:
        if name not in index:
            parsed.refuse(
                _("The column “%(column)s” is missing.") % {"column": name}, header_line, name
            )
    if parsed.problems:
        return
    cells = Cells()
    seen: dict[tuple, int] = {}
    texts: dict[str, str] = {}  # one string object per distinct source, not one per row
    refuse, figures = parsed.refuse, parsed.figures
    # A missing optional column reads from one extra, always empty, cell at the end.
    width = len(header) + 1
    at = {name: index.get(name, width - 1) for name in LONG_COLUMNS}
    at_profile, at_year, at_flow, at_kind = at["profile"], at["year"], at["flow"], at["kind"]
    at_chapter, at_value, at_en, at_fr = (
        at["hs_chapter"],
        at["value_cad"],
        at["source_en"],
        at["source_fr"],
    )
    # This loop runs once per row of sheets of 100,000 rows: it is written for speed.
    for line, row in rows:
        if len(row) < width:
            row += [""] * (width - len(row))
        ok = True
        slug = row[at_profile] or profile or ""
        if not slug:
            refuse(_("Give the profile (its slug, e.g. russia)."), line, "profile")
            ok = False
        year = cells.year(row[at_year])
        if year.__class__ is str:
            refuse(year, line, "year")
            ok = False
        flow = FLOW_WORDS.get(row[at_flow]) or FLOW_WORDS.get(row[at_flow].lower())
        if flow is None:
            refuse(
                _("“%(text)s” is not a flow; write export or import.") % {"text": row[at_flow]},
                line,
                "flow",
            )
            ok = False
        kind = KIND_WORDS.get(row[at_kind]) or KIND_WORDS.get(row[at_kind].lower())
        if kind is None:
            refuse(
                _("“%(text)s” is not a kind; write merchandise or services.")
                % {"text": row[at_kind]},
                line,
                "kind",
            )
            ok = False
        chapter = row[at_chapter]
        if len(chapter) != 2:
            if chapter.lower() in TOTAL_WORDS:
                chapter = ""
            elif chapter.isdigit() and len(chapter) == 1:
                chapter = chapter.zfill(2)
        value = parse_amount(row[at_value]) if row[at_value] else None
        if value is None:
            refuse(_("The value is empty."), line, "value_cad")
            ok = False
        elif value.__class__ is str:
            refuse(value, line, "value_cad")
            ok = False
        source_en, source_fr = row[at_en], row[at_fr]
        for name, text in (("source_en", source_en), ("source_fr", source_fr)):
            if len(text) > 250:
                refuse(_("The source is longer than 250 characters."), line, name)
                ok = False
        if not ok:
            continue
        key = (slug, year, flow, kind, chapter)
        if (first := seen.get(key)) is not None:
            refuse(
                _("This figure is already on line %(first)s; keep one of the two.")
                % {"first": first},
                line,
                "year, flow, kind, hs_chapter",
            )
            continue
        seen[key] = line
        slug = texts.get(slug) or texts.setdefault(slug, slug)
        chapter = texts.get(chapter) or texts.setdefault(chapter, chapter)
        source_en = texts.get(source_en) or texts.setdefault(source_en, unescape_text(source_en))
        source_fr = texts.get(source_fr) or texts.setdefault(source_fr, unescape_text(source_fr))
        figures.append(
            FigureRow(
                line, slug, year, flow, kind, chapter, value, source_en or None, source_fr or None
            )
        )


def multiplier_in(texts: list[str]) -> tuple[int, str] | None:
    for text in texts:
        for pattern, multiplier in MULTIPLIERS:
            if pattern.search(text):
                return multiplier, text
    return None


def flow_in(texts: list[str]) -> str | None:
    joined = " ".join(texts)
    exports = bool(re.search(r"\bexports?\b|\bexportations?\b", joined, re.IGNORECASE))
    imports = bool(re.search(r"\bimports?\b|\bimportations?\b", joined, re.IGNORECASE))
    if exports != imports:
        return Flow.EXPORT if exports else Flow.IMPORT
    return None


def parse_wide(
    parsed: ParsedSheet, rows: Iterator, *, profile: str | None, flow: str | None, kind: str
) -> None:
    titles: list[str] = []
    header_line, header = 0, []
    for line, cells in rows:
        if wide_header(cells):
            header_line, header = line, cells
            break
        if refuse_foreign_currency(parsed, line, cells):
            return
        titles.extend(cell for cell in cells if cell)
    if not header:
        parsed.refuse(
            _(
                "No header row found: a wide sheet starts with “HS chapter”, “Description”, then "
                "one column per year."
            )
        )
        return
    if refuse_foreign_currency(parsed, header_line, header):
        return
    if not profile:
        parsed.refuse(_("Choose the profile: a wide sheet does not say which profile it is for."))
    flow = flow or flow_in(titles)
    if not flow:
        parsed.refuse(
            _("Choose the flow: the sheet does not say whether it holds exports or imports.")
        )
    years: dict[int, int] = {}
    cells_reader = Cells()
    for position, cell in enumerate(header[1:], start=1):
        if match := YEAR_HEADER.match(cell):
            year = cells_reader.year(match.group(1))
            if isinstance(year, str):
                parsed.refuse(year, header_line, cell)
            else:
                years[position] = year
        elif position == 1 or re.search(r"descri|name|libell|commodity", cell, re.IGNORECASE):
            continue
        elif cell:
            parsed.refuse(
                _(
                    "Unknown column “%(column)s”; a wide sheet has the HS chapter, its "
                    "description, then one column per year."
                )
                % {"column": cell},
                header_line,
                cell,
            )
    if parsed.problems:
        return
    found = multiplier_in(titles + header)
    multiplier = found[0] if found else 1
    if found:
        parsed.notes.append(
            _("Values were multiplied by %(multiplier)s, as the sheet says “%(text)s”.")
            % {"multiplier": f"{multiplier:,}", "text": found[1]}
        )
    suppressed = footnotes = 0
    seen: dict[tuple, int] = {}
    for line, row in rows:
        first = row[0] if row else ""
        values = {position: row[position] if position < len(row) else "" for position in years}
        match = HS_CODE.match(first)
        if first.lower().startswith(("total", "all ")):
            chapter = ""
        elif match and len(re.sub(r"\D", "", match.group(1))) <= 2:
            chapter = re.sub(r"\D", "", match.group(1)).zfill(2)
        elif match:
            parsed.refuse(
                _(
                    "“%(code)s” is not a chapter: a wide sheet has one row per two-digit HS "
                    "chapter. Use the CIMT layout for finer codes."
                )
                % {"code": first},
                line,
                header[0],
            )
            continue
        else:
            if all(v in SUPPRESSED or not v for v in values.values()):
                footnotes += 1  # a note or source line under the table
                continue
            parsed.refuse(
                _("“%(text)s” is not an HS chapter code (two digits, e.g. 84).") % {"text": first},
                line,
                header[0],
            )
            continue
        for position, text in values.items():
            if not text or text in SUPPRESSED:
                suppressed += bool(text)
                continue
            value = parse_amount(text, multiplier)
            if isinstance(value, str):
                parsed.refuse(value, line, header[position])
                continue
            figure = FigureRow(
                line, profile or "", years[position], flow or "", kind, chapter, value
            )
            if (earlier := seen.get(figure.key)) is not None:
                parsed.refuse(
                    _("Chapter %(chapter)s is already on line %(first)s; keep one of the two.")
                    % {"chapter": chapter or _("total"), "first": earlier},
                    line,
                    header[0],
                )
                break
            seen[figure.key] = line
            parsed.figures.append(figure)
    if suppressed:
        parsed.notes.append(
            _("%(count)s suppressed or unavailable cells (x, .., F) were skipped.")
            % {"count": suppressed}
        )
    if footnotes:
        parsed.notes.append(_("%(count)s footnote rows were skipped.") % {"count": footnotes})


def parse_cimt(
    parsed: ParsedSheet,
    rows: Iterator,
    *,
    profile: str | None,
    partner_names: tuple[str, ...],
    flow: str | None,
) -> None:
    titles: list[str] = []
    header_line, header = 0, []
    for line, cells in rows:
        names = {normalised(cell) for cell in cells}
        if {"period", "commodity"} <= names:
            header_line, header = line, cells
            break
        titles.extend(cell for cell in cells if cell)
    if not header:
        parsed.refuse(
            _("No header row found; a CIMT export starts with “%(header)s”.")
            % {"header": CIMT_HEADER}
        )
        return
    if refuse_foreign_currency(parsed, header_line, header):
        return
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = normalised(cell)
        if name.startswith("value"):
            name = "value"
        if name in CIMT_COLUMNS:
            index[name] = position
        elif cell:
            parsed.refuse(
                _("Unknown column “%(column)s”; a CIMT export has the columns %(header)s.")
                % {"column": cell, "header": CIMT_HEADER},
                header_line,
                cell,
            )
    for name, label in (("period", "Period"), ("commodity", "Commodity"), ("value", "Value ($)")):
        if name not in index:
            parsed.refuse(
                _("The column “%(column)s” is missing.") % {"column": label}, header_line, label
            )
    if not profile:
        parsed.refuse(_("Choose the profile: a CIMT export does not say which profile it is for."))
    flow = flow or flow_in(titles)
    if not flow:
        parsed.refuse(
            _("Choose the flow: the CIMT export does not say whether it holds exports or imports.")
        )
    if parsed.problems:
        return
    value_label = header[index["value"]]
    partners = {name.lower() for name in partner_names}
    cells_reader = Cells()
    sums: dict[tuple, list] = {}  # (year, chapter) -> [first line, total, HS codes]
    skipped = 0
    for line, row in rows:
        row = row + [""] * (len(header) - len(row))
        period, commodity, amount = (
            row[index["period"]],
            row[index["commodity"]],
            row[index["value"]],
        )
        year = cells_reader.year(period) if period else None
        if (year is None or isinstance(year, str)) and not commodity and not amount:
            skipped += 1  # "How to cite", the URL, "Accessed date", comma-only rows
            continue
        ok = True
        if year is None or isinstance(year, str):
            parsed.refuse(year or _("The period is empty."), line, "Period")
            ok = False
        match = HS_CODE.match(commodity)
        digits = re.sub(r"\D", "", match.group(1)) if match else ""
        if commodity.lower().startswith("total"):
            chapter, code = "", ""
        elif 2 <= len(digits) <= 10 and len(digits) % 2 == 0:
            chapter, code = digits[:2], digits
        else:
            parsed.refuse(
                _("“%(text)s” does not start with an HS code of 2 to 10 digits (e.g. 1001.99).")
                % {"text": commodity},
                line,
                "Commodity",
            )
            ok = False
        if "country" in index and partners:
            country = row[index["country"]]
            if country and country.lower() not in partners:
                parsed.refuse(
                    _("“%(country)s” is not this profile's partner country (%(partner)s).")
                    % {"country": country, "partner": partner_names[0]},
                    line,
                    "Country",
                )
                ok = False
        value = parse_amount(amount) if amount else None
        if value is None:
            parsed.refuse(_("The value is empty."), line, value_label)
            ok = False
        elif isinstance(value, str):
            parsed.refuse(value, line, value_label)
            ok = False
        if not ok:
            continue
        entry = sums.setdefault((year, chapter), [line, Decimal(0), set()])
        entry[1] += value
        entry[2].add(code)
    for (year, chapter), (line, total, codes) in sums.items():
        nested = sorted(
            code
            for code in codes
            if any(code[:length] in codes for length in range(2, len(code), 2))
        )
        if nested:
            parsed.refuse(
                _(
                    "HS code %(code)s is in the file together with a code that contains it, so "
                    "summing would count it twice; export one level of detail only."
                )
                % {"code": nested[0]},
                line,
                "Commodity",
            )
            continue
        parsed.figures.append(
            FigureRow(line, profile or "", year, flow, TradeKind.MERCHANDISE, chapter, total)
        )
    if skipped:
        parsed.notes.append(
            _("%(count)s rows without figures (citation, blank or note rows) were skipped.")
            % {"count": skipped}
        )
    if sums:
        parsed.notes.append(
            _("Rows were summed into %(count)s figures, one per year and HS chapter.")
            % {"count": len(sums)}
        )
