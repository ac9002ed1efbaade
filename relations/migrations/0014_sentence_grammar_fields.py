"""The fields sentences need: French grammar class and English "the" of countries and fora,
the number of meeting participants."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("relations", "0013_import_records_read_only")]

    operations = [
        migrations.RenameField("country", "french_gender", "french_class"),
        migrations.AddField(
            model_name='country',
            name='english_the',
            field=models.BooleanField(default=False, help_text='Ticked: “Bilateral trade relations with the United States …”; not ticked: “… with Japan …”.', verbose_name='“the” in English'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='home_participant_plural',
            field=models.BooleanField(default=False, help_text='« Les ministres Fast et Baird ont rencontré … » instead of « a rencontré ».', verbose_name='our participants are several people'),
        ),
        migrations.AddField(
            model_name='meeting',
            name='partner_participant_plural',
            field=models.BooleanField(default=False, help_text='« Les ministres Lavrov et Choïgou ont effectué une visite au Canada … »', verbose_name='partner participants are several people'),
        ),
        migrations.AddField(
            model_name='multilateralforum',
            name='english_the',
            field=models.BooleanField(default=True, help_text='Ticked: “… within multilateral fora, including the UN and the G20”; not ticked for names said without it: “… including APEC”.', verbose_name='“the” in English'),
        ),
        migrations.AlterField(
            model_name='country',
            name='adjective_en',
            field=models.CharField(blank=True, help_text='“Meetings between Canadian and Russian representatives …”', max_length=60, verbose_name='adjective (English)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='adjective_feminine_fr',
            field=models.CharField(blank=True, help_text='Feminine plural: « les exportations canadiennes ».', max_length=60, verbose_name='feminine adjective (French)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='adjective_fr',
            field=models.CharField(blank=True, help_text='Masculine plural: « entre représentants canadiens et russes ».', max_length=60, verbose_name='adjective (French)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='formal_name_en',
            field=models.CharField(blank=True, help_text='With its “the”: “The Russian Federation maintains an Embassy in Ottawa.” Empty: the short name is used.', max_length=150, verbose_name='formal name (English)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='formal_name_fr',
            field=models.CharField(blank=True, help_text='With its article: « La Fédération de Russie compte une ambassade à Ottawa. » Empty: the short name is used.', max_length=150, verbose_name='formal name (French)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='french_class',
            field=models.CharField(choices=[('f', 'feminine: la Russie, en Russie, de Russie (l’Inde, en Inde, d’Inde)'), ('m', 'masculine: le Japon, au Japon, du Japon (l’Iran, en Iran, d’Iran)'), ('p', 'plural: les États-Unis, aux États-Unis, des États-Unis'), ('n', 'no article: Cuba, à Cuba, de Cuba (Israël, en Israël, d’Israël)'), ('i', 'island with “à la”: la Barbade, à la Barbade, de la Barbade')], help_text='Decides the article and prepositions of the French name: « les relations avec la Russie », « en Russie », « en provenance de Russie ». A vowel or a mute h elides by itself (l’Inde, d’Haïti).', max_length=1, verbose_name='French grammar'),
        ),
        migrations.AlterField(
            model_name='country',
            name='language_en',
            field=models.CharField(blank=True, help_text='“Books by … are all translated into Russian.” Empty: “… published in translation in Russia.”', max_length=60, verbose_name='main language (English)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='language_fr',
            field=models.CharField(blank=True, help_text='« Les livres de … sont tous traduits en russe. »', max_length=60, verbose_name='main language (French)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='name_en',
            field=models.CharField(help_text='Short name, without “the”: United States, Russia.', max_length=100, verbose_name='name (English)'),
        ),
        migrations.AlterField(
            model_name='country',
            name='name_fr',
            field=models.CharField(help_text='Short name, without article: États-Unis, Russie.', max_length=100, verbose_name='name (French)'),
        ),
        migrations.AlterField(
            model_name='multilateralforum',
            name='name_en',
            field=models.CharField(help_text='Without “the”: UN, G20, APEC.', max_length=120, verbose_name='forum (English)'),
        ),
        migrations.AlterField(
            model_name='multilateralforum',
            name='name_fr',
            field=models.CharField(help_text='With its article: l’ONU, le G20, l’APEC.', max_length=120, verbose_name='forum (French)'),
        ),
    ]
