from django.db import migrations

from relations.groups import grant_app_permissions


def grant(apps, schema_editor):
    grant_app_permissions(apps, schema_editor, "trade")


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0001_initial"),
        ("relations", "0002_editor_and_publisher_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
