"""Write relations/data/countries.json: the 193 UN member states, named for our sentences.

Names come from ISO 3166-1 as pycountry ships it (the Debian iso-codes data, with its French
translations); where Canadian federal usage (Global Affairs Canada, TERMIUM Plus) differs, the
CANADIAN table below wins and the README lists it. The French grammar class and the English
"the" are guessed by the rules in relations/countries.py, so a rule is written once.
Adjectives are written here by hand (no ISO source has them).

    .venv/bin/python tools/generate_countries.py          # rewrite the file
    .venv/bin/python tools/generate_countries.py --check  # exit 1 if the file is stale

Needs pycountry (requirements-dev.txt). The data migration reads the JSON file, so
migrating never needs pycountry or the network.
"""

import argparse
import gettext
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "relations" / "data" / "countries.json"

# The UN's 193 member states (South Sudan, 2011, the latest), by ISO 3166-1 alpha-2 code.
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM
CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR
GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA
LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ
NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL
SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY
UZ VU VE VN YE ZM ZW
""".split()

# Where Canadian usage differs from ISO 3166's short names (or ISO writes them inverted, as
# "Korea, Republic of"): code -> (English, French); None keeps ISO's.
CANADIAN = {
    "BN": ("Brunei Darussalam", "Brunéi Darussalam"),
    "CG": ("Republic of the Congo", "République du Congo"),
    "CD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "FM": ("Micronesia", "Micronésie"),
    "GQ": (None, "Guinée équatoriale"),
    "IQ": (None, "Iraq"),
    "IR": ("Iran", "Iran"),
    "KN": (None, "Saint-Kitts-et-Nevis"),
    "KP": ("North Korea", "Corée du Nord"),
    "KR": ("South Korea", "Corée du Sud"),
    "LA": ("Laos", "Laos"),
    "MD": ("Moldova", "Moldova"),
    "MM": (None, "Myanmar"),
    "RU": ("Russia", "Russie"),
    "SB": (None, "Îles Salomon"),
    "SV": (None, "Salvador"),
    "SY": ("Syria", "Syrie"),
    "TL": (None, "Timor-Leste"),
    "TR": (None, "Türkiye"),
    "TT": (None, "Trinité-et-Tobago"),
    "TZ": ("Tanzania", "Tanzanie"),
    "VE": ("Venezuela", "Venezuela"),
    "VN": ("Vietnam", "Vietnam"),
}
# Formal names ISO lacks or writes inverted: code -> (English, French), without article.
FORMAL = {
    "BA": ("Bosnia and Herzegovina", "Bosnie-Herzégovine"),
    "BD": ("People’s Republic of Bangladesh", "République populaire du Bangladesh"),
    "BT": ("Kingdom of Bhutan", "Royaume du Bhoutan"),
    "HT": ("Republic of Haiti", "République d’Haïti"),
    "PW": ("Republic of Palau", "République des Palaos"),
    "BN": ("Brunei Darussalam", "Brunéi Darussalam"),
    "CD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "FM": ("Federated States of Micronesia", "États fédérés de Micronésie"),
    "KR": ("Republic of Korea", "République de Corée"),
    "LA": ("Lao People’s Democratic Republic", "République démocratique populaire lao"),
    "RU": ("Russian Federation", "Fédération de Russie"),
    "SB": ("Solomon Islands", "Îles Salomon"),
    "SY": ("Syrian Arab Republic", "République arabe syrienne"),
    "TR": ("Republic of Türkiye", "République de Türkiye"),
    "VN": ("Socialist Republic of Viet Nam", "République socialiste du Viet Nam"),
}
# Main language, where the page may say "translated into …" (the fixture's two).
LANGUAGES = {"CA": ("English and French", "anglais et français"), "RU": ("Russian", "russe")}

# Adjectives: English, French masculine singular, French feminine singular.
ADJECTIVES = {
    "AF": ("Afghan", "afghan", "afghane"),
    "AL": ("Albanian", "albanais", "albanaise"),
    "DZ": ("Algerian", "algérien", "algérienne"),
    "AD": ("Andorran", "andorran", "andorrane"),
    "AO": ("Angolan", "angolais", "angolaise"),
    "AG": ("Antiguan and Barbudan", "antiguais-barbudien", "antiguaise-barbudienne"),
    "AR": ("Argentine", "argentin", "argentine"),
    "AM": ("Armenian", "arménien", "arménienne"),
    "AU": ("Australian", "australien", "australienne"),
    "AT": ("Austrian", "autrichien", "autrichienne"),
    "AZ": ("Azerbaijani", "azerbaïdjanais", "azerbaïdjanaise"),
    "BS": ("Bahamian", "bahamien", "bahamienne"),
    "BH": ("Bahraini", "bahreïni", "bahreïnie"),
    "BD": ("Bangladeshi", "bangladais", "bangladaise"),
    "BB": ("Barbadian", "barbadien", "barbadienne"),
    "BY": ("Belarusian", "bélarussien", "bélarussienne"),
    "BE": ("Belgian", "belge", "belge"),
    "BZ": ("Belizean", "bélizien", "bélizienne"),
    "BJ": ("Beninese", "béninois", "béninoise"),
    "BT": ("Bhutanese", "bhoutanais", "bhoutanaise"),
    "BO": ("Bolivian", "bolivien", "bolivienne"),
    "BA": ("Bosnian", "bosnien", "bosnienne"),
    "BW": ("Botswanan", "botswanais", "botswanaise"),
    "BR": ("Brazilian", "brésilien", "brésilienne"),
    "BN": ("Bruneian", "brunéien", "brunéienne"),
    "BG": ("Bulgarian", "bulgare", "bulgare"),
    "BF": ("Burkinabe", "burkinabé", "burkinabée"),
    "BI": ("Burundian", "burundais", "burundaise"),
    "CV": ("Cabo Verdean", "cap-verdien", "cap-verdienne"),
    "KH": ("Cambodian", "cambodgien", "cambodgienne"),
    "CM": ("Cameroonian", "camerounais", "camerounaise"),
    "CA": ("Canadian", "canadien", "canadienne"),
    "CF": ("Central African", "centrafricain", "centrafricaine"),
    "TD": ("Chadian", "tchadien", "tchadienne"),
    "CL": ("Chilean", "chilien", "chilienne"),
    "CN": ("Chinese", "chinois", "chinoise"),
    "CO": ("Colombian", "colombien", "colombienne"),
    "KM": ("Comorian", "comorien", "comorienne"),
    "CG": ("Congolese", "congolais", "congolaise"),
    "CR": ("Costa Rican", "costaricain", "costaricaine"),
    "CI": ("Ivorian", "ivoirien", "ivoirienne"),
    "HR": ("Croatian", "croate", "croate"),
    "CU": ("Cuban", "cubain", "cubaine"),
    "CY": ("Cypriot", "chypriote", "chypriote"),
    "CZ": ("Czech", "tchèque", "tchèque"),
    "KP": ("North Korean", "nord-coréen", "nord-coréenne"),
    "CD": ("Congolese", "congolais", "congolaise"),
    "DK": ("Danish", "danois", "danoise"),
    "DJ": ("Djiboutian", "djiboutien", "djiboutienne"),
    "DM": ("Dominican", "dominiquais", "dominiquaise"),
    "DO": ("Dominican", "dominicain", "dominicaine"),
    "EC": ("Ecuadorian", "équatorien", "équatorienne"),
    "EG": ("Egyptian", "égyptien", "égyptienne"),
    "SV": ("Salvadoran", "salvadorien", "salvadorienne"),
    "GQ": ("Equatorial Guinean", "équato-guinéen", "équato-guinéenne"),
    "ER": ("Eritrean", "érythréen", "érythréenne"),
    "EE": ("Estonian", "estonien", "estonienne"),
    "SZ": ("Swazi", "swazi", "swazie"),
    "ET": ("Ethiopian", "éthiopien", "éthiopienne"),
    "FJ": ("Fijian", "fidjien", "fidjienne"),
    "FI": ("Finnish", "finlandais", "finlandaise"),
    "FR": ("French", "français", "française"),
    "GA": ("Gabonese", "gabonais", "gabonaise"),
    "GM": ("Gambian", "gambien", "gambienne"),
    "GE": ("Georgian", "géorgien", "géorgienne"),
    "DE": ("German", "allemand", "allemande"),
    "GH": ("Ghanaian", "ghanéen", "ghanéenne"),
    "GR": ("Greek", "grec", "grecque"),
    "GD": ("Grenadian", "grenadien", "grenadienne"),
    "GT": ("Guatemalan", "guatémaltèque", "guatémaltèque"),
    "GN": ("Guinean", "guinéen", "guinéenne"),
    "GW": ("Bissau-Guinean", "bissau-guinéen", "bissau-guinéenne"),
    "GY": ("Guyanese", "guyanien", "guyanienne"),
    "HT": ("Haitian", "haïtien", "haïtienne"),
    "HN": ("Honduran", "hondurien", "hondurienne"),
    "HU": ("Hungarian", "hongrois", "hongroise"),
    "IS": ("Icelandic", "islandais", "islandaise"),
    "IN": ("Indian", "indien", "indienne"),
    "ID": ("Indonesian", "indonésien", "indonésienne"),
    "IR": ("Iranian", "iranien", "iranienne"),
    "IQ": ("Iraqi", "iraquien", "iraquienne"),
    "IE": ("Irish", "irlandais", "irlandaise"),
    "IL": ("Israeli", "israélien", "israélienne"),
    "IT": ("Italian", "italien", "italienne"),
    "JM": ("Jamaican", "jamaïcain", "jamaïcaine"),
    "JP": ("Japanese", "japonais", "japonaise"),
    "JO": ("Jordanian", "jordanien", "jordanienne"),
    "KZ": ("Kazakh", "kazakh", "kazakhe"),
    "KE": ("Kenyan", "kényan", "kényane"),
    "KI": ("I-Kiribati", "kiribatien", "kiribatienne"),
    "KW": ("Kuwaiti", "koweïtien", "koweïtienne"),
    "KG": ("Kyrgyz", "kirghize", "kirghize"),
    "LA": ("Lao", "laotien", "laotienne"),
    "LV": ("Latvian", "letton", "lettonne"),
    "LB": ("Lebanese", "libanais", "libanaise"),
    "LS": ("Basotho", "lesothan", "lesothane"),
    "LR": ("Liberian", "libérien", "libérienne"),
    "LY": ("Libyan", "libyen", "libyenne"),
    "LI": ("Liechtenstein", "liechtensteinois", "liechtensteinoise"),
    "LT": ("Lithuanian", "lituanien", "lituanienne"),
    "LU": ("Luxembourg", "luxembourgeois", "luxembourgeoise"),
    "MG": ("Malagasy", "malgache", "malgache"),
    "MW": ("Malawian", "malawite", "malawite"),
    "MY": ("Malaysian", "malaisien", "malaisienne"),
    "MV": ("Maldivian", "maldivien", "maldivienne"),
    "ML": ("Malian", "malien", "malienne"),
    "MT": ("Maltese", "maltais", "maltaise"),
    "MH": ("Marshallese", "marshallais", "marshallaise"),
    "MR": ("Mauritanian", "mauritanien", "mauritanienne"),
    "MU": ("Mauritian", "mauricien", "mauricienne"),
    "MX": ("Mexican", "mexicain", "mexicaine"),
    "FM": ("Micronesian", "micronésien", "micronésienne"),
    "MD": ("Moldovan", "moldave", "moldave"),
    "MC": ("Monegasque", "monégasque", "monégasque"),
    "MN": ("Mongolian", "mongol", "mongole"),
    "ME": ("Montenegrin", "monténégrin", "monténégrine"),
    "MA": ("Moroccan", "marocain", "marocaine"),
    "MZ": ("Mozambican", "mozambicain", "mozambicaine"),
    "MM": ("Myanmar", "myanmarais", "myanmaraise"),
    "NA": ("Namibian", "namibien", "namibienne"),
    "NR": ("Nauruan", "nauruan", "nauruane"),
    "NP": ("Nepalese", "népalais", "népalaise"),
    "NL": ("Dutch", "néerlandais", "néerlandaise"),
    "NZ": ("New Zealand", "néo-zélandais", "néo-zélandaise"),
    "NI": ("Nicaraguan", "nicaraguayen", "nicaraguayenne"),
    "NE": ("Nigerien", "nigérien", "nigérienne"),
    "NG": ("Nigerian", "nigérian", "nigériane"),
    "MK": ("North Macedonian", "macédonien", "macédonienne"),
    "NO": ("Norwegian", "norvégien", "norvégienne"),
    "OM": ("Omani", "omanais", "omanaise"),
    "PK": ("Pakistani", "pakistanais", "pakistanaise"),
    "PW": ("Palauan", "palaosien", "palaosienne"),
    "PA": ("Panamanian", "panaméen", "panaméenne"),
    "PG": ("Papua New Guinean", "papouan-néo-guinéen", "papouane-néo-guinéenne"),
    "PY": ("Paraguayan", "paraguayen", "paraguayenne"),
    "PE": ("Peruvian", "péruvien", "péruvienne"),
    "PH": ("Philippine", "philippin", "philippine"),
    "PL": ("Polish", "polonais", "polonaise"),
    "PT": ("Portuguese", "portugais", "portugaise"),
    "QA": ("Qatari", "qatarien", "qatarienne"),
    "KR": ("South Korean", "sud-coréen", "sud-coréenne"),
    "RO": ("Romanian", "roumain", "roumaine"),
    "RU": ("Russian", "russe", "russe"),
    "RW": ("Rwandan", "rwandais", "rwandaise"),
    "KN": ("Kittitian and Nevisian", "kittitien-névicien", "kittitienne-névicienne"),
    "LC": ("Saint Lucian", "saint-lucien", "saint-lucienne"),
    "VC": ("Vincentian", "vincentais", "vincentaise"),
    "WS": ("Samoan", "samoan", "samoane"),
    "SM": ("Sammarinese", "saint-marinais", "saint-marinaise"),
    "ST": ("Santomean", "santoméen", "santoméenne"),
    "SA": ("Saudi", "saoudien", "saoudienne"),
    "SN": ("Senegalese", "sénégalais", "sénégalaise"),
    "RS": ("Serbian", "serbe", "serbe"),
    "SC": ("Seychellois", "seychellois", "seychelloise"),
    "SL": ("Sierra Leonean", "sierra-léonais", "sierra-léonaise"),
    "SG": ("Singaporean", "singapourien", "singapourienne"),
    "SK": ("Slovak", "slovaque", "slovaque"),
    "SI": ("Slovenian", "slovène", "slovène"),
    "SB": ("Solomon Islander", "salomonais", "salomonaise"),
    "SO": ("Somali", "somalien", "somalienne"),
    "ZA": ("South African", "sud-africain", "sud-africaine"),
    "SS": ("South Sudanese", "sud-soudanais", "sud-soudanaise"),
    "ES": ("Spanish", "espagnol", "espagnole"),
    "LK": ("Sri Lankan", "sri-lankais", "sri-lankaise"),
    "SD": ("Sudanese", "soudanais", "soudanaise"),
    "SR": ("Surinamese", "surinamais", "surinamaise"),
    "SE": ("Swedish", "suédois", "suédoise"),
    "CH": ("Swiss", "suisse", "suisse"),
    "SY": ("Syrian", "syrien", "syrienne"),
    "TJ": ("Tajik", "tadjik", "tadjike"),
    "TZ": ("Tanzanian", "tanzanien", "tanzanienne"),
    "TH": ("Thai", "thaïlandais", "thaïlandaise"),
    "TL": ("Timorese", "timorais", "timoraise"),
    "TG": ("Togolese", "togolais", "togolaise"),
    "TO": ("Tongan", "tongien", "tongienne"),
    "TT": ("Trinidadian and Tobagonian", "trinidadien", "trinidadienne"),
    "TN": ("Tunisian", "tunisien", "tunisienne"),
    "TR": ("Turkish", "turc", "turque"),
    "TM": ("Turkmen", "turkmène", "turkmène"),
    "TV": ("Tuvaluan", "tuvaluan", "tuvaluane"),
    "UG": ("Ugandan", "ougandais", "ougandaise"),
    "UA": ("Ukrainian", "ukrainien", "ukrainienne"),
    "AE": ("Emirati", "émirien", "émirienne"),
    "GB": ("British", "britannique", "britannique"),
    "US": ("American", "américain", "américaine"),
    "UY": ("Uruguayan", "uruguayen", "uruguayenne"),
    "UZ": ("Uzbek", "ouzbek", "ouzbèke"),
    "VU": ("Ni-Vanuatu", "vanuatais", "vanuataise"),
    "VE": ("Venezuelan", "vénézuélien", "vénézuélienne"),
    "VN": ("Vietnamese", "vietnamien", "vietnamienne"),
    "YE": ("Yemeni", "yéménite", "yéménite"),
    "ZM": ("Zambian", "zambien", "zambienne"),
    "ZW": ("Zimbabwean", "zimbabwéen", "zimbabwéenne"),
}


def plural(adjective: str) -> str:
    """French plural of an adjective: canadien -> canadiens; français, grec/grecs."""
    return adjective if adjective.endswith(("s", "x")) else adjective + "s"


def typographic(text: str) -> str:
    return text.replace("'", "’")


def build() -> list[dict]:
    import pycountry

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from relations.countries import (
        french_article,
        french_article_for_formal_name,
        guess_english_the,
        guess_french_class,
    )

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193, len(set(UN_MEMBERS))
    assert set(ADJECTIVES) == set(UN_MEMBERS), set(UN_MEMBERS) ^ set(ADJECTIVES)
    rows = []
    for code in sorted(UN_MEMBERS):
        iso = pycountry.countries.get(alpha_2=code)
        short_en = getattr(iso, "common_name", None) or iso.name
        name_en, name_fr = CANADIAN.get(code, (None, None))
        name_en = typographic(name_en or short_en)
        name_fr = typographic(name_fr or french.gettext(short_en))
        official = getattr(iso, "official_name", None)
        if official and official.startswith("the "):
            official = official[len("the ") :]
        formal_en, formal_fr = FORMAL.get(code, (None, None))
        formal_en = typographic(formal_en or official or name_en)
        formal_fr = typographic(formal_fr or (french.gettext(official) if official else name_fr))
        for text in (name_en, name_fr, formal_en, formal_fr):
            if ", " in text:
                raise SystemExit(f"{code}: ISO writes “{text}” inverted; add it to CANADIAN")
        english_the = guess_english_the(name_en)
        french_class = guess_french_class(name_fr)
        the_fr = french_article(name_fr, french_class)
        adjective_en, masculine, feminine = ADJECTIVES[code]
        language_en, language_fr = LANGUAGES.get(code, ("", ""))
        rows.append(
            {
                "code": code,
                "name_en": name_en,
                "name_fr": name_fr,
                "english_the": english_the,
                "formal_name_en": (
                    formal_en if formal_en == name_en and not english_the else f"the {formal_en}"
                ),
                "formal_name_fr": the_fr
                if formal_fr == name_fr
                else french_article_for_formal_name(formal_fr, the_fr),
                "french_class": str(french_class),
                "adjective_en": adjective_en,
                "adjective_fr": plural(masculine),
                "adjective_feminine_fr": plural(feminine),
                "language_en": language_en,
                "language_fr": language_fr,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        stale = not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text
        print(f"{OUTPUT.relative_to(ROOT)} is {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
