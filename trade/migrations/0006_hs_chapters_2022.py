"""Every chapter of the Harmonized System 2022, with its English and French titles and forms.

The titles and sentence forms live in `trade.nomenclature`; existing chapters get their
titles and keep the sentence forms editors gave them.
"""

import django.core.validators
import relations.validators
from django.db import migrations, models

from trade.nomenclature import hs_chapters_ensure


def add_chapters(apps, schema_editor):
    hs_chapters_ensure(apps.get_model("trade", "HSChapter"))


class Migration(migrations.Migration):

    dependencies = [
        ('trade', '0005_clear_duplicate_figure_messages'),
    ]

    operations = [
        migrations.AddField(
            model_name='hschapter',
            name='title_en',
            field=models.CharField(default='', help_text='As the Customs Tariff gives it. Shown in the table of top chapters.', max_length=400, verbose_name='official title (English)'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='hschapter',
            name='title_fr',
            field=models.CharField(default='', help_text='As the Customs Tariff gives it. Shown in the table of top chapters.', max_length=400, verbose_name='official title (French)'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='hschapter',
            name='code',
            field=models.CharField(help_text='Two digits, e.g. 84.', max_length=2, unique=True, validators=[django.core.validators.RegexValidator('^[0-9]{2}$', "Enter the chapter's two digits, e.g. 84.")], verbose_name='HS chapter'),
        ),
        migrations.AlterField(
            model_name='hschapter',
            name='name_en',
            field=models.CharField(help_text='Lower case, no article: “machinery” in “Key Canadian merchandise exports to Russia were machinery and meat.”', max_length=120, verbose_name='in a sentence (English)'),
        ),
        migrations.AlterField(
            model_name='hschapter',
            name='name_fr',
            field=models.CharField(help_text='With its article: « les machines » in « Les principales exportations canadiennes de marchandises vers la Russie étaient les machines et la viande. »', max_length=120, validators=[relations.validators.validate_french_article], verbose_name='in a sentence (French)'),
        ),
        # Chapters stay on the way back: trade figures may point at them.
        migrations.RunPython(add_chapters, migrations.RunPython.noop),
    ]
