"""Country names in sentences: one test per French grammar class, the English "the", the
migrated reference data, and the admin that shows what a country's forms produce."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relations.countries import (
    country_forms,
    french_forms,
    guess_english_the,
    guess_french_class,
)
from relations.models import Country

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "relations" / "data" / "countries.json"
FrenchClass = Country.FrenchClass


def forms(name, french_class):
    found = french_forms(name, french_class)
    return (found["the"], found["in"], found["of"], found["from"])


@pytest.mark.parametrize(
    ("name", "french_class", "expected"),
    [
        # feminine
        ("Russie", FrenchClass.FEMININE, ("la Russie", "en Russie", "de la Russie", "de Russie")),
        ("Inde", FrenchClass.FEMININE, ("l’Inde", "en Inde", "de l’Inde", "d’Inde")),
        (
            "Hongrie",
            FrenchClass.FEMININE,
            ("la Hongrie", "en Hongrie", "de la Hongrie", "de Hongrie"),
        ),
        (
            "République dominicaine",
            FrenchClass.FEMININE,
            (
                "la République dominicaine",
                "en République dominicaine",
                "de la République dominicaine",
                "de la République dominicaine",
            ),
        ),
        # masculine
        ("Japon", FrenchClass.MASCULINE, ("le Japon", "au Japon", "du Japon", "du Japon")),
        ("Iran", FrenchClass.MASCULINE, ("l’Iran", "en Iran", "de l’Iran", "d’Iran")),
        ("Yémen", FrenchClass.MASCULINE, ("le Yémen", "au Yémen", "du Yémen", "du Yémen")),
        (
            "Honduras",
            FrenchClass.MASCULINE,
            ("le Honduras", "au Honduras", "du Honduras", "du Honduras"),
        ),
        # plural
        (
            "États-Unis",
            FrenchClass.PLURAL,
            ("les États-Unis", "aux États-Unis", "des États-Unis", "des États-Unis"),
        ),
        (
            "Pays-Bas",
            FrenchClass.PLURAL,
            ("les Pays-Bas", "aux Pays-Bas", "des Pays-Bas", "des Pays-Bas"),
        ),
        # no article
        ("Cuba", FrenchClass.NO_ARTICLE, ("Cuba", "à Cuba", "de Cuba", "de Cuba")),
        (
            "Singapour",
            FrenchClass.NO_ARTICLE,
            ("Singapour", "à Singapour", "de Singapour", "de Singapour"),
        ),
        ("Israël", FrenchClass.NO_ARTICLE, ("Israël", "en Israël", "d’Israël", "d’Israël")),
        ("Haïti", FrenchClass.NO_ARTICLE, ("Haïti", "en Haïti", "d’Haïti", "d’Haïti")),
        (
            "Antigua-et-Barbuda",
            FrenchClass.NO_ARTICLE,
            (
                "Antigua-et-Barbuda",
                "à Antigua-et-Barbuda",
                "d’Antigua-et-Barbuda",
                "d’Antigua-et-Barbuda",
            ),
        ),
        # island with "à la"
        (
            "Barbade",
            FrenchClass.ISLAND,
            ("la Barbade", "à la Barbade", "de la Barbade", "de la Barbade"),
        ),
    ],
)
def test_each_french_class_gives_its_forms(name, french_class, expected):
    assert forms(name, french_class) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russie", FrenchClass.FEMININE),
        ("Corée du Sud", FrenchClass.FEMININE),
        ("Japon", FrenchClass.MASCULINE),
        ("Mexique", FrenchClass.MASCULINE),
        ("Cambodge", FrenchClass.MASCULINE),
        ("États-Unis", FrenchClass.PLURAL),
        ("Philippines", FrenchClass.PLURAL),
        ("Laos", FrenchClass.MASCULINE),
        ("Cuba", FrenchClass.NO_ARTICLE),
        ("Singapour", FrenchClass.NO_ARTICLE),
        ("Grenade", FrenchClass.ISLAND),
    ],
)
def test_the_french_class_rules_and_their_exceptions(name, expected):
    assert guess_french_class(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("United States", True),
        ("United Kingdom", True),
        ("Netherlands", True),
        ("Philippines", True),
        ("Gambia", True),
        ("Dominican Republic", True),
        ("Marshall Islands", True),
        ("Japan", False),
        ("Barbados", False),
        ("Honduras", False),
        ("Seychelles", False),
    ],
)
def test_english_the(name, expected):
    assert guess_english_the(name) is expected


def test_english_forms_carry_the_article_and_the_possessive():
    netherlands = Country(
        code="NL",
        name_en="Netherlands",
        name_fr="Pays-Bas",
        english_the=True,
        french_class=FrenchClass.PLURAL,
    )
    found = country_forms(netherlands)
    assert found["the"] == {"en": "the Netherlands", "fr": "les Pays-Bas"}
    assert found["in"] == {"en": "in the Netherlands", "fr": "aux Pays-Bas"}
    assert found["possessive"]["en"] == "the Netherlands’"
    assert found["making"] == {"en": "the Netherlands", "fr": "des Pays-Bas"}
    assert found["number"] == 2
    # No formal name typed: the short one serves.
    assert found["formal"] == {"en": "the Netherlands", "fr": "les Pays-Bas"}


def test_the_shipped_data_follows_the_rules_of_the_one_module():
    """Every class in the data file is what the rules give: exceptions live in countries.py."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(rows) == 193
    assert [r["code"] for r in rows if guess_french_class(r["name_fr"]) != r["french_class"]] == []
    assert [r["code"] for r in rows if guess_english_the(r["name_en"]) != r["english_the"]] == []
    assert [r["code"] for r in rows if "'" in r["name_fr"] + r["formal_name_fr"]] == []


def test_the_data_file_is_what_the_generator_writes():
    pytest.importorskip("pycountry")
    result = subprocess.run(
        [sys.executable, "tools/generate_countries.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_editor_sees_the_sentences_a_country_produces(admin_client):
    country = Country.objects.get(code="US")
    body = admin_client.get(f"/admin/relations/country/{country.pk}/change/").content.decode()
    assert "Bilateral trade relations with the United States" in body
    assert "Le Canada est représenté officiellement aux États-Unis" in body
    assert "Les États-Unis d’Amérique comptent une ambassade" in body


def test_an_editor_corrects_a_form_and_the_page_follows(admin_client):
    """Moldova is feminine in Canadian usage; were it stored masculine, one choice fixes it."""
    country = Country.objects.get(code="MD")
    country.french_class = FrenchClass.MASCULINE
    country.save()
    assert country_forms(country)["in"]["fr"] == "au Moldova"
    data = {
        field.name: getattr(country, field.name)
        for field in Country._meta.concrete_fields
        if field.name != "id"
    }
    page = admin_client.get(f"/admin/relations/country/{country.pk}/change/").content.decode()
    data["_original_state"] = page.split('name="_original_state" value="')[1].split('"')[0]
    data["french_class"] = FrenchClass.FEMININE
    data["english_the"] = ""
    response = admin_client.post(f"/admin/relations/country/{country.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    country.refresh_from_db()
    assert country_forms(country)["in"]["fr"] == "en Moldova"
