"""Revisions and the audit trail are read-only for everyone: take away any add, change or
delete permission on them, from every group and every user (the admin refuses those actions
in any case; this keeps the permission lists honest). Viewing stays as it was."""

from django.db import migrations

AUDIT_MODELS = ("revision", "auditentry")
WRITING = [f"{action}_{model}" for action in ("add", "change", "delete") for model in AUDIT_MODELS]


def take_away_writing(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    writing = Permission.objects.filter(content_type__app_label="relations", codename__in=WRITING)
    Permission.group_set.through.objects.filter(permission__in=writing).delete()
    Permission.user_set.through.objects.filter(permission__in=writing).delete()


class Migration(migrations.Migration):
    dependencies = [("relations", "0007_import_batch_undone"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(take_away_writing, migrations.RunPython.noop)]
