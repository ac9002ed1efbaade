"""Moves each batch's JSON `changes` into `ImportChange` rows (see 0010).

Record batches kept {"created": [{"id", "new"}], "updated": [{"id", "old", "new"}]}; the
oldest kept only the ids of created records ({"created": [id, …]}): those become rows without
written values, which undo refuses as before.
"""

from django.db import migrations

CHUNK = 2000


def to_rows(apps, schema_editor):
    ImportBatch = apps.get_model("relations", "ImportBatch")
    ImportChange = apps.get_model("relations", "ImportChange")
    for batch in ImportBatch.objects.order_by("pk").iterator():
        changes = batch.changes or {}
        rows = []
        for entry in changes.get("created", []):
            if isinstance(entry, dict):
                rows.append(ImportChange(batch=batch, object_id=entry["id"], created=True, new=entry["new"]))
            else:
                rows.append(ImportChange(batch=batch, object_id=entry, created=True, new=None))
        for entry in changes.get("updated", []):
            rows.append(
                ImportChange(
                    batch=batch, object_id=entry["id"], created=False, old=entry["old"], new=entry["new"]
                )
            )
        ImportChange.objects.bulk_create(rows, batch_size=CHUNK)


def to_json(apps, schema_editor):
    ImportBatch = apps.get_model("relations", "ImportBatch")
    ImportChange = apps.get_model("relations", "ImportChange")
    for batch in ImportBatch.objects.order_by("pk").iterator():
        created, updated = [], []
        for change in ImportChange.objects.filter(batch=batch).order_by("pk").iterator():
            if change.created:
                created.append({"id": change.object_id, "new": change.new} if change.new else change.object_id)
            else:
                updated.append({"id": change.object_id, "old": change.old, "new": change.new})
        batch.changes = {"created": created, "updated": updated}
        batch.save(update_fields=["changes"])
    ImportChange.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("relations", "0010_import_changes_as_rows")]

    operations = [migrations.RunPython(to_rows, to_json)]
