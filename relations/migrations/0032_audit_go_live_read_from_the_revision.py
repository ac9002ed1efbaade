"""Published and scheduled entries stop storing "go-live <time>" in English: the audit trail
reads the time from the revision, in the reader's language."""

from django.db import migrations, models

LIVE = ("publish", "schedule")


def forget_stored_times(apps, schema_editor):
    AuditEntry = apps.get_model("relations", "AuditEntry")
    AuditEntry.objects.filter(action__in=LIVE, detail__startswith="go-live ").update(detail="")


def store_times(apps, schema_editor):
    from relations.schedule import local_time

    AuditEntry = apps.get_model("relations", "AuditEntry")
    for entry in AuditEntry.objects.filter(action__in=LIVE, detail="").select_related("revision"):
        entry.detail = f"go-live {local_time(entry.revision.go_live_at)}"
        entry.save(update_fields=["detail"])


class Migration(migrations.Migration):
    dependencies = [("relations", "0031_import_changes_checked_by_the_engine")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="detail",
            field=models.TextField(
                blank=True,
                help_text="The reason given for a withdrawal or cancellation.",
                verbose_name="detail",
            ),
        ),
        migrations.RunPython(forget_stored_times, store_times),
    ]
