from django.db import migrations

from relations.groups import grant_codenames, revoke_codenames

CODENAMES = ["view_handoff"]


def grant(apps, schema_editor):
    """Editors and publishers read the requests to publish (written only by the service)."""
    grant_codenames(apps, schema_editor, "relations", CODENAMES)


def revoke(apps, schema_editor):
    revoke_codenames(apps, schema_editor, "relations", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [("relations", "0028_hand_off")]

    operations = [migrations.RunPython(grant, revoke)]
