from django.db import migrations

from relations.groups import grant_app_permissions


def grant(apps, schema_editor):
    grant_app_permissions(apps, schema_editor, "relations")


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
