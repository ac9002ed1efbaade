"""Undoing an import: one service for every sheet, with its own permission check.

An `ImportBatch` keeps, in `ImportChange` rows, every record the import created or updated
with the values it wrote (and replaced). Undo compares those written values with the current
ones, chunk by chunk, so a million-row import is never loaded whole: if nobody changed any of
the records since, it deletes the created ones and puts the replaced values back; otherwise
it is refused and nothing changes (it all happens in one transaction).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.models import ImportBatch, ImportChange
from relations.spreadsheets.registry import sheet_for_model
from relations.spreadsheets.sheet import Sheet

UNDO_CHUNK = 2000  # changes read, compared and undone at a time
NAMED = 5  # records an undo refusal names


class UndoRefused(Exception):
    """The import cannot be undone; the message says why, for the editor."""


def import_batch_undo(*, batch: ImportBatch, by) -> None:
    """Restore the values the batch replaced and delete the records it created, all or nothing.

    Refused with `UndoRefused`, nothing changed, when `by` may not import these records, when
    the batch was undone already, or when any of its records was changed or deleted after it
    (by hand or by a later import: undo that one first).
    """
    sheet = sheet_for_model(batch.model)
    if not by.has_perm(sheet.import_permission):
        raise UndoRefused(
            _(
                "You may not import %(records)s, so you may not undo this import; nothing was "
                "changed."
            )
            % {"records": sheet.model._meta.verbose_name_plural}
        )
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at:
            raise UndoRefused(
                _("This import was already undone on %(when)s.")
                % {"when": timezone.localtime(batch.undone_at).strftime("%Y-%m-%d %H:%M")}
            )
        conflicts = Conflicts()
        for changes in _chunks(batch):
            _undo_chunk(sheet, changes, conflicts)
        if conflicts.count:
            raise UndoRefused(conflicts.message(sheet))  # and the transaction rolls back
        batch.undone_at, batch.undone_by = timezone.now(), by
        batch.save(update_fields=["undone_at", "undone_by"])


def _chunks(batch: ImportBatch):
    changes = ImportChange.objects.filter(batch=batch).order_by("pk")
    last = 0
    while chunk := list(
        changes.filter(pk__gt=last).values_list("pk", "object_id", "created", "old", "new")[
            :UNDO_CHUNK
        ]
    ):
        yield chunk
        last = chunk[-1][0]


def _undo_chunk(sheet: Sheet, changes: list[tuple], conflicts: "Conflicts") -> None:
    if any(new is None for _pk, _id, _created, _old, new in changes):
        raise UndoRefused(
            _(
                "This import was recorded before imports could be undone and did not keep the "
                "values of the records it created, so it cannot be undone; nothing was changed."
            )
        )
    names = sorted({name for *_rest, new in changes for name in new})
    current = sheet.current_values([object_id for _pk, object_id, *_rest in changes], names)
    fields = {name: sheet.model._meta.get_field(name) for name in names}
    for _pk, object_id, _created, _old, new in changes:
        now = current.get(object_id)
        if now is None:
            conflicts.add(object_id, deleted=True)
        elif any(fields[name].to_python(value) != now[name] for name, value in new.items()):
            conflicts.add(object_id)
    if conflicts.count:
        return  # keep counting in later chunks; nothing will be kept
    sheet.delete([object_id for _pk, object_id, created, _old, _new in changes if created])
    sheet.restore(
        [
            (object_id, {name: fields[name].to_python(value) for name, value in old.items()})
            for _pk, object_id, created, old, _new in changes
            if not created
        ]
    )


class Conflicts:
    """Records changed since the import: how many, a few of them, how many deleted."""

    def __init__(self):
        self.count = self.deleted = 0
        self.named: list[int] = []

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
