"""The forms a country's name takes in an English or a French sentence: rules and exceptions.

Every country belongs to one French grammar class (``Country.FrenchClass``); the class and the
name's first letter give every form a sentence needs:

=========  ==================  ===================  ==================  ==================
class      the                 in / to              of                  from
=========  ==================  ===================  ==================  ==================
feminine   la Russie           en Russie            de la Russie        de Russie
 + vowel   l’Inde              en Inde              de l’Inde           d’Inde
masculine  le Japon            au Japon             du Japon            du Japon
 + vowel   l’Iran              en Iran              de l’Iran           d’Iran
plural     les États-Unis      aux États-Unis       des États-Unis      des États-Unis
no article Cuba                à Cuba               de Cuba             de Cuba
 Haïti     Israël              en Israël            d’Israël            d’Israël
island     la Barbade          à la Barbade         de la Barbade       de la Barbade
=========  ==================  ===================  ==================  ==================

Elision follows ``relations.grammar.elides`` (a vowel or a mute h: l’Inde, d’Haïti; not
le Yémen, la Hongrie, le Honduras). A name without article takes "à" whatever its first
letter (à Antigua-et-Barbuda), except Haïti and Israël (``NO_ARTICLE_WITH_EN``). A feminine
name that begins with a common noun keeps its article after "de" (de la République
dominicaine, not de République dominicaine).

English uses the name as it is, with "the" where the country takes it (the United States,
the Netherlands, the Gambia): ``Country.english_the``.

The classes of the UN member states are guessed by :func:`guess_french_class` and
:func:`guess_english_the` from the rules and the exceptions below, when
``tools/generate_countries.py`` writes ``relations/data/countries.json``; the data migration
stores the result, and an editor may correct any country in the admin.
"""

from __future__ import annotations

from django.utils.text import capfirst

from relations.grammar import APOSTROPHE, de, elides, with_article
from relations.models import Country

FrenchClass = Country.FrenchClass

# --- Exceptions to the guesses -------------------------------------------------------------
# French: a name ending in -e is feminine (la France, la Russie), any other masculine
# (le Japon, le Canada), except:
MASCULINE_IN_E = frozenset(
    {"Belize", "Cambodge", "Mexique", "Mozambique", "Suriname", "Timor-Leste", "Zimbabwe"}
)
FEMININE_NOT_IN_E = frozenset(
    {
        "Afrique du Sud",
        "Corée du Nord",
        "Corée du Sud",
        "Guinée-Bissau",
        "Macédoine du Nord",
        "Moldova",
        "République démocratique du Congo",
        "République du Congo",
    }
)
# Plural names (les Pays-Bas, aux Pays-Bas); a final -s alone says nothing (le Laos).
PLURAL = frozenset(
    {
        "Bahamas",
        "Comores",
        "Émirats arabes unis",
        "États-Unis",
        "Fidji",
        "Îles Marshall",
        "Îles Salomon",
        "Maldives",
        "Palaos",
        "Pays-Bas",
        "Philippines",
        "Seychelles",
        "Tonga",
    }
)
# Islands and city-states named without an article (à Cuba, en Israël, de Singapour).
NO_ARTICLE = frozenset(
    {
        "Antigua-et-Barbuda",
        "Bahreïn",
        "Chypre",
        "Cuba",
        "Djibouti",
        "Haïti",
        "Israël",
        "Kiribati",
        "Madagascar",
        "Malte",
        "Maurice",
        "Monaco",
        "Nauru",
        "Oman",
        "Saint-Kitts-et-Nevis",
        "Saint-Marin",
        "Saint-Vincent-et-les-Grenadines",
        "Sainte-Lucie",
        "Sao Tomé-et-Principe",
        "Singapour",
        "Trinité-et-Tobago",
        "Tuvalu",
    }
)
# Names without article take "à" (à Cuba, à Antigua-et-Barbuda), except these: en Israël.
NO_ARTICLE_WITH_EN = frozenset({"Haïti", "Israël"})
# Feminine islands that take "à la", not "en" (en Grenade would be Granada, in Spain).
ISLANDS_WITH_A_LA = frozenset({"Barbade", "Dominique", "Grenade"})

# English: names that take "the" (the United Kingdom, the Republic of the Congo) are those
# that start with these words or are plural; the others do not (Japan, Barbados, Honduras).
ENGLISH_THE_STARTS = ("United ", "Republic ", "Democratic Republic ", "Kingdom ")
ENGLISH_THE_CONTAINS = (" Republic", " Islands", " Emirates")
ENGLISH_THE = frozenset({"Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines"})

# French nouns that begin a formal name, with their article: "la République de l’Inde".
FRENCH_HEAD_NOUNS = {
    "Commonwealth": "le",
    "Confédération": "la",
    "Émirats": "les",
    "État": "l’",
    "États": "les",
    "Fédération": "la",
    "Grand-Duché": "le",
    "Îles": "les",
    "Principauté": "la",
    "République": "la",
    "Royaume": "le",
    "Sultanat": "le",
    "Union": "l’",
}
# A feminine name that begins with one of these keeps its article after "de".
KEEPS_ARTICLE_AFTER_DE = ("République ",)


def guess_french_class(name_fr: str) -> str:
    """The French class the rules above give a name written without its article."""
    if name_fr in NO_ARTICLE:
        return FrenchClass.NO_ARTICLE
    if name_fr in PLURAL:
        return FrenchClass.PLURAL
    if name_fr in ISLANDS_WITH_A_LA:
        return FrenchClass.ISLAND
    if name_fr in FEMININE_NOT_IN_E:
        return FrenchClass.FEMININE
    if name_fr.endswith("e") and name_fr not in MASCULINE_IN_E:
        return FrenchClass.FEMININE
    return FrenchClass.MASCULINE


def guess_english_the(name_en: str) -> bool:
    """Whether an English country name takes "the" (the United States, the Gambia)."""
    return (
        name_en in ENGLISH_THE
        or name_en.startswith(ENGLISH_THE_STARTS)
        or any(part in name_en for part in ENGLISH_THE_CONTAINS)
    )


def french_article(name: str, french_class: str) -> str:
    """The name with its article, as a French sentence names the country: "l’Inde"."""
    if french_class == FrenchClass.NO_ARTICLE:
        return name
    if french_class == FrenchClass.PLURAL:
        return f"les {name}"
    if elides(name):
        return f"l{APOSTROPHE}{name}"
    return f"{'la' if french_class != FrenchClass.MASCULINE else 'le'} {name}"


def french_in(name: str, french_class: str) -> str:
    """Where, and where to: "en Russie", "au Japon", "aux États-Unis", "à Cuba"."""
    if french_class == FrenchClass.PLURAL:
        return f"aux {name}"
    if french_class == FrenchClass.ISLAND:
        return f"à la {name}"
    if french_class == FrenchClass.NO_ARTICLE:
        return f"en {name}" if name in NO_ARTICLE_WITH_EN else f"à {name}"
    if french_class == FrenchClass.MASCULINE and not elides(name):
        return f"au {name}"
    return f"en {name}"


def french_from(name: str, french_class: str) -> str:
    """Where from: "de Russie", "d’Inde", "du Japon", "des États-Unis", "de Cuba".

    A feminine name drops its article after "de" of origin, as does a masculine one that
    elides (d’Iran); the others contract (du Japon, des Pays-Bas).
    """
    the = french_article(name, french_class)
    if french_class == FrenchClass.FEMININE and not name.startswith(KEEPS_ARTICLE_AFTER_DE):
        return de(name)
    if french_class in (FrenchClass.FEMININE, FrenchClass.MASCULINE) and elides(name):
        return de(name)
    return de(the)


def french_forms(name: str, french_class: str) -> dict[str, str]:
    the = french_article(name, french_class)
    in_ = french_in(name, french_class)
    return {
        "name": name,
        "the": the,
        "in": in_,
        "of": de(the),
        "from": french_from(name, french_class),
        # French uses the same preposition for "to" a country as for "in" it.
        "to": in_,
        "possessive": de(the),
        # "faisant de la Russie le 19e marché" / "making Russia Canada’s 19th market".
        "making": de(the),
        "across": f"partout {in_}",
    }


def english_forms(name: str, takes_the: bool) -> dict[str, str]:
    the = with_article(name, takes_the)
    return {
        "name": name,
        "the": the,
        "in": f"in {the}",
        "of": f"of {the}",
        "from": f"from {the}",
        "to": f"to {the}",
        # "the Netherlands’", "Canada’s"
        "possessive": f"{the}’" if name.endswith("s") else f"{the}’s",
        "making": the,
        "across": f"across {the}",
    }


def formal_number(formal_fr: str, french_class: str) -> int:
    """1 or 2: whether the formal French name is plural (les États-Unis d’Amérique)."""
    if formal_fr.startswith("les ") or formal_fr.startswith("Les "):
        return 2
    if not formal_fr:
        return 2 if french_class == FrenchClass.PLURAL else 1
    return 1


def country_forms(country: Country) -> dict:
    """Each form of the name as {"en": ..., "fr": ...}, plus formal name and adjectives.

    ``number`` (1 or 2) is what a French verb agrees with when the country is its subject
    ("les États-Unis étaient"); ``formal_number`` the same for the formal name.
    """
    english = english_forms(country.name_en, country.english_the)
    french = french_forms(country.name_fr, country.french_class)
    forms: dict = {key: {"en": english[key], "fr": french[key]} for key in english}
    formal_fr = country.formal_name_fr or french["the"]
    forms["code"] = country.code
    forms["formal"] = {"en": country.formal_name_en or english["the"], "fr": formal_fr}
    forms["adjective"] = {"en": country.adjective_en, "fr": country.adjective_fr}
    forms["adjective_feminine"] = {"en": country.adjective_en, "fr": country.adjective_feminine_fr}
    # « une entreprise canadienne »: the feminine plural less its -s.
    forms["adjective_feminine_singular"] = {
        "en": country.adjective_en,
        "fr": country.adjective_feminine_fr.removesuffix("s"),
    }
    forms["language"] = {"en": country.language_en, "fr": country.language_fr}
    forms["number"] = 2 if country.french_class == FrenchClass.PLURAL else 1
    forms["formal_number"] = formal_number(formal_fr, country.french_class)
    return forms


def french_article_for_formal_name(formal_fr: str, short_the: str) -> str:
    """A formal French name with its article: "la République de l’Inde", "le Japon"."""
    head = formal_fr.split(" ", 1)[0]
    head = head if head in FRENCH_HEAD_NOUNS else head.split("-", 1)[0]
    article = FRENCH_HEAD_NOUNS.get(head)
    if article is None:
        return short_the
    return f"{article}{formal_fr}" if article.endswith(APOSTROPHE) else f"{article} {formal_fr}"


def country_sample_sentences(country: Country, home: Country) -> list[str]:
    """How the page will name the country, in both languages, for the admin's country page."""
    forms, home_forms = country_forms(country), country_forms(home)
    en = {key: value["en"] for key, value in forms.items() if isinstance(value, dict)}
    fr = {key: value["fr"] for key, value in forms.items() if isinstance(value, dict)}
    home_en = {key: value["en"] for key, value in home_forms.items() if isinstance(value, dict)}
    home_fr = {key: value["fr"] for key, value in home_forms.items() if isinstance(value, dict)}
    verb = "comptent" if forms["formal_number"] == 2 else "compte"
    return [
        f"Bilateral trade relations with {en['the']} … making {en['making']} "
        f"{home_en['possessive']} 19th most important merchandise export market. Merchandise "
        f"imports {en['from']} … {capfirst(home_en['the'])} is officially represented "
        f"{en['in']} … {capfirst(en['formal'])} maintains an Embassy.",
        f"Les relations commerciales bilatérales avec {fr['the']} … ce qui fait "
        f"{fr['making']} le 19e marché d’exportation {home_fr['possessive']}. Les importations "
        f"de marchandises en provenance {fr['from']} … {capfirst(home_fr['the'])} est "
        f"représenté officiellement {fr['in']} … {capfirst(fr['formal'])} {verb} une ambassade.",
    ]
