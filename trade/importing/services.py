"""Import and export trade figures: one upsert on natural keys, one transaction, one batch.

`trade_figures_import` reads a file, checks every row, and writes all rows or none with
bulk operations against a key map loaded in one query (never a query per row). A dry run
does the same writes and rolls them back, so the preview sees exactly what confirm will do,
including how the page's sentences would change. A confirmed import is recorded as a
`TradeImportBatch`, which `trade_import_batch_undo` can reverse while nobody has changed
the same rows since.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.importing import ImportResult, page_texts, sentence_changes, undo_conflict_text
from relations.models import Profile
from relations.spreadsheets import (
    SpreadsheetError,
    escape_formula,
    file_sha256,
    read_sheet,
    sheet_bytes,
)
from trade.importing.layouts import (
    LONG_COLUMNS,
    FigureRow,
    ParsedSheet,
    Problem,
    parse_sheet,
)
from trade.models import HSChapter, TradeFigure, TradeImportBatch, TradeKind

DEFAULT_SOURCE_EN = "Statistics Canada"
DEFAULT_SOURCE_FR = "Statistique Canada"
WRITE_BATCH = 2000
# Old → new pairs kept for the preview; the counts cover every row.
CHANGES_KEPT = 1000
SQL_CHUNK = 5000  # ids per IN (...) query, well under SQLite's variable limit


@dataclass(frozen=True)
class FigureChange:
    """An existing figure the import would overwrite: old → new."""

    line: int
    figure: str
    old_value: Decimal
    new_value: Decimal
    old_source: str
    new_source: str

    # The shared preview template shows every change as line, label, column, old → new.
    column = "value_cad"

    @property
    def label(self) -> str:
        return self.figure

    @property
    def old(self) -> Decimal:
        return self.old_value

    @property
    def new(self) -> Decimal:
        return self.new_value


@dataclass
class TradeImportResult(ImportResult):
    """An import's result (counts, problems, changes, sentences) with the sheet's layout."""

    layout: str = ""


def trade_figures_import(
    *,
    data: bytes,
    file_name: str,
    dry_run: bool,
    profile: Profile | None = None,
    layout: str | None = None,
    flow: str | None = None,
    kind: str = TradeKind.MERCHANDISE,
    source_en: str = DEFAULT_SOURCE_EN,
    source_fr: str = DEFAULT_SOURCE_FR,
    by=None,
    page_changes: bool = False,
    progress: Callable[[str], None] | None = None,
) -> TradeImportResult:
    """Import a CSV or XLSX file of trade figures; all rows or none.

    `profile` is required for wide and CIMT sheets and, for long sheets, stands in for a
    missing profile column. With `dry_run` nothing stays written; otherwise the import is
    recorded as a batch (by the user `by`).
    """
    progress = progress or (lambda message: None)
    try:
        sheet = read_sheet(data, file_name=file_name)
        parsed = parse_sheet(
            sheet,
            layout=layout,
            profile=profile.slug if profile else None,
            partner_names=partner_names(profile) if profile else (),
            flow=flow,
            kind=kind,
        )
    except SpreadsheetError as error:
        return TradeImportResult(
            layout=layout or "", dry_run=dry_run, problems=[Problem(0, "", str(error))]
        )
    progress(_("Read %(count)s figures.") % {"count": len(parsed.figures)})
    return trade_figures_upsert(
        parsed=parsed,
        dry_run=dry_run,
        source_en=source_en,
        source_fr=source_fr,
        by=by,
        file_name=file_name,
        sha256=file_sha256(data),
        page_changes=page_changes,
        progress=progress,
    )


def partner_names(profile: Profile) -> tuple[str, ...]:
    partner = profile.partner
    return (partner.name_en, partner.name_fr, partner.formal_name_en, partner.code)


def trade_figures_upsert(
    *,
    parsed: ParsedSheet,
    dry_run: bool,
    source_en: str,
    source_fr: str,
    by=None,
    file_name: str = "",
    sha256: str = "",
    page_changes: bool = False,
    progress: Callable[[str], None] | None = None,
) -> TradeImportResult:
    """Write parsed figures as one upsert on (profile, year, flow, kind, chapter)."""
    progress = progress or (lambda message: None)
    result = TradeImportResult(
        layout=parsed.layout, dry_run=dry_run, problems=list(parsed.problems), notes=parsed.notes
    )
    figures = parsed.figures
    profiles = dict(
        Profile.objects.filter(slug__in={f.profile for f in figures}).values_list("slug", "id")
    )
    chapters = dict(HSChapter.objects.values_list("code", "id"))
    existing = existing_figures(set(profiles.values()))
    labels = {"chapter": _("chapter"), "total": _("total")}
    new: list[tuple] = []  # (profile, year, flow, kind, chapter, value, source en, source fr)
    updates: list[tuple] = []  # (id, old value, old en, old fr, new value, new en, new fr)
    touched: set[int] = set()
    for figure in figures:
        profile_id = profiles.get(figure.profile)
        chapter_id = chapters.get(figure.chapter) if figure.chapter else None
        if profile_id is None:
            result.problems.append(
                Problem(
                    figure.line,
                    "profile",
                    _("There is no profile “%(slug)s”; use the slug of an existing profile.")
                    % {"slug": figure.profile},
                )
            )
        if figure.chapter and chapter_id is None:
            result.problems.append(
                Problem(
                    figure.line,
                    "hs_chapter",
                    _("“%(code)s” is not a known HS chapter (01 to 99, as listed in the admin).")
                    % {"code": figure.chapter},
                )
            )
        if profile_id is None or (figure.chapter and chapter_id is None):
            continue
        touched.add(profile_id)
        key = (profile_id, figure.year, figure.flow, figure.kind, chapter_id)
        old = existing.get(key)
        if old is None:
            new.append(
                (
                    *key,
                    figure.value,
                    figure.source_en or source_en,
                    figure.source_fr or source_fr,
                )
            )
            continue
        pk, old_value, old_en, old_fr = old
        en, fr = figure.source_en or old_en, figure.source_fr or old_fr
        if old_value == figure.value and en == old_en and fr == old_fr:
            result.unchanged += 1
            continue
        updates.append((pk, old_value, old_en, old_fr, figure.value, en, fr))
        if len(result.changes) < CHANGES_KEPT:
            result.changes.append(
                FigureChange(
                    figure.line, figure_label(figure, labels), old_value, figure.value, old_en, en
                )
            )
    del existing
    figures.clear()  # the rows to write hold all that is still needed (memory at 100,000 rows)
    result.created, result.updated = len(new), len(updates)
    if new and not (source_en and source_fr):
        result.problems.append(
            Problem(0, "source_en", _("Give the source (English and French) of new figures."))
        )
    if not result.ok:
        result.problems.sort(key=lambda problem: (problem.line, problem.column))
        return result

    touched = sorted(touched)
    before = page_texts(touched) if page_changes else {}
    try:
        with transaction.atomic():
            created = create_figures(new)
            progress(_("Created %(count)s figures.") % {"count": len(created)})
            update_figures([(pk, value, en, fr) for pk, _v, _e, _f, value, en, fr in updates])
            progress(_("Updated %(count)s figures.") % {"count": len(updates)})
            if page_changes:
                result.sentences = sentence_changes(before, page_texts(touched))
            if dry_run:
                transaction.set_rollback(True)
            else:
                result.batch = TradeImportBatch.objects.create(
                    created_by=by,
                    file_name=file_name[:255],
                    sha256=sha256,
                    layout=parsed.layout,
                    created_count=result.created,
                    updated_count=result.updated,
                    unchanged_count=result.unchanged,
                    changes={
                        "created": [
                            [pk, str(row[5]), row[6], row[7]]
                            for pk, row in zip(created, new, strict=True)
                        ],
                        "updated": [
                            [pk, str(ov), oe, of, str(nv), ne, nf]
                            for pk, ov, oe, of, nv, ne, nf in updates
                        ],
                    },
                )
    except IntegrityError:
        result.problems.append(
            Problem(
                0,
                "",
                _(
                    "Someone saved trade figures for the same years while this file was being "
                    "imported, so nothing was imported. Upload the file again to see the "
                    "current differences."
                ),
            )
        )
    return result


FIGURE_COLUMNS = (
    "profile_id",
    "year",
    "flow",
    "kind",
    "chapter_id",
    "value",
    "source_en",
    "source_fr",
)


def create_figures(rows: list[tuple]) -> list[int]:
    """Insert (profile, year, flow, kind, chapter, value, en, fr) rows; their new ids in order.

    PostgreSQL gets the rows by COPY; SQLite by one multi-row INSERT per 2,000 rows. Then one
    query reads the new ids by natural key. `bulk_create` compiled every value through the
    ORM and took 12 s for 50,000 rows here; these take well under one.
    """
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_decimalfield_value
    table = quote(TradeFigure._meta.db_table)
    columns = ", ".join(quote(column) for column in FIGURE_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            one_row = "(" + ", ".join(["%s"] * len(FIGURE_COLUMNS)) + ")"
            for chunk in _chunks(rows, WRITE_BATCH):
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(chunk))}",
                    [value for row in chunk for value in (*row[:5], adapt(row[5]), *row[6:])],
                )
    if not rows:
        return []
    ids = {
        key[:5]: key[5]
        for key in TradeFigure.objects.filter(profile_id__in={row[0] for row in rows})
        .order_by()
        .values_list(*FIGURE_COLUMNS[:5], "id")
        .iterator(chunk_size=WRITE_BATCH)
    }
    return [ids[row[:5]] for row in rows]


def update_figures(rows: list[tuple]) -> None:
    """Set (id, value, source_en, source_fr) of many figures with few statements.

    Not `bulk_update`: its CASE WHEN per row made 50,000 updates take about a minute here
    (each row scans the whole CASE list). PostgreSQL gets the new values by COPY into a
    temporary table and one UPDATE ... FROM it; SQLite runs one prepared UPDATE over all rows
    (`executemany`: in-process, no round trips).
    """
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_decimalfield_value
    table = quote(TradeFigure._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE trade_import_updates (id bigint PRIMARY KEY, "
                "value numeric(18, 2), source_en varchar(250), source_fr varchar(250)) "
                "ON COMMIT DROP"
            )
            with cursor.cursor.copy("COPY trade_import_updates FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} AS f SET value = u.value, source_en = u.source_en, "
                "source_fr = u.source_fr FROM trade_import_updates AS u WHERE f.id = u.id"
            )
            cursor.execute("DROP TABLE trade_import_updates")
            return
        sql = (
            f"UPDATE {table} SET {quote('value')} = %s, {quote('source_en')} = %s, "
            f"{quote('source_fr')} = %s WHERE {quote('id')} = %s"
        )
        for chunk in _chunks(rows, WRITE_BATCH):
            cursor.executemany(sql, [(adapt(value), en, fr, pk) for pk, value, en, fr in chunk])


def existing_figures(profile_ids: set[int]) -> dict[tuple, tuple]:
    """{(profile, year, flow, kind, chapter): (id, value, source_en, source_fr)}, one query."""
    rows = TradeFigure.objects.filter(profile_id__in=profile_ids).values_list(
        "profile_id", "year", "flow", "kind", "chapter_id", "id", "value", "source_en", "source_fr"
    )
    return {row[:5]: row[5:] for row in rows.order_by().iterator(chunk_size=WRITE_BATCH)}


def figure_label(figure: FigureRow, labels: dict[str, str]) -> str:
    chapter = f"{labels['chapter']} {figure.chapter}" if figure.chapter else labels["total"]
    return f"{figure.profile} {figure.year} {figure.flow} {figure.kind} {chapter}"


# Undo


class UndoRefused(Exception):
    """The batch cannot be undone; the message says why, for the editor."""


def _chunks(items: Sequence, size: int = SQL_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def trade_import_batch_undo(*, batch: TradeImportBatch, by) -> None:
    """Restore the values the batch replaced and delete the rows it created.

    Refused, with nothing changed, when the batch was undone already or when any of its rows
    was changed or deleted after it (by hand or by a later import).
    """
    with transaction.atomic():
        batch = TradeImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at:
            raise UndoRefused(
                _("This import was already undone on %(when)s.")
                % {"when": timezone.localtime(batch.undone_at).strftime("%Y-%m-%d %H:%M")}
            )
        created, updated = batch.changes.get("created", []), batch.changes.get("updated", [])
        written = {row[0]: tuple(row[1:4]) for row in created}
        written.update({row[0]: tuple(row[4:7]) for row in updated})
        current = {}
        for ids in _chunks(list(written)):
            for pk, value, en, fr in TradeFigure.objects.filter(pk__in=ids).values_list(
                "pk", "value", "source_en", "source_fr"
            ):
                current[pk] = (value, en, fr)
        touched = [
            pk
            for pk, (value, en, fr) in written.items()
            if pk not in current or current[pk] != (Decimal(value), en, fr)
        ]
        if touched:
            raise UndoRefused(undo_conflict_message(touched, current))
        for ids in _chunks([row[0] for row in created]):
            TradeFigure.objects.filter(pk__in=ids).delete()
        update_figures([(row[0], Decimal(row[1]), row[2], row[3]) for row in updated])
        batch.undone_at, batch.undone_by = timezone.now(), by
        batch.save(update_fields=["undone_at", "undone_by"])


def undo_conflict_message(touched: list[int], current: dict) -> str:
    shown = TradeFigure.objects.filter(pk__in=touched[:5]).select_related("profile", "chapter")
    labels = [
        f"{f.profile.slug} {f.year} {f.flow} {f.kind} "
        + (_("chapter %(code)s") % {"code": f.chapter.code} if f.chapter_id else _("total"))
        for f in shown
    ]
    return undo_conflict_text(
        records=str(_("figures")), labels=labels, touched=touched, current=current
    )


# Export


def export_rows(queryset) -> list[list]:
    rows = queryset.select_related("profile", "chapter").order_by(
        "profile__slug", "year", "flow", "kind", "chapter__code"
    )
    return [
        [
            figure.profile.slug,
            figure.year,
            figure.flow,
            figure.kind,
            figure.chapter.code if figure.chapter_id else "",
            figure.value,
            escape_formula(figure.source_en),
            escape_formula(figure.source_fr),
        ]
        for figure in rows
    ]


def trade_figures_export(*, queryset, file_format: str) -> bytes:
    """The figures as a long-layout CSV (UTF-8 with BOM, for Excel) or XLSX file.

    The file re-imports with no changes; text a spreadsheet would run as a formula is
    neutralised with a leading apostrophe, which the importer removes again.
    """
    rows = export_rows(queryset)
    if file_format == "xlsx":
        for row in rows:
            value = row[5]
            # Excel keeps 15 significant digits; larger values go as text to stay exact.
            row[5] = value if len(value.as_tuple().digits) <= 15 else str(value)
    return sheet_bytes(
        header=list(LONG_COLUMNS), rows=rows, file_format=file_format, title=_("Trade figures")
    )
