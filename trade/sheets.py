"""Trade figures in spreadsheets: the three layouts editors bring, one upsert on natural keys.

- long: one row per figure (profile, year, flow, kind, hs_chapter, value_cad, sources); this is
  also what our export writes, so an export re-imports with no changes.
- wide: what statistical agencies publish: one row per HS chapter with its description, one
  column per year, values possibly "in thousands", suppressed cells ("x", "..", "F") and
  footnote rows.
- cimt: the export of Statistics Canada's CIMT web application: one row per period, commodity
  (HS code of 2 to 10 digits with its description) and province, summed into HS chapters.

A layout turns rows into figures, or into problems with a line, a column and a reason an editor
can act on; figures go to the engine's set-based writer (`StagedUpsert`) as they are read, so a
million-row long sheet is never held in memory. A figure is unique on (profile, year, flow,
kind, chapter); a blank source keeps the stored one, or takes the source chosen on upload.
"""

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain, islice

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from relations.models import Profile
from relations.spreadsheets.files import Table, unescape_text
from relations.spreadsheets.numbers import MAX_AMOUNT, parse_amount, parse_year, short
from relations.spreadsheets.results import Change, ImportResult
from relations.spreadsheets.sheet import Conflicts, Importer, Progress, Sheet, SheetOptionsForm
from relations.spreadsheets.staging import StagedUpsert, Upsert, undo_batch
from trade.models import Flow, HSChapter, TradeFigure, TradeKind

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
DEFAULT_SOURCE_EN = "Statistics Canada"
DEFAULT_SOURCE_FR = "Statistique Canada"
MAX_SOURCE = TradeFigure._meta.get_field("source_en").max_length
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
YEAR_HEADER = re.compile(r"([0-9]{4})\b")
# The code at the start of a commodity cell: "HS 84", "1001.90.00 - Wheat". One character
# class, so matching is linear (the former pattern took 23 s on a 32 KB cell).
HS_CODE = re.compile(r"\s*(?:HS\s*)?([0-9][0-9.\s]*)", re.IGNORECASE)
HEADER_SCAN_ROWS = 30
YEARS_REMEMBERED = 10_000


class TradeSheetOptions(SheetOptionsForm):
    """What the editor chooses on upload (the command takes them as --layout, --profile, …)."""

    layout = forms.ChoiceField(
        label=gettext_lazy("Layout"),
        required=False,
        choices=[
            ("", gettext_lazy("Recognise from the header")),
            (LONG, gettext_lazy("Long: one row per figure (as exported here)")),
            (WIDE, gettext_lazy("Wide: one row per HS chapter, one column per year")),
            (CIMT, gettext_lazy("Statistics Canada CIMT export")),
        ],
    )
    profile = forms.ModelChoiceField(
        label=gettext_lazy("Profile"),
        queryset=Profile.objects.with_partner(),
        to_field_name="slug",
        required=False,
        help_text=gettext_lazy(
            "Needed for wide and CIMT sheets, and for long sheets without a profile column."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "There is no profile “%(value)s”; use the slug of an existing profile."
            )
        },
    )
    flow = forms.ChoiceField(
        label=gettext_lazy("Flow"),
        required=False,
        choices=[("", gettext_lazy("As the sheet says")), *Flow.choices],
        help_text=gettext_lazy("Wide and CIMT sheets: whether the figures are exports or imports."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=TradeKind.choices,
        initial=TradeKind.MERCHANDISE,
        required=False,
        help_text=gettext_lazy("Wide sheets only; CIMT figures are merchandise."),
    )
    source_en = forms.CharField(
        label=gettext_lazy("Source of new figures (English)"),
        max_length=MAX_SOURCE,
        initial=DEFAULT_SOURCE_EN,
        required=False,
    )
    source_fr = forms.CharField(
        label=gettext_lazy("Source of new figures (French)"),
        max_length=MAX_SOURCE,
        initial=DEFAULT_SOURCE_FR,
        required=False,
    )

    def clean(self):
        data = super().clean()
        # Left out (the command line, an old confirmation): the defaults the form shows.
        data["kind"] = data.get("kind") or TradeKind.MERCHANDISE
        data["source_en"] = data.get("source_en") or DEFAULT_SOURCE_EN
        data["source_fr"] = data.get("source_fr") or DEFAULT_SOURCE_FR
        return data


# One figure as a layout reads it (a plain tuple: a million of them go by):
# (line, profile slug, year, flow, kind, chapter code or "" for the total, value, source_en,
# source_fr), a source None when its cell is blank.
FigureRow = tuple


def normalised(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def hs_code(text: str) -> str | None:
    """The digits of the HS code a cell starts with ("1001.90.00 - Wheat" → "10019000"), or
    None if it does not start with one (a description may follow after -, – or :)."""
    match = HS_CODE.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if rest and rest[0] not in "-–:":
        return None
    return re.sub(r"[^0-9]", "", match.group(1))


class Years:
    """Reads year cells, remembering the answers (a sheet repeats a few dozen years)."""

    def __init__(self):
        self.known: dict[str, int | str] = {}

    def __call__(self, text: str) -> int | str:
        if (answer := self.known.get(text)) is None:
            answer = parse_year(text)
            if len(self.known) < YEARS_REMEMBERED:
                self.known[text] = answer
        return answer


class Seen:
    """Which figures a file named so far: one bit per (year, flow, kind, chapter) and profile,
    about 12 KB a profile, so a repeated figure is noticed without a set of a million keys
    (the stage then says which lines repeat which)."""

    FIRST_YEAR = 1800

    def __init__(self, chapters: dict[str, int]):
        self.slots = {code: slot for slot, code in enumerate(sorted(chapters), start=1)}
        self.width = len(self.slots) + 1  # slot 0: the year's total
        self.years = timezone.localdate().year - self.FIRST_YEAR + 1
        self.bits: dict[int, bytearray] = {}
        self.repeats = False

    def add(self, profile_id: int, year: int, flow: str, kind: str, chapter: str) -> None:
        bits = self.bits.get(profile_id)
        if bits is None:
            bits = self.bits[profile_id] = bytearray(self.years * 4 * self.width // 8 + 1)
        slot = self.slots[chapter] if chapter else 0
        flows = (year - self.FIRST_YEAR) * 2 + (flow == "import")
        at = ((flows * 2) + (kind == "services")) * self.width + slot
        mask = 1 << (at & 7)
        if bits[at >> 3] & mask:
            self.repeats = True
        else:
            bits[at >> 3] |= mask


class TradeFigureSheet(Sheet):
    kind = "trade-figures"
    model = TradeFigure
    title = gettext_lazy("Trade figures")
    noun = gettext_lazy("figure")
    options_form = TradeSheetOptions
    header = LONG_COLUMNS
    help = gettext_lazy(
        "These are the columns of a long sheet, one row per figure, as Export writes them. "
        "Wide sheets (one column per year) and Statistics Canada CIMT exports are recognised "
        "from their header: choose their profile and flow below."
    )
    upsert = Upsert(
        model=TradeFigure,
        key=("profile_id", "year", "flow", "kind", "chapter_id"),
        values=("value", "source_en", "source_fr"),
    )

    def importer(self, *, options, result, progress) -> "TradeFigureImporter":
        return TradeFigureImporter(self, options=options, result=result, progress=progress)

    def export_rows(self, queryset):
        # One query per profile, in address order: outside a transaction PostgreSQL computes
        # a server-side cursor's whole result before its first row (2.3 s for 1 M figures).
        # Only the profiles the export has figures of: a filtered one reads one or a few.
        columns = ("profile__slug", "year", "flow", "kind", "chapter__code", "value")
        columns += ("source_en", "source_fr")
        exported = Profile.objects.filter(Exists(queryset.filter(profile=OuterRef("pk"))))
        for profile_id in exported.order_by("slug").values_list("pk", flat=True):
            rows = queryset.filter(profile_id=profile_id).order_by(
                "year", "flow", "kind", "chapter__code"
            )
            yield from rows.values_list(*columns).iterator(chunk_size=5000)

    def describe(self, records):
        return [
            f"{figure.profile.slug} {figure.year} {figure.flow} {figure.kind} "
            + (
                _("chapter %(code)s") % {"code": figure.chapter.code}
                if figure.chapter_id
                else _("total")
            )
            for figure in records
        ]

    def undo(self, batch) -> Conflicts:
        """Set-based, in SQL: a million-row import is undone without reading it into Python."""
        return Conflicts(*undo_batch(self.upsert, batch.pk))


TRADE_FIGURES = TradeFigureSheet()


class TradeFigureImporter(Importer):
    """Reads a trade sheet in its layout and stages every figure; writes them set-based."""

    def __init__(self, sheet, *, options: dict, result: ImportResult, progress: Progress):
        self.sheet, self.result, self.progress = sheet, result, progress
        self.profile: Profile | None = options.get("profile")
        self.layout = options.get("layout") or None
        self.flow = options.get("flow") or None
        self.kind = options["kind"]
        self.stage = StagedUpsert(
            sheet.upsert,
            defaults={"source_en": options["source_en"], "source_fr": options["source_fr"]},
        )
        self.profiles = dict(Profile.objects.values_list("slug", "id"))
        self.chapters = dict(HSChapter.objects.values_list("code", "id"))
        self.years = Years()

    def refuse(self, message: str, line: int = 0, column: str = "") -> None:
        self.result.problem(line, column, message)

    # Checking

    def check(self, table: Table) -> None:
        rows = iter(table.rows)
        head = list(islice(rows, HEADER_SCAN_ROWS))
        detected = detect_layout(head)
        layout = self.layout or detected
        self.result.layout = layout or ""
        if not head:
            self.refuse(_("The file has no rows."))
            return
        if layout is None:
            self.refuse(
                _(
                    "The layout was not recognised. Expected a long sheet (columns %(long)s), a "
                    "wide sheet (HS chapter, Description, then one column per year) or a CIMT "
                    "export (%(cimt)s). Check the header row, or choose the layout."
                )
                % {"long": ", ".join(LONG_COLUMNS), "cimt": CIMT_HEADER}
            )
            return
        self.stage.open()
        parse = {LONG: self.parse_long, WIDE: self.parse_wide, CIMT: self.parse_cimt}[layout]
        read = 0
        profiles, chapters, stage = self.profiles, self.chapters, self.stage.add
        seen = Seen(chapters)
        # Once per figure of a million-row file: written for speed.
        for line, slug, year, flow, kind, chapter, value, source_en, source_fr in parse(
            chain(head, rows)
        ):
            read += 1
            if read % 100_000 == 0:
                self.progress(_("Read %(count)s figures…") % {"count": f"{read:,}"})
            profile_id = profiles.get(slug)
            chapter_id = chapters.get(chapter) if chapter else None
            if profile_id is None or (chapter and chapter_id is None):
                self.unknown_key(line, slug, chapter, profile_id)
                continue
            seen.add(profile_id, year, flow, kind, chapter)
            # Staged even when other rows have problems: the preview still counts what the
            # good rows would do.
            stage((line, profile_id, year, flow, kind, chapter_id, value, source_en, source_fr))
        if not read and self.result.ok:
            self.result.empty = True
            self.result.notes.append(
                _("Nothing to import: the file has no figures under its header.")
            )
            return
        self.progress(_("Read %(count)s figures.") % {"count": f"{read:,}"})
        counts = self.stage.compare(
            self.result.problems,
            lambda first: (
                "year, flow, kind, hs_chapter",
                _("This figure is already on line %(first)s; keep one of the two.")
                % {"first": first},
            ),
            repeats=seen.repeats,
        )
        if not counts:
            return  # a key repeated: what the rows would do is not known
        self.result.created = counts.get("n", 0)
        self.result.updated = counts.get("u", 0)
        self.result.unchanged = counts.get("=", 0)
        self.progress(_("Checked the figures: %(summary)s.") % {"summary": self.result.summary})
        self.profile_ids = self.stage.profile_ids()
        self.report_changes()

    def unknown_key(self, line: int, slug: str, chapter: str, profile_id: int | None) -> None:
        if profile_id is None:
            self.refuse(
                _("There is no profile “%(slug)s”; use the slug of an existing profile.")
                % {"slug": short(slug)},
                line,
                "profile",
            )
        if chapter and chapter not in self.chapters:
            self.refuse(unknown_chapter(chapter), line, "hs_chapter")

    def report_changes(self) -> None:
        slugs = {pk: slug for slug, pk in self.profiles.items()}
        codes = {pk: code for code, pk in self.chapters.items()}
        for line, key, new, old in self.stage.updates(limit=1000):
            profile_id, year, flow, kind, chapter_id = key
            chapter = (
                _("chapter %(code)s") % {"code": codes[chapter_id]} if chapter_id else _("total")
            )
            label = f"{slugs[profile_id]} {year} {flow} {kind} {chapter}"
            for column, was, now in zip(
                ("value_cad", "source_en", "source_fr"), old, new, strict=True
            ):
                if was != now:
                    self.result.change(Change(line, label, column, was, now))

    def write(self, batch) -> None:
        self.stage.write(batch.pk if batch else None)
        self.stage.close()

    # Layouts

    def refuse_foreign_currency(self, line: int, cells: list[str]) -> bool:
        for cell in cells:
            if match := FOREIGN_CURRENCY.search(cell):
                self.refuse(
                    _(
                        "The heading “%(cell)s” gives values in %(currency)s; we publish Canadian "
                        "dollars. Convert the figures to CAD (or download them in Canadian "
                        "dollars) and import again."
                    )
                    % {"cell": short(cell), "currency": match.group(1)},
                    line,
                    short(cell),
                )
                return True
        return False

    def parse_long(self, rows: Iterator) -> Iterator[FigureRow]:
        header_line, header = next(rows)
        if self.refuse_foreign_currency(header_line, header):
            return
        index: dict[str, int] = {}
        for position, cell in enumerate(header):
            name = normalised(cell)
            name = LONG_ALIASES.get(name, name)
            if name in LONG_COLUMNS and name not in index:
                index[name] = position
            elif cell:
                self.refuse(
                    _("Unknown column “%(column)s”; the columns are %(columns)s.")
                    % {"column": short(cell), "columns": ", ".join(LONG_COLUMNS)},
                    header_line,
                    short(cell),
                )
        required = LONG_REQUIRED if self.profile else ("profile", *LONG_REQUIRED)
        for name in required:
            if name not in index:
                self.refuse(
                    _("The column “%(column)s” is missing.") % {"column": name}, header_line, name
                )
        if self.result.problems:
            return
        refuse, years, profile = self.refuse, self.years, self.profile.slug if self.profile else ""
        # A missing optional column reads from one extra, always empty, cell at the end.
        columns = len(header)
        width = columns + 1
        at = {name: index.get(name, width - 1) for name in LONG_COLUMNS}
        at_profile, at_year, at_flow, at_kind = at["profile"], at["year"], at["flow"], at["kind"]
        at_chapter, at_value = at["hs_chapter"], at["value_cad"]
        at_en, at_fr = at["source_en"], at["source_fr"]
        texts: dict[str, str] = {}  # one string object per distinct source, not one per row
        known_years = years.known
        # This loop runs once per row of sheets of a million rows: it is written for speed.
        for line, row in rows:
            if len(row) == columns:
                row.append("")
            elif len(row) > columns:
                refuse(_("This row has cells outside the columns of the header."), line, "")
                continue
            else:
                row += [""] * (width - len(row))
            ok = True
            slug = row[at_profile] or profile
            if not slug:
                refuse(_("Give the profile (its slug, e.g. russia)."), line, "profile")
                ok = False
            year = known_years.get(row[at_year]) or years(row[at_year])
            if year.__class__ is str:
                refuse(year, line, "year")
                ok = False
            flow = FLOW_WORDS.get(row[at_flow]) or FLOW_WORDS.get(row[at_flow].lower())
            if flow is None:
                refuse(
                    _("“%(text)s” is not a flow; write export or import.")
                    % {"text": short(row[at_flow])},
                    line,
                    "flow",
                )
                ok = False
            kind = KIND_WORDS.get(row[at_kind]) or KIND_WORDS.get(row[at_kind].lower())
            if kind is None:
                refuse(
                    _("“%(text)s” is not a kind; write merchandise or services.")
                    % {"text": short(row[at_kind])},
                    line,
                    "kind",
                )
                ok = False
            chapter = row[at_chapter]
            if len(chapter) != 2:
                if chapter.lower() in TOTAL_WORDS:
                    chapter = ""
                elif len(chapter) == 1 and chapter in "0123456789":
                    chapter = "0" + chapter
            text = row[at_value]
            if text.isdigit() and text.isascii() and len(text) <= 16:
                value = int(text)  # the common case, plain digits (staged as an integer)
            else:
                value = parse_amount(text) if text else None
            if value is None:
                refuse(_("The value is empty."), line, "value_cad")
                ok = False
            elif value.__class__ is str:
                refuse(value, line, "value_cad")
                ok = False
            source_en, source_fr = row[at_en], row[at_fr]
            if len(source_en) > MAX_SOURCE or len(source_fr) > MAX_SOURCE:
                for name, text in (("source_en", source_en), ("source_fr", source_fr)):
                    if len(text) > MAX_SOURCE:
                        refuse(
                            _("The source is longer than %(limit)s characters.")
                            % {"limit": MAX_SOURCE},
                            line,
                            name,
                        )
                ok = False
            if not ok:
                continue
            source_en = texts.get(source_en) or texts.setdefault(
                source_en, unescape_text(source_en)
            )
            source_fr = texts.get(source_fr) or texts.setdefault(
                source_fr, unescape_text(source_fr)
            )
            yield (
                line,
                slug,
                year,
                flow,
                kind,
                chapter,
                value,
                source_en or None,
                source_fr or None,
            )
            if len(texts) > 10_000:
                texts.clear()

    def parse_wide(self, rows: Iterator) -> Iterator[FigureRow]:
        titles: list[str] = []
        header_line, header = 0, []
        for line, cells in rows:
            if wide_header(cells):
                header_line, header = line, cells
                break
            if self.refuse_foreign_currency(line, cells):
                return
            titles.extend(cell for cell in cells if cell)
        if not header:
            self.refuse(
                _(
                    "No header row found: a wide sheet starts with “HS chapter”, “Description”, "
                    "then one column per year."
                )
            )
            return
        if self.refuse_foreign_currency(header_line, header):
            return
        if not self.profile:
            self.refuse(_("Choose the profile: a wide sheet does not say which profile it is for."))
        flow = self.flow or flow_in(titles)
        if not flow:
            self.refuse(
                _("Choose the flow: the sheet does not say whether it holds exports or imports.")
            )
        years: dict[int, int] = {}
        for position, cell in enumerate(header[1:], start=1):
            if match := YEAR_HEADER.match(cell):
                year = self.years(match.group(1))
                if isinstance(year, str):
                    self.refuse(year, header_line, short(cell))
                else:
                    years[position] = year
            elif position == 1 or re.search(r"descri|name|libell|commodity", cell, re.IGNORECASE):
                continue
            elif cell:
                self.refuse(
                    _(
                        "Unknown column “%(column)s”; a wide sheet has the HS chapter, its "
                        "description, then one column per year."
                    )
                    % {"column": short(cell)},
                    header_line,
                    short(cell),
                )
        if self.result.problems:
            return
        found = multiplier_in(titles + header)
        multiplier = found[0] if found else 1
        if found:
            self.result.notes.append(
                _("Values were multiplied by %(multiplier)s, as the sheet says “%(text)s”.")
                % {"multiplier": f"{multiplier:,}", "text": short(found[1], 200)}
            )
        suppressed = footnotes = 0
        for line, row in rows:
            first = row[0] if row else ""
            values = {position: row[position] if position < len(row) else "" for position in years}
            code = hs_code(first)
            if first.lower().startswith(("total", "all ")):
                chapter = ""
            elif code is not None and len(code) <= 2:
                chapter = code.zfill(2)
            elif code is not None:
                self.refuse(
                    _(
                        "“%(code)s” is not a chapter: a wide sheet has one row per two-digit HS "
                        "chapter. Use the CIMT layout for finer codes."
                    )
                    % {"code": short(first)},
                    line,
                    header[0],
                )
                continue
            else:
                if all(v in SUPPRESSED or not v for v in values.values()):
                    footnotes += 1  # a note or source line under the table
                    continue
                self.refuse(
                    _("“%(text)s” is not an HS chapter code (two digits, e.g. 84).")
                    % {"text": short(first)},
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
                    self.refuse(value, line, header[position])
                    continue
                slug, year = self.profile.slug, years[position]
                yield (line, slug, year, flow, self.kind, chapter, value, None, None)
        if suppressed:
            self.result.notes.append(
                _("%(count)s suppressed or unavailable cells (x, .., F) were skipped.")
                % {"count": suppressed}
            )
        if footnotes:
            self.result.notes.append(
                _("%(count)s footnote rows were skipped.") % {"count": footnotes}
            )

    def parse_cimt(self, rows: Iterator) -> Iterator[FigureRow]:
        titles: list[str] = []
        header_line, header = 0, []
        for line, cells in rows:
            names = {normalised(cell) for cell in cells}
            if {"period", "commodity"} <= names:
                header_line, header = line, cells
                break
            titles.extend(cell for cell in cells if cell)
        if not header:
            self.refuse(
                _("No header row found; a CIMT export starts with “%(header)s”.")
                % {"header": CIMT_HEADER}
            )
            return
        if self.refuse_foreign_currency(header_line, header):
            return
        index: dict[str, int] = {}
        for position, cell in enumerate(header):
            name = normalised(cell)
            if name.startswith("value"):
                name = "value"
            if name in CIMT_COLUMNS:
                index[name] = position
            elif cell:
                self.refuse(
                    _("Unknown column “%(column)s”; a CIMT export has the columns %(header)s.")
                    % {"column": short(cell), "header": CIMT_HEADER},
                    header_line,
                    short(cell),
                )
        for name, label in (
            ("period", "Period"),
            ("commodity", "Commodity"),
            ("value", "Value ($)"),
        ):
            if name not in index:
                self.refuse(
                    _("The column “%(column)s” is missing.") % {"column": label}, header_line, label
                )
        if not self.profile:
            self.refuse(
                _("Choose the profile: a CIMT export does not say which profile it is for.")
            )
        flow = self.flow or flow_in(titles)
        if not flow:
            self.refuse(
                _(
                    "Choose the flow: the CIMT export does not say whether it holds exports or "
                    "imports."
                )
            )
        if self.result.problems:
            return
        value_label = header[index["value"]]
        partner = self.profile.partner
        names = (partner.name_en, partner.name_fr, partner.formal_name_en, partner.code)
        partners = {name.lower() for name in names}
        # (year, chapter) -> [first line, total, HS codes]: a few thousand entries at most.
        sums: dict[tuple, list] = {}
        skipped = 0
        for line, row in rows:
            row = row + [""] * (len(header) - len(row))
            period, commodity, amount = (
                row[index["period"]],
                row[index["commodity"]],
                row[index["value"]],
            )
            year = self.years(period) if period else None
            if (year is None or isinstance(year, str)) and not commodity and not amount:
                skipped += 1  # "How to cite", the URL, "Accessed date", comma-only rows
                continue
            ok = True
            if year is None or isinstance(year, str):
                self.refuse(year or _("The period is empty."), line, "Period")
                ok = False
            digits = hs_code(commodity) or ""
            if commodity.lower().startswith("total"):
                chapter, code = "", ""
            elif 2 <= len(digits) <= 10 and len(digits) % 2 == 0:
                chapter, code = digits[:2], digits
                if chapter not in self.chapters:
                    self.refuse(unknown_chapter(chapter), line, "Commodity")
                    ok = False
            else:
                self.refuse(
                    _("“%(text)s” does not start with an HS code of 2 to 10 digits (e.g. 1001.99).")
                    % {"text": short(commodity)},
                    line,
                    "Commodity",
                )
                ok = False
            if "country" in index and partners:
                country = row[index["country"]]
                if country and country.lower() not in partners:
                    self.refuse(
                        _("“%(country)s” is not this profile's partner country (%(partner)s).")
                        % {"country": short(country), "partner": names[0]},
                        line,
                        "Country",
                    )
                    ok = False
            value = parse_amount(amount) if amount else None
            if value is None:
                self.refuse(_("The value is empty."), line, value_label)
                ok = False
            elif isinstance(value, str):
                self.refuse(value, line, value_label)
                ok = False
            if not ok:
                continue
            entry = sums.setdefault((year, chapter), [line, Decimal(0), set()])
            entry[1] += value
            entry[2].add(code)
        if skipped:
            self.result.notes.append(
                _("%(count)s rows without figures (citation, blank or note rows) were skipped.")
                % {"count": skipped}
            )
        if sums:
            self.result.notes.append(
                _("Rows were summed into %(count)s figures, one per year and HS chapter.")
                % {"count": len(sums)}
            )
        for (year, chapter), (line, total, codes) in sums.items():
            nested = sorted(
                code
                for code in codes
                if any(code[:length] in codes for length in range(2, len(code), 2))
            )
            if nested:
                self.refuse(
                    _(
                        "HS code %(code)s is in the file together with a code that contains it, "
                        "so summing would count it twice; export one level of detail only."
                    )
                    % {"code": nested[0]},
                    line,
                    "Commodity",
                )
                continue
            if total >= MAX_AMOUNT:
                self.refuse(
                    _(
                        "The rows of %(chapter)s in %(year)s add up to %(total)s, too large for a "
                        "yearly value; check the values of that year."
                    )
                    % {
                        "chapter": _("chapter %(code)s") % {"code": chapter}
                        if chapter
                        else _("total"),
                        "year": year,
                        "total": total,
                    },
                    line,
                    value_label,
                )
                continue
            merchandise = TradeKind.MERCHANDISE.value
            yield (line, self.profile.slug, year, flow, merchandise, chapter, total, None, None)


def unknown_chapter(code: str) -> str:
    return _(
        "“%(code)s” is not a known HS chapter (01 to 99 except 77, as listed in the admin)."
    ) % {"code": short(code)}


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
