"""The JSON `changes` of a batch is now in `ImportChange` rows (0011)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("relations", "0011_move_import_changes_into_rows")]

    operations = [
        migrations.RemoveField(model_name="importbatch", name="changes"),
        migrations.AlterField(
            model_name="importchange",
            name="batch",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="changes",
                to="relations.importbatch",
            ),
        ),
    ]
