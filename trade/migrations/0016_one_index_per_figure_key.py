"""Figures keep one unique index for chapters and totals' partial one; the profile's own index
goes, as the unique index starts with the profile. Added before the old one goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('relations', '0030_french_names'),
        ('trade', '0015_french_names'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='tradefigure',
            constraint=models.UniqueConstraint(fields=('profile', 'year', 'flow', 'kind', 'chapter'), name='unique_trade_figure', violation_error_message='This profile already has a figure for this year, flow, kind and HS chapter; change that figure instead of adding another.'),
        ),
        migrations.RemoveConstraint(
            model_name='tradefigure',
            name='unique_trade_chapter_figure',
        ),
        migrations.AlterField(
            model_name='tradefigure',
            name='profile',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='trade_figures', to='relations.profile', verbose_name='profile'),
        ),
    ]
