"""Import and export profile records by spreadsheet: meetings and diplomatic missions here,
and the same machinery for any app's records addressed by a natural key (culture's highlights).

A `RecordSheet` says how one model looks in a file: the `profile` column (its slug), then
model fields by name, with an `_en` and an `_fr` column for every text. `records_import`
reads the file, checks every row with the model's own rules (`full_clean()`: choices,
lengths, year validators, `clean()` with `translation_gaps`), and writes all rows or none in
one transaction: rows address existing records by the model's NATURAL_KEY through a key map
loaded in one query, so re-importing a file reports "0 new, 0 updated, N unchanged". A dry run
writes and rolls back, so the preview sees exactly what confirm will do, including the page
sentences that would read differently. A confirmed import is recorded as an `ImportBatch`
with every value it wrote, so `import_batch_undo` can reverse it while nobody changed its rows.

Trade figures use the same readers and results (`trade.importing`), with their own layouts.
"""

import datetime
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from relations.compare import section_texts, word_diff
from relations.models import DiplomaticMission, ImportBatch, Meeting, Profile
from relations.snapshot import profile_snapshot
from relations.spreadsheets import (
    Problem,
    SpreadsheetError,
    escape_formula,
    file_sha256,
    read_sheet,
    sheet_bytes,
    unescape_text,
)

# Sentences of at most this many profiles are compared in a preview (each costs a snapshot).
PAGE_CHANGE_PROFILES = 3
# Old → new pairs kept for the preview; the counts cover every row.
CHANGES_KEPT = 1000
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WHOLE_NUMBER = re.compile(r"\d+")
# Ids per query when an undo reads or deletes records (below SQLite's parameter limit).
SQL_CHUNK = 500


@dataclass(frozen=True)
class SentenceChange:
    """A sentence of a profile page that would read differently after the import."""

    profile: str
    language: str
    heading: str
    before: str
    after: str
    segments: list[tuple[str, str]]


@dataclass(frozen=True)
class RecordChange:
    """One cell of an existing record the import would overwrite: old → new."""

    line: int
    label: str
    column: str
    old: object
    new: object


@dataclass
class ImportResult:
    """What an import did or, in a dry run, would do; `problems` empty means all rows went in."""

    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list = field(default_factory=list)
    sentences: list[SentenceChange] = field(default_factory=list)
    batch: object = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invalid(self) -> int:
        """Rows with at least one problem (file-level problems count as none)."""
        return len({problem.line for problem in self.problems if problem.line})

    @property
    def summary(self) -> str:
        return _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        } + (_(", %(invalid)s invalid") % {"invalid": self.invalid} if self.problems else "")


@dataclass(frozen=True)
class RecordSheet:
    """How the records of one model look in a spreadsheet.

    `columns` are model field names in the order files show them, after the `profile`
    column; fields left out (such as a highlight's image file) are never imported.
    `refused` names columns editors may expect, with the reason they are not read.
    """

    model: type[models.Model]
    columns: tuple[str, ...]
    title: str | Promise
    noun: str | Promise
    ordering: tuple[str, ...]
    refused: dict = field(default_factory=dict)

    @property
    def header(self) -> tuple[str, ...]:
        return ("profile", *self.columns)

    @property
    def key(self) -> tuple[str, ...]:
        """The file columns of the model's NATURAL_KEY ("profile__slug" is the profile column)."""
        paths = self.model.NATURAL_KEY
        return tuple("profile" if path == "profile__slug" else path for path in paths)

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    @property
    def required(self) -> tuple[str, ...]:
        """Columns a file must have: the key, and fields with neither a blank nor a default."""
        needed = [
            name
            for name in self.columns
            if not (self.field(name).blank or self.field(name).has_default())
        ]
        return tuple(dict.fromkeys([*self.key, *needed]))

    def twin(self, name: str) -> str | None:
        """The other language's column of a text column, e.g. city_fr for city_en."""
        for mine, other in (("_en", "_fr"), ("_fr", "_en")):
            if name.endswith(mine) and (twin := name[: -len(mine)] + other) in self.columns:
                return twin
        return None


class CellError(ValueError):
    """A cell that cannot be read as its field's type; the message is for the editor."""


def cell_value(model_field: models.Field, text: str):
    """The Python value of a cell for a model field, or CellError with a plain reason."""
    if text == "":
        if model_field.null:
            return None
        if model_field.has_default():
            return model_field.get_default()
        return ""  # full_clean() then says the cell must be filled in
    if model_field.choices:
        values = {str(value).lower(): value for value, _label in model_field.flatchoices}
        if (value := values.get(text.lower())) is not None:
            return value
        raise CellError(
            _("“%(text)s” is not a %(name)s; write one of %(choices)s.")
            % {"text": text, "name": model_field.verbose_name, "choices": ", ".join(values)}
        )
    if isinstance(model_field, models.DateField):
        try:
            if DATE.fullmatch(text):
                return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        raise CellError(
            _("“%(text)s” is not a date; write it as YYYY-MM-DD, e.g. 2012-05-07.") % {"text": text}
        )
    if isinstance(model_field, models.IntegerField):
        if WHOLE_NUMBER.fullmatch(text):
            return int(text)
        if model_field.name == "year":
            raise CellError(
                _("“%(text)s” is not a year; write four digits, e.g. 2011.") % {"text": text}
            )
        raise CellError(_("“%(text)s” is not a whole number.") % {"text": text})
    return unescape_text(text)


def validation_problems(error: ValidationError, line: int, key_columns: str) -> list[Problem]:
    problems = []
    for name, errors in error.error_dict.items():
        column = key_columns if name == NON_FIELD_ERRORS else name
        for item in errors:
            if item.code in ("blank", "null"):
                message = _("Fill in this cell; it cannot be empty.")
            else:
                message = " ".join(item.messages)
            problems.append(Problem(line, column, message))
    return problems


def record_label(key: tuple) -> str:
    return " · ".join(str(part) for part in key if part not in ("", None))


def records_import(
    *,
    spec: RecordSheet,
    data: bytes,
    file_name: str,
    dry_run: bool,
    by=None,
    page_changes: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file of `spec.model` records; all rows or none.

    With `dry_run` nothing stays written; otherwise the import is recorded as an
    `ImportBatch` (by the user `by`). Records the file does not mention are left alone.
    `progress` is told each phase in a line (the command prints them).
    """
    progress = progress or (lambda message: None)
    result = ImportResult(dry_run=dry_run)
    try:
        sheet = read_sheet(data, file_name=file_name)
        rows = list(sheet.rows)
    except SpreadsheetError as error:
        result.problems.append(Problem(0, "", str(error)))
        return result
    result.notes.extend(sheet.notes)
    if sheet.encoding:
        result.notes.append(
            _("The file was read as %(encoding)s text.") % {"encoding": sheet.encoding}
        )
    if not rows:
        result.problems.append(Problem(0, "", _("The file has no rows.")))
        return result
    (header_line, header), rows = rows[0], rows[1:]
    progress(
        ngettext("Read %(count)s row.", "Read %(count)s rows.", len(rows)) % {"count": len(rows)}
    )
    index = read_header(spec, header_line, header, result)
    if not result.ok:
        return result

    slugs = {row[index["profile"]] for _line, row in rows if len(row) > index["profile"]}
    profiles = {profile.slug: profile for profile in Profile.objects.filter(slug__in=slugs)}
    existing = {
        record.natural_key(): record
        for record in spec.model.objects.filter(profile__in=profiles.values()).select_related(
            "profile"
        )
    }
    present = [name for name in spec.columns if name in index]
    new, updated, changes = [], [], []
    seen: dict[tuple, int] = {}
    for line, row in rows:
        record, old = read_record(spec, line, row, index, profiles, existing, seen, result)
        if record is None:
            continue
        if old is None:
            new.append(record)
            continue
        changed = [name for name in present if old[name] != getattr(record, name)]
        if not changed:
            result.unchanged += 1
            continue
        updated.append((record, old))
        label = record_label(record.natural_key())
        changes.extend(
            RecordChange(line, label, name, old[name], getattr(record, name)) for name in changed
        )
    result.created, result.updated = len(new), len(updated)
    result.changes = changes[:CHANGES_KEPT]
    progress(_("Checked the rows: %(summary)s.") % {"summary": result.summary})
    if not result.ok:
        result.problems.sort(key=lambda problem: (problem.line, problem.column))
        return result

    touched = sorted({record.profile_id for record in new} | {r.profile_id for r, _o in updated})
    before = page_texts(touched) if page_changes else {}
    try:
        with transaction.atomic():
            spec.model.objects.bulk_create(new)
            if updated and present:
                spec.model.objects.bulk_update([record for record, _old in updated], present)
            progress(
                _("Wrote %(created)s new and %(updated)s updated records.")
                % {"created": result.created, "updated": result.updated}
            )
            if page_changes:
                result.sentences = sentence_changes(before, page_texts(touched))
            if dry_run:
                transaction.set_rollback(True)
            else:
                result.batch = ImportBatch.objects.create(
                    model=spec.model._meta.label_lower,
                    created_by=by,
                    file_name=file_name[:255],
                    sha256=file_sha256(data),
                    created_count=result.created,
                    updated_count=result.updated,
                    unchanged_count=result.unchanged,
                    changes={
                        # Every stored value of a new record, so undo can tell whether anyone
                        # changed it since (an image uploaded later counts).
                        "created": [
                            {"id": record.pk, "new": stored_values(record)} for record in new
                        ],
                        "updated": [
                            {
                                "id": record.pk,
                                "old": {name: old[name] for name in present},
                                "new": {name: getattr(record, name) for name in present},
                            }
                            for record, old in updated
                        ],
                    },
                )
    except IntegrityError:
        result.problems.append(
            Problem(
                0,
                "",
                _(
                    "Someone saved the same records while this file was being imported, so "
                    "nothing was imported. Upload the file again to see the current differences."
                ),
            )
        )
    return result


def read_header(spec: RecordSheet, line: int, header: list[str], result: ImportResult) -> dict:
    """{column: position} of the header row; unknown, repeated and missing columns refused."""
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = re.sub(r"[^a-z0-9]+", "_", cell.lower()).strip("_")
        if name in spec.refused:
            result.problems.append(Problem(line, cell, str(spec.refused[name])))
        elif name in spec.header and name in index:
            result.problems.append(
                Problem(line, cell, _("The column “%(column)s” appears twice.") % {"column": cell})
            )
        elif name in spec.header:
            index[name] = position
        elif cell:
            result.problems.append(
                Problem(
                    line,
                    cell,
                    _("Unknown column “%(column)s”; the columns are %(columns)s.")
                    % {"column": cell, "columns": ", ".join(spec.header)},
                )
            )
    missing = [name for name in spec.required if name not in index]
    # A text in one language only would leave the other page's text stale or blank.
    missing += [
        twin
        for name in index
        if (twin := spec.twin(name)) and twin not in index and twin not in missing
    ]
    for name in missing:
        result.problems.append(
            Problem(line, name, _("The column “%(column)s” is missing.") % {"column": name})
        )
    return index


def read_record(spec, line, row, index, profiles, existing, seen, result):
    """(record with the row's values, old values or None if new), or (None, None) if refused."""
    problems = result.problems
    if any(cell for position, cell in enumerate(row) if position not in index.values()):
        problems.append(
            Problem(line, "", _("This row has cells outside the columns of the header."))
        )
        return None, None
    cells = {name: row[position] if position < len(row) else "" for name, position in index.items()}
    slug = cells["profile"]
    profile = profiles.get(slug)
    failed = len(problems)
    if profile is None:
        problems.append(
            Problem(
                line,
                "profile",
                _("Give the profile (its slug, e.g. russia).")
                if not slug
                else _("There is no profile “%(slug)s”; use the slug of an existing profile.")
                % {"slug": slug},
            )
        )
    values, unreadable = {}, []
    for name in spec.columns:
        if name not in cells:
            continue
        try:
            values[name] = cell_value(spec.field(name), cells[name])
        except CellError as error:
            problems.append(Problem(line, name, str(error)))
            unreadable.append(name)
    if len(problems) > failed and (profile is None or set(unreadable) & set(spec.key)):
        return None, None  # without its key the row cannot be checked any further
    key = tuple(slug if name == "profile" else values[name] for name in spec.key)
    if (first := seen.get(key)) is not None:
        problems.append(
            Problem(
                line,
                ", ".join(spec.key),
                _("This %(noun)s is already on line %(first)s; keep one of the two.")
                % {"noun": spec.noun, "first": first},
            )
        )
        return None, None
    seen[key] = line
    record = existing.get(key)
    old = None
    if record is None:
        record = spec.model(profile=profile)
    else:
        old = {name: getattr(record, name) for name in spec.columns}
    for name, value in values.items():
        if name not in unreadable:
            setattr(record, name, value)
    exclude = ["id", "profile", *unreadable]
    exclude += [f.name for f in spec.model._meta.concrete_fields if f.name not in spec.header]
    try:
        # Uniqueness is the key map's and the file's business: no query per row.
        record.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        # A cell already refused as unreadable is not reported a second time by clean().
        reported = validation_problems(error, line, ", ".join(spec.key))
        problems.extend(problem for problem in reported if problem.column not in unreadable)
    if len(problems) > failed:
        return None, None
    return record, old


def records_export(*, spec: RecordSheet, queryset, file_format: str) -> bytes:
    """The records as a CSV (UTF-8 with BOM) or XLSX file that re-imports with no changes.

    Text a spreadsheet would run as a formula gets a leading apostrophe, which the importer
    removes again.
    """
    records = queryset.select_related("profile").order_by(*spec.ordering)
    rows = [
        [
            escape_formula(record.profile.slug),
            *(export_cell(getattr(record, name)) for name in spec.columns),
        ]
        for record in records
    ]
    return sheet_bytes(
        header=list(spec.header), rows=rows, file_format=file_format, title=str(spec.title)
    )


def export_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_formula(value)
    return value


# Undo


class UndoRefused(Exception):
    """The batch cannot be undone; the message says why, for the editor."""


def stored_value(model_field: models.Field, record: models.Model):
    value = model_field.value_from_object(record)
    if isinstance(model_field, models.FileField):
        return value.name or ""  # the stored name of the file
    return value


def stored_values(record: models.Model) -> dict:
    """{attname: value} of every stored field of a record but its id, as a batch keeps them."""
    return {
        model_field.attname: stored_value(model_field, record)
        for model_field in record._meta.concrete_fields
        if not model_field.primary_key
    }


def changed_since(record: models.Model, written: dict) -> bool:
    """Whether the record no longer holds the values a batch wrote (kept as JSON)."""
    for name, value in written.items():
        model_field = record._meta.get_field(name)
        if model_field.to_python(value) != stored_value(model_field, record):
            return True
    return False


def import_permission(model_label: str) -> str:
    """The permission that imports a model's records ("relations.meeting" gives
    "relations.import_meeting"); undoing an import of them needs it too."""
    app_label, model_name = model_label.split(".")
    return f"{app_label}.import_{model_name}"


def _chunks(items: Sequence, size: int = SQL_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_batch_undo(*, batch: ImportBatch, by) -> None:
    """Restore the values the batch replaced and delete the records it created, all or nothing.

    Refused with `UndoRefused`, nothing changed, when the batch was undone already or when any
    of its records was changed or deleted after it (by hand or by a later import): the current
    values are compared with those the batch wrote. The records are found through the model
    label the batch names, so this works for any app's records without importing the app.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at:
            raise UndoRefused(
                _("This import was already undone on %(when)s.")
                % {"when": timezone.localtime(batch.undone_at).strftime("%Y-%m-%d %H:%M")}
            )
        created = batch.changes.get("created", [])
        updated = batch.changes.get("updated", [])
        if any(not isinstance(entry, dict) for entry in created):
            # Batches recorded before undo existed kept only the ids of their new records.
            raise UndoRefused(
                _(
                    "This import was recorded before imports could be undone and did not keep "
                    "the values of the records it created, so it cannot be undone; nothing was "
                    "changed."
                )
            )
        model = apps.get_model(batch.model)
        written = {entry["id"]: entry["new"] for entry in [*created, *updated]}
        current = {}
        for ids in _chunks(list(written)):
            # Locked until the end, so nobody changes them between the check and the undo.
            current.update(model.objects.select_for_update().in_bulk(ids))
        touched = [
            pk
            for pk, values in written.items()
            if pk not in current or changed_since(current[pk], values)
        ]
        if touched:
            raise UndoRefused(undo_conflict_message(model, touched, current))
        for ids in _chunks([entry["id"] for entry in created]):
            model.objects.filter(pk__in=ids).delete()
        restored = []
        for entry in updated:
            record = current[entry["id"]]
            for name, value in entry["old"].items():
                setattr(record, name, record._meta.get_field(name).to_python(value))
            restored.append(record)
        if restored:
            names = sorted({name for entry in updated for name in entry["old"]})
            model.objects.bulk_update(restored, names, batch_size=SQL_CHUNK)
        batch.undone_at, batch.undone_by = timezone.now(), by
        batch.save(update_fields=["undone_at", "undone_by"])


def undo_conflict_message(model: type[models.Model], touched: list[int], current: dict) -> str:
    shown = model.objects.filter(pk__in=touched[:5]).select_related("profile")
    return undo_conflict_text(
        records=str(model._meta.verbose_name_plural),
        labels=[record_label(record.natural_key()) for record in shown],
        touched=touched,
        current=current,
    )


def undo_conflict_text(*, records: str, labels: list[str], touched: list[int], current: dict):
    """Why an undo is refused: how many rows changed since, a few of them named, how many
    were deleted. Shared by every kind of import batch."""
    deleted = sum(1 for pk in touched if pk not in current)
    message = _(
        "This import cannot be undone: %(count)s of its %(records)s were changed after it "
        "(%(labels)s%(more)s). Undo or correct the later changes first; nothing was changed."
    ) % {
        "count": len(touched),
        "records": records,
        "labels": "; ".join(labels) or _("deleted %(records)s") % {"records": records},
        "more": _(" and %(n)s more") % {"n": len(touched) - len(labels)}
        if len(touched) > len(labels)
        else "",
    }
    if deleted:
        message += " " + _("%(count)s were deleted.") % {"count": deleted}
    return message


# The page sentences an import would change (shared with trade figures)


def page_texts(profile_ids: list[int]) -> dict[str, dict]:
    """{profile slug: {language: {section key: (heading, text)}}} of the first few profiles."""
    texts = {}
    for profile in Profile.objects.filter(pk__in=profile_ids[:PAGE_CHANGE_PROFILES]).with_partner():
        document = profile_snapshot(profile)
        texts[profile.slug] = {lang: section_texts(document, lang) for lang in ("en", "fr")}
    return texts


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if part]


def sentence_changes(before: dict, after: dict) -> list[SentenceChange]:
    """Sentences that read differently, pairing each old sentence with its new version."""
    changes = []
    for slug, languages in after.items():
        for language, sections in languages.items():
            for key, (heading, text) in sections.items():
                old_text = before.get(slug, {}).get(language, {}).get(key, (heading, ""))[1]
                if old_text == text:
                    continue
                old, new = sentences(old_text), sentences(text)
                matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
                for op, i1, i2, j1, j2 in matcher.get_opcodes():
                    if op == "equal":
                        continue
                    was, now = " ".join(old[i1:i2]), " ".join(new[j1:j2])
                    changes.append(
                        SentenceChange(slug, language, heading, was, now, word_diff(was, now))
                    )
    return changes


# Meetings and diplomatic missions

MEETINGS = RecordSheet(
    model=Meeting,
    columns=(
        "date",
        "date_precision",
        "kind",
        "home_participant_en",
        "home_participant_fr",
        "partner_participant_en",
        "partner_participant_fr",
        "occasion_en",
        "occasion_fr",
        "city_en",
        "city_fr",
    ),
    title=gettext_lazy("Meetings"),
    noun=gettext_lazy("meeting"),
    ordering=("profile__slug", "date", "kind", "partner_participant_en", "home_participant_en"),
)

MISSIONS = RecordSheet(
    model=DiplomaticMission,
    columns=("side", "kind", "city_en", "city_fr", "position"),
    title=gettext_lazy("Diplomatic missions"),
    noun=gettext_lazy("mission"),
    ordering=("profile__slug", "position", "side", "kind", "city_en"),
)


def meetings_import(
    *, data: bytes, file_name: str, dry_run: bool, by=None, page_changes=False, progress=None
):
    """Import meetings, addressed by (profile, date, kind, partner and home participants)."""
    return records_import(
        spec=MEETINGS,
        data=data,
        file_name=file_name,
        dry_run=dry_run,
        by=by,
        page_changes=page_changes,
        progress=progress,
    )


def meetings_export(*, queryset, file_format: str) -> bytes:
    return records_export(spec=MEETINGS, queryset=queryset, file_format=file_format)


def missions_import(
    *, data: bytes, file_name: str, dry_run: bool, by=None, page_changes=False, progress=None
):
    """Import diplomatic missions, addressed by (profile, side, kind, English city)."""
    return records_import(
        spec=MISSIONS,
        data=data,
        file_name=file_name,
        dry_run=dry_run,
        by=by,
        page_changes=page_changes,
        progress=progress,
    )


def missions_export(*, queryset, file_format: str) -> bytes:
    return records_export(spec=MISSIONS, queryset=queryset, file_format=file_format)
