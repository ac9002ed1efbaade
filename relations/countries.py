"""The forms a country's name takes in an English or French sentence.

French needs the article and preposition that the name's gender and first letter call for
("la Russie", "en Russie", "de Russie"; "le Canada", "au Canada", "du Canada"); English uses
the name as it is. Builders put these forms in the snapshot so templates never decide grammar.
"""

from relations.models import Country

FRENCH_ELIDING_LETTERS = set("AEIOUYÂÉÈÊÎÔÛaeiouyâéèêîôûHh")

_FRENCH_FORMS = {
    # gender: (the, in, of, from) for a name starting with a consonant / with elision
    Country.FrenchGender.FEMININE: (
        ("la {}", "en {}", "de la {}", "de {}"),
        ("l'{}", "en {}", "de l'{}", "d'{}"),
    ),
    Country.FrenchGender.MASCULINE: (
        ("le {}", "au {}", "du {}", "du {}"),
        ("l'{}", "en {}", "de l'{}", "d'{}"),
    ),
    Country.FrenchGender.PLURAL: (
        ("les {}", "aux {}", "des {}", "des {}"),
        ("les {}", "aux {}", "des {}", "des {}"),
    ),
}


def french_forms(name: str, gender: str) -> dict[str, str]:
    elides = name[:1] in FRENCH_ELIDING_LETTERS
    the, in_, of, from_ = _FRENCH_FORMS[gender][elides]
    return {
        "name": name,
        "the": the.format(name),
        "in": in_.format(name),
        "of": of.format(name),
        "from": from_.format(name),
        # French uses the same preposition for "to" a country as for "in" it.
        "to": in_.format(name),
    }


def english_forms(name: str) -> dict[str, str]:
    return {
        "name": name,
        "the": name,
        "in": f"in {name}",
        "of": f"of {name}",
        "from": f"from {name}",
        "to": f"to {name}",
        "possessive": f"{name}’s",
    }


def country_forms(country: Country) -> dict[str, dict[str, str]]:
    """Each form of the name as {"en": ..., "fr": ...}, plus formal name and adjective."""
    english = english_forms(country.name_en)
    french = french_forms(country.name_fr, country.french_gender)
    french["possessive"] = french["of"]
    # "making Russia Canada's 19th market" / "faisant de la Russie le 19e marché".
    english["making"] = english["name"]
    french["making"] = french["of"]
    forms = {key: {"en": english[key], "fr": french[key]} for key in english}
    forms["code"] = country.code
    forms["formal"] = {"en": country.formal_name_en, "fr": country.formal_name_fr}
    forms["adjective"] = {"en": country.adjective_en, "fr": country.adjective_fr}
    forms["adjective_feminine"] = {"en": country.adjective_en, "fr": country.adjective_feminine_fr}
    forms["language"] = {"en": country.language_en, "fr": country.language_fr}
    return forms
