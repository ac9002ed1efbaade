"""What an app declares about a kind of spreadsheet: the `Sheet`.

A sheet says which model its rows write, how the file looks (its columns, the choices an
editor makes on upload) and how rows become records (`importer`). The engine does the rest
(reading, the transaction, the batch, undo, the admin screens, the command) for every sheet
alike. Two kinds exist: `records.RecordSheet` (one row, one record, through a
django-import-export `ModelResource`) and a sheet with its own parser that writes through
`staging.StagedUpsert` (trade figures: three layouts, a million rows).

Undo works on stored values: the batch keeps, per record, the values the import wrote (and
replaced), and the sheet reads the current ones, deletes and restores. The defaults here use
the ORM; a sheet with volume overrides `restore` with something set-based.
"""

from collections.abc import Callable, Iterator

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from relations.spreadsheets.files import Table
from relations.spreadsheets.results import ImportResult

Progress = Callable[[str], None]
UNDO_CHUNK = 2000  # changes read, compared and undone at a time
NAMED = 5  # records an undo refusal names


class SheetOptionsForm(forms.Form):
    """The choices made on upload (and given to `import_sheet` as --options); none by default.

    Validated the same way for the admin preview, the confirm and the command line.
    """

    def as_options(self) -> dict:
        """The cleaned choices as plain values (a record by its `to_field_name`), so they can
        travel in the signed confirm token and be validated again on confirm."""
        options = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, models.Model):
                value = self.fields[name].prepare_value(value)
            options[name] = value if value not in (None, "") else None
        return options


class Importer:
    """One import of one file: `check` reads every row and works out what would change;
    `write` writes it and records it in the batch (None in a dry run)."""

    profile_ids: list[int] = []  # profiles whose page the file changes, for the preview

    def check(self, table: Table) -> None:
        raise NotImplementedError

    def write(self, batch) -> None:
        raise NotImplementedError


class Sheet:
    kind: str  # the name `import_sheet` takes, e.g. "meetings"
    model: type[models.Model]
    title: str | Promise  # what the admin and the export's sheet name say
    noun: str | Promise  # one row, in a sentence: "meeting"
    options_form: type[SheetOptionsForm] = SheetOptionsForm
    # A limit of the sheet's own below IMPORT_MAX_ROWS (row-by-row writers are slower).
    max_rows: int | None = None
    help: str | Promise = ""  # what the upload page says after the list of columns

    @property
    def header(self) -> tuple[str, ...]:
        """The columns of the file, in the order exports write them."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def import_permission(self) -> str:
        """`<app>.import_<model>`; undoing an import needs it too."""
        return f"{self.model._meta.app_label}.import_{self.model._meta.model_name}"

    def importer(self, *, options: dict, result: ImportResult, progress: Progress) -> Importer:
        raise NotImplementedError

    def export_rows(self, queryset: models.QuerySet) -> Iterator[list]:
        """The rows of an export of these records, in file order, read in chunks."""
        raise NotImplementedError

    # Undo

    def describe(self, records: list[models.Model]) -> list[str]:
        """How an undo refusal names a few records: their natural key."""
        return [
            " · ".join(str(part) for part in record.natural_key() if part not in ("", None))
            for record in records
        ]

    def described(self, pks: list[int]) -> list[str]:
        related = {path.rsplit("__", 1)[0] for path in self.model.NATURAL_KEY if "__" in path}
        records = self.model.objects.filter(pk__in=pks).select_related(*related).order_by("pk")
        return self.describe(list(records))

    def undo(self, batch) -> "Conflicts":
        """Undo the batch unless a record changed since: chunk by chunk, every chunk checked
        (and undone while none differs; the caller rolls back when one does)."""
        conflicts = Conflicts()
        changes = batch.changes.order_by("pk")
        last = 0
        while chunk := list(
            changes.filter(pk__gt=last).values_list("pk", "object_id", "created", "old", "new")[
                :UNDO_CHUNK
            ]
        ):
            self._undo_chunk(chunk, conflicts)
            last = chunk[-1][0]
        return conflicts

    def _undo_chunk(self, changes: list[tuple], conflicts: "Conflicts") -> None:
        names = sorted({name for *_rest, new in changes for name in new})
        current = self.current_values([object_id for _pk, object_id, *_rest in changes], names)
        fields = {name: self.model._meta.get_field(name) for name in names}
        for _pk, object_id, _created, _old, new in changes:
            now = current.get(object_id)
            if now is None:
                conflicts.add(object_id, deleted=True)
            elif any(fields[name].to_python(value) != now[name] for name, value in new.items()):
                conflicts.add(object_id)
        if conflicts.count:
            return  # keep counting in later chunks; nothing will be kept
        self.delete([object_id for _pk, object_id, created, _old, _new in changes if created])
        self.restore(
            [
                (object_id, {name: fields[name].to_python(value) for name, value in old.items()})
                for _pk, object_id, created, old, _new in changes
                if not created
            ]
        )

    def current_values(self, pks: list[int], names: list[str]) -> dict[int, dict]:
        """{pk: {attname: value}} of the records still there, locked until the undo ends."""
        rows = self.model.objects.filter(pk__in=pks).select_for_update().values("pk", *names)
        return {row.pop("pk"): row for row in rows}

    def delete(self, pks: list[int]) -> None:
        self.model.objects.filter(pk__in=pks).delete()

    def restore(self, rows: list[tuple[int, dict]]) -> None:
        """Put back the values an import replaced: [(pk, {attname: value})]."""
        records, names = [], set()
        for pk, values in rows:
            record = self.model(pk=pk)
            for name, value in values.items():
                setattr(record, name, value)
            records.append(record)
            names.update(values)
        if records:
            fields = [self.model._meta.get_field(name).name for name in sorted(names)]
            self.model.objects.bulk_update(records, fields, batch_size=500)


class Conflicts:
    """Records changed since an import: how many, a few of them, how many were deleted."""

    def __init__(self, count: int = 0, deleted: int = 0, named: list[int] | None = None):
        self.count, self.deleted, self.named = count, deleted, named or []

    def add(self, pk: int, *, deleted: bool = False) -> None:
        self.count += 1
        self.deleted += deleted
        if not deleted and len(self.named) < NAMED:
            self.named.append(pk)

    def message(self, sheet: Sheet) -> str:
        records = str(sheet.model._meta.verbose_name_plural)
        labels = sheet.described(self.named)
        text = _(
            "This import cannot be undone: %(count)s of its %(records)s were changed after it "
            "(%(labels)s%(more)s). Undo or correct the later changes first; nothing was changed."
        ) % {
            "count": self.count,
            "records": records,
            "labels": "; ".join(labels) or _("deleted %(records)s") % {"records": records},
            "more": _(" and %(n)s more") % {"n": self.count - len(labels)}
            if self.count > len(labels) and labels
            else "",
        }
        if self.deleted:
            text += " " + _("%(count)s were deleted.") % {"count": self.deleted}
        return text
