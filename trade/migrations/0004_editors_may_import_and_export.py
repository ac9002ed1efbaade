from django.contrib.auth.management import create_permissions
from django.db import migrations

from relations.groups import EDITORS, PUBLISHERS, grant_app_permissions

CODENAMES = ["import_tradefigure", "export_tradefigure", "undo_tradeimportbatch"]


def grant(apps, schema_editor):
    # Add/change/delete/view of the new batch model, like every other trade model...
    grant_app_permissions(apps, schema_editor, "trade")
    app_config = apps.get_app_config("trade")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # ...but batches are written only by imports: nobody edits one by hand.
    editing = Permission.objects.filter(
        content_type__app_label="trade",
        codename__in=["add_tradeimportbatch", "change_tradeimportbatch"],
    )
    extra = Permission.objects.filter(content_type__app_label="trade", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.add(*extra)
        group.permissions.remove(*editing)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    extra = Permission.objects.filter(content_type__app_label="trade", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*extra)


class Migration(migrations.Migration):
    dependencies = [("trade", "0003_import_batches_and_permissions")]

    operations = [migrations.RunPython(grant, revoke)]
