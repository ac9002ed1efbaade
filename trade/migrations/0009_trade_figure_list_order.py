"""The admin's trade figure list reads a page of a million figures along this index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trade", "0008_delete_tradeimportbatch")]

    operations = [
        migrations.AddIndex(
            model_name="tradefigure",
            index=models.Index(
                fields=["-year", "flow", "kind", "chapter", "-id"], name="trade_figure_list_order"
            ),
        ),
    ]
