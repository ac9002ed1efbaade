"""Every UN member state, named for English and French sentences (reference data).

Reads relations/data/countries.json (written by tools/generate_countries.py from ISO 3166),
so migrating needs neither pycountry nor the network. A country that already exists (the home
country, a partner created before this migration) is left as an editor made it.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "countries.json"


def create_countries(apps, schema_editor):
    Country = apps.get_model("relations", "Country")
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    existing = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create([Country(**row) for row in rows if row["code"] not in existing])


def remove_unused_countries(apps, schema_editor):
    """Undo: remove the migrated countries that no profile uses, except the home country."""
    Country = apps.get_model("relations", "Country")
    codes = [row["code"] for row in json.loads(DATA.read_text(encoding="utf-8"))]
    Country.objects.filter(code__in=codes, profile__isnull=True).exclude(
        code=settings.HOME_COUNTRY_CODE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("relations", "0014_sentence_grammar_fields")]

    operations = [migrations.RunPython(create_countries, remove_unused_countries)]
