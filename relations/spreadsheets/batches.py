"""Undoing an import: one service for every sheet, with its own permission check.

An `ImportBatch` keeps, in `ImportChange` rows, every record the import created or updated
with the values it wrote (and replaced). Undo compares those written values with the current
ones (the sheet does it: chunk by chunk, or set-based in SQL for volume, so a million-row
import is never loaded whole): if nobody changed any of the records since, it deletes the
created ones and puts the replaced values back; otherwise it is refused and nothing changes
(it all happens in one transaction).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from relations.models import ImportBatch, ImportChange
from relations.spreadsheets.registry import sheet_for_model


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
        if ImportChange.objects.filter(batch=batch, new__isnull=True).exists():
            raise UndoRefused(
                _(
                    "This import was recorded before imports could be undone and did not keep "
                    "the values of the records it created, so it cannot be undone; nothing was "
                    "changed."
                )
            )
        conflicts = sheet.undo(batch)
        if conflicts.count:
            raise UndoRefused(conflicts.message(sheet))  # and the transaction rolls back
        batch.undone_at, batch.undone_by = timezone.now(), by
        batch.save(update_fields=["undone_at", "undone_by"])
