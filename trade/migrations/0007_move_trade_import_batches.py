"""Trade imports join every other import in `relations.ImportBatch`, with their changes as
`ImportChange` rows; 0008 then removes `TradeImportBatch`.

A trade batch kept {"created": [[id, value, en, fr], …], "updated": [[id, old value, old en,
old fr, value, en, fr], …]}; each becomes a row with the values by field name.
"""

from django.db import migrations

CHUNK = 2000


def values(value, source_en, source_fr) -> dict:
    return {"value": value, "source_en": source_en, "source_fr": source_fr}


def move(apps, schema_editor):
    TradeImportBatch = apps.get_model("trade", "TradeImportBatch")
    ImportBatch = apps.get_model("relations", "ImportBatch")
    ImportChange = apps.get_model("relations", "ImportChange")
    for old in TradeImportBatch.objects.order_by("pk").iterator():
        batch = ImportBatch.objects.create(
            model="trade.tradefigure",
            created_by_id=old.created_by_id,
            file_name=old.file_name,
            sha256=old.sha256,
            layout=old.layout,
            created_count=old.created_count,
            updated_count=old.updated_count,
            unchanged_count=old.unchanged_count,
            undone_at=old.undone_at,
            undone_by_id=old.undone_by_id,
        )
        # auto_now_add set today's date: keep the original one.
        ImportBatch.objects.filter(pk=batch.pk).update(created_at=old.created_at)
        changes = old.changes or {}
        rows = [
            ImportChange(batch=batch, object_id=row[0], created=True, new=values(*row[1:4]))
            for row in changes.get("created", [])
        ]
        rows += [
            ImportChange(
                batch=batch,
                object_id=row[0],
                created=False,
                old=values(*row[1:4]),
                new=values(*row[4:7]),
            )
            for row in changes.get("updated", [])
        ]
        ImportChange.objects.bulk_create(rows, batch_size=CHUNK)


def move_back(apps, schema_editor):
    TradeImportBatch = apps.get_model("trade", "TradeImportBatch")
    ImportBatch = apps.get_model("relations", "ImportBatch")
    ImportChange = apps.get_model("relations", "ImportChange")
    for batch in ImportBatch.objects.filter(model="trade.tradefigure").order_by("pk"):
        created, updated = [], []
        for change in ImportChange.objects.filter(batch=batch).order_by("pk").iterator():
            new = change.new or {}
            written = [new.get("value"), new.get("source_en"), new.get("source_fr")]
            if change.created:
                created.append([change.object_id, *written])
            else:
                old = change.old or {}
                replaced = [old.get("value"), old.get("source_en"), old.get("source_fr")]
                updated.append([change.object_id, *replaced, *written])
        moved = TradeImportBatch.objects.create(
            created_by_id=batch.created_by_id,
            file_name=batch.file_name,
            sha256=batch.sha256,
            layout=batch.layout,
            created_count=batch.created_count,
            updated_count=batch.updated_count,
            unchanged_count=batch.unchanged_count,
            changes={"created": created, "updated": updated},
            undone_at=batch.undone_at,
            undone_by_id=batch.undone_by_id,
        )
        TradeImportBatch.objects.filter(pk=moved.pk).update(created_at=batch.created_at)
        batch.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0006_hs_chapters_2022"),
        ("relations", "0012_remove_importbatch_changes"),
    ]

    operations = [migrations.RunPython(move, move_back)]
