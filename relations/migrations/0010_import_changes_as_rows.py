"""One batch model for every sheet: a layout, and the changes of an import as rows.

The changes of a batch were one JSON value (up to 140 MB for a million rows, read whole to
list or undo it); they become `ImportChange` rows. This migration adds the new table and
field; 0011 moves the data, 0012 drops the JSON column.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("relations", "0009_profile_french_address_and_summary")]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="layout",
            field=models.CharField(
                blank=True,
                help_text="For trade figures: long, wide, cimt.",
                max_length=20,
                verbose_name="layout",
            ),
        ),
        migrations.CreateModel(
            name="ImportChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.BigIntegerField(verbose_name="record id")),
                ("created", models.BooleanField(verbose_name="created by the import")),
                (
                    "old",
                    models.JSONField(
                        blank=True,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        null=True,
                        verbose_name="replaced values",
                    ),
                ),
                (
                    "new",
                    models.JSONField(
                        blank=True,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                        null=True,
                        verbose_name="written values",
                    ),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="changes_",
                        to="relations.importbatch",
                    ),
                ),
            ],
            options={
                "verbose_name": "imported record",
                "verbose_name_plural": "imported records",
                "ordering": ["batch", "pk"],
            },
        ),
    ]
