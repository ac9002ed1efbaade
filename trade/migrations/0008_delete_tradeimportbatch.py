"""`TradeImportBatch` is gone: its rows live in `relations.ImportBatch` (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("trade", "0007_move_trade_import_batches")]

    operations = [migrations.DeleteModel(name="TradeImportBatch")]
