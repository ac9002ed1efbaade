"""Indexes for the admin's trade figure list at a million figures: its order (a page is read
along it, not sorted) and the English source (its search finds the distinct sources along it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trade", "0007_delete_tradeimportbatch")]

    operations = [
        migrations.AddIndex(
            model_name="tradefigure",
            index=models.Index(
                fields=["-year", "flow", "kind", "chapter", "-id"], name="trade_figure_list_order"
            ),
        ),
        migrations.AddIndex(
            model_name="tradefigure",
            index=models.Index(fields=["source_en"], name="trade_figure_source_en"),
        ),
    ]
