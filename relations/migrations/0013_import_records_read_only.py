"""Import records are audit records: nobody adds, changes or deletes one by hand (only undo
marks one as undone). The groups lose those permissions, whatever earlier migrations gave."""

from django.db import migrations

from relations.groups import lock_import_records


def unlock(apps, schema_editor):
    pass  # the permissions were never meant to be given back


class Migration(migrations.Migration):
    dependencies = [("relations", "0012_remove_importbatch_changes")]

    operations = [migrations.RunPython(lock_import_records, unlock)]
