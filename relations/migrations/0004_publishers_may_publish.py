from django.db import migrations

from relations.groups import grant_publishing, revoke_publishing


class Migration(migrations.Migration):
    dependencies = [("relations", "0003_revisions")]

    operations = [migrations.RunPython(grant_publishing, revoke_publishing)]
