"""One function per grammatical decision: contractions, elision, agreement, typography,
English articles and lists."""

from decimal import Decimal

import pytest

from relations.formatting import growth_percent, join_list
from relations.grammar import (
    NBSP,
    Agreement,
    a,
    agreement,
    de,
    elides,
    join_with_articles,
    punctuation,
    typography,
    with_article,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("le Japon", "du Japon"),
        ("les machines", "des machines"),
        ("les céréales", "des céréales"),
        ("la Russie", "de la Russie"),
        ("l’Inde", "de l’Inde"),
        ("l'Inde", "de l’Inde"),
        ("Israël", "d’Israël"),
        ("Haïti", "d’Haïti"),
        ("Cuba", "de Cuba"),
        ("Hongrie", "de Hongrie"),
        ("Yémen", "de Yémen"),
        ("Anne Hébert", "d’Anne Hébert"),
        ("Le Clézio", "de Le Clézio"),  # a person's name keeps its article
        ("de Russie", "de Russie"),  # never "de de"
        ("du Japon", "du Japon"),
        ("d’Inde", "d’Inde"),
        ("", ""),
    ],
)
def test_de_contracts_and_elides(phrase, expected):
    assert de(phrase) == expected


def test_de_contracts_the_capitalised_article_of_a_place():
    assert de("Le Caire", place=True) == "du Caire"
    assert de("Les Abymes", place=True) == "des Abymes"
    assert de("La Havane", place=True) == "de La Havane"


@pytest.mark.parametrize(
    ("phrase", "place", "expected"),
    [
        ("le Japon", False, "au Japon"),
        ("les États-Unis", False, "aux États-Unis"),
        ("la Barbade", False, "à la Barbade"),
        ("l’Inde", False, "à l’Inde"),
        ("Cuba", False, "à Cuba"),
        ("Le Caire", True, "au Caire"),
        ("Le Havre", True, "au Havre"),
        ("La Havane", True, "à La Havane"),
        ("Le Caire", False, "à Le Caire"),
        ("Washington", True, "à Washington"),
    ],
)
def test_a_contracts(phrase, place, expected):
    assert a(phrase, place=place) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Inde", True),
        ("Iran", True),
        ("Équateur", True),
        ("Ouganda", True),
        ("Haïti", True),
        ("hiver", True),
        ("Hongrie", False),
        ("Honduras", False),
        ("Yémen", False),
        ("Japon", False),
        ("", False),
    ],
)
def test_elision_before_a_vowel_or_a_mute_h_only(word, expected):
    assert elides(word) is expected


def test_a_group_is_plural_from_two_and_feminine_only_if_all_are():
    woman, man = Agreement(feminine=True), Agreement()
    assert agreement([woman]) == Agreement(feminine=True, plural=False)
    assert agreement([woman, woman]) == Agreement(feminine=True, plural=True)
    assert agreement([woman, man]) == Agreement(feminine=False, plural=True)
    assert agreement([Agreement.from_code("fp")]).plural
    assert Agreement.from_code("mp").number == 2
    assert Agreement.from_code("fs").number == 1


def test_agreement_refuses_an_unknown_code_and_an_empty_group():
    with pytest.raises(ValueError):
        Agreement.from_code("xx")
    with pytest.raises(ValueError):
        agreement([])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sources: Statistique Canada", f"Sources{NBSP}: Statistique Canada"),
        ("Sources : Statistique Canada", f"Sources{NBSP}: Statistique Canada"),
        ("A (2019); B", f"A (2019){NBSP}; B"),
        ("Vraiment?!", f"Vraiment{NBSP}?!"),
        ("«Poètes du Québec»", f"«{NBSP}Poètes du Québec{NBSP}»"),
        ("« Poètes »", f"«{NBSP}Poètes{NBSP}»"),
        ("https://example.ca à 10:30", "https://example.ca à 10:30"),
        (f"déjà{NBSP}: correct", f"déjà{NBSP}: correct"),
    ],
)
def test_french_typography(text, expected):
    assert typography(text, "fr") == expected


def test_english_typography_is_left_alone():
    assert typography("Sources: A; B", "en") == "Sources: A; B"


def test_punctuation_after_a_word():
    assert punctuation(";", "fr") == f"{NBSP};"
    assert punctuation(";", "en") == ";"
    assert punctuation(",", "fr") == ","


def test_english_the_is_said_once_only_when_every_name_takes_it():
    def join(names):
        return join_list(names, "en")

    assert join_with_articles([("UN", True), ("G-8", True), ("G-20", True)], join) == (
        "the UN, G-8 and G-20"
    )
    assert join_with_articles([("G7", True), ("G20", True), ("APEC", False)], join) == (
        "the G7, the G20 and APEC"
    )
    assert join_with_articles([("APEC", False)], join) == "APEC"
    assert join_with_articles([], join) == ""
    assert with_article("United States", True) == "the United States"
    assert with_article("Japan", False) == "Japan"


def test_two_french_items_one_of_which_holds_et_are_kept_apart_by_a_comma():
    assert join_list(["les combustibles et le pétrole", "les engrais"], "fr") == (
        "les combustibles et le pétrole, et les engrais"
    )
    assert join_list(["fish", "aircraft and parts"], "en") == "fish, and aircraft and parts"
    assert join_list(["les engrais", "le bois"], "fr") == "les engrais et le bois"


@pytest.mark.parametrize(
    ("multiple", "expected"),
    [
        ("8.38", {"kind": "more_than_times", "times": 8}),
        ("3.00", {"kind": "times", "times": 3}),
        ("2.00", {"kind": "times", "times": 2}),
        ("1.99", {"kind": "percent", "percent": 99}),
        ("1.45", {"kind": "percent", "percent": 45}),
        ("1.00", {"kind": "flat", "percent": 0}),
        ("0.99", {"kind": "fell", "percent": 1}),
        ("0.75", {"kind": "fell", "percent": 25}),
        ("0.00", {"kind": "fell", "percent": 100}),
    ],
)
def test_growth_picks_the_sentence_the_figures_call_for(multiple, expected):
    from trade.sections import growth_kind

    assert growth_kind(Decimal(multiple)) == expected


def test_growth_percent_is_only_for_multiples_from_1_to_2():
    assert growth_percent(Decimal("1.45")) == 45
    assert growth_percent(Decimal("1.004")) == 0
    for outside in ("2", "0.99"):
        with pytest.raises(ValueError):
            growth_percent(Decimal(outside))
