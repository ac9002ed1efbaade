"""The grammar of generated sentences: one named function per decision, English and French.

Templates and snapshot builders call these; none of them decides "de" + "le" again.

French
  * contractions: :func:`de` ("de" + "le Japon" -> "du Japon", + "les machines" -> "des
    machines", + "l’Inde" -> "de l’Inde"), :func:`a` ("à" + "le Caire" -> "au Caire");
  * elision before a vowel or a mute h: :func:`elides` ("d’Israël", "d’Haïti", but
    "de Hongrie", "du Yémen");
  * agreement of a group (participants, highlights, commemorations): :func:`agreement`
    (plural as soon as there are two; masculine unless every member is feminine);
  * typography: :func:`typography` (no-break space before : ; ? ! and inside « »),
    :func:`punctuation`; the thousands separator is Babel's (``relations.formatting``).

English
  * "the": :func:`with_article` and :func:`join_with_articles` ("the UN, G7 and G20" when
    every name takes "the", "APEC, the G20 and the UN" when not);
  * lists: ``relations.formatting.join_list`` (serial comma only where an item contains "and").

Pure functions, no Django imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "APOSTROPHE",
    "NBSP",
    "Agreement",
    "a",
    "agreement",
    "de",
    "elides",
    "join_with_articles",
    "punctuation",
    "typography",
    "with_article",
]

NBSP = "\u00a0"
APOSTROPHE = "\u2019"  # French elision is written with the typographic apostrophe: l’Inde

_VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")

# Words whose h is mute, so "de" and "le" elide before them (d’Haïti, l’hiver). Every other
# h is treated as aspirated: de Hongrie, le Honduras, la Hongrie.
MUTE_H_WORDS = frozenset(
    {
        "haïti",
        "habitant",
        "habitants",
        "habitation",
        "héritage",
        "heure",
        "histoire",
        "hiver",
        "homme",
        "hommes",
        "hommage",
        "honneur",
        "hôpital",
        "hôtel",
        "hôtellerie",
        "horlogerie",
        "horticulture",
        "huile",
        "huiles",
        "humanité",
        "hydrocarbures",
        "hydrogène",
        "hydroélectricité",
        "hygiène",
    }
)


def _first_word(phrase: str) -> str:
    return re.split(r"[\s\-’']", phrase.strip(), maxsplit=1)[0]


def elides(word: str) -> bool:
    """Whether "de", "le", "la" elide before this word (d’Inde, l’Iran; not du Yémen).

    A vowel elides, except "y" before a vowel (le Yémen); an "h" only when mute (Haïti).
    """
    first = _first_word(word)
    if not first:
        return False
    lowered = first.lower()
    initial = lowered[0]
    if initial == "y":
        return len(lowered) > 1 and lowered[1] not in _VOWELS
    if initial == "h":
        return lowered in MUTE_H_WORDS
    return initial in _VOWELS


# Articles a French noun phrase may start with, and what "de" and "à" make of them.
_ARTICLES = (
    # (article as written, de + article, à + article)
    ("les ", "des ", "aux "),
    ("le ", "du ", "au "),
    ("la ", "de la ", "à la "),
    ("l’", "de l’", "à l’"),
    ("l'", "de l’", "à l’"),
)
# Phrases that already carry their preposition: "de" added again would read "de de".
_ALREADY_PREPOSITIONAL = ("de ", "d’", "d'", "du ", "des ")


def _contract(phrase: str, *, de_form: bool, place: bool) -> str:
    """ "de" or "à" before a French noun phrase, contracting or eliding as the article asks."""
    text = phrase.strip()
    if not text:
        return ""
    for article, after_de, after_a in _ARTICLES:
        # The article of a place name contracts even when capitalised (au Caire, du Havre,
        # but à La Havane); the article of a person's or a company's name never does
        # (de Le Clézio).
        candidates = [article]
        if place and article in {"le ", "les "}:
            candidates.append(article.capitalize())
        for written in candidates:
            if text.startswith(written):
                rest = text[len(written) :]
                return (after_de if de_form else after_a) + rest
    if de_form:
        if text.startswith(_ALREADY_PREPOSITIONAL):
            return text
        return f"d{APOSTROPHE}{text}" if elides(text) else f"de {text}"
    return f"à {text}"


def de(phrase: str, *, place: bool = False) -> str:
    """ "de" + a French noun phrase that carries its own article, contracted.

    de("le Japon") -> "du Japon"; de("les machines") -> "des machines";
    de("la Russie") -> "de la Russie"; de("l’Inde") -> "de l’Inde";
    de("Israël") -> "d’Israël"; de("Cuba") -> "de Cuba".
    A phrase that already starts with de/d’/du/des is returned as it is (never "de de").
    ``place=True`` contracts a capitalised article too, as place names need: "du Caire".
    """
    return _contract(phrase, de_form=True, place=place)


def a(phrase: str, *, place: bool = False) -> str:
    """ "à" + a French noun phrase, contracted: "au Japon", "aux États-Unis", "à la Barbade".

    ``place=True`` for city names whose article is part of the name: "au Caire", "à La Paz".
    """
    return _contract(phrase, de_form=False, place=place)


@dataclass(frozen=True)
class Agreement:
    """The gender and number a French word agrees with: "célébré", "célébrées", "tous"."""

    feminine: bool = False
    plural: bool = False

    @property
    def number(self) -> int:
        """1 or 2, for ``{% blocktranslate count %}`` (French: plural from 2)."""
        return 2 if self.plural else 1

    @property
    def code(self) -> str:
        return ("f" if self.feminine else "m") + ("p" if self.plural else "s")

    @classmethod
    def from_code(cls, code: str) -> Agreement:
        """From "ms", "fs", "mp" or "fp"."""
        if code not in {"ms", "fs", "mp", "fp"}:
            raise ValueError(f"unknown agreement {code!r}; expected ms, fs, mp or fp")
        return cls(feminine=code[0] == "f", plural=code[1] == "p")


def agreement(members: Iterable[Agreement]) -> Agreement:
    """What a group agrees as: plural from two members (or a plural member), feminine only
    when every member is feminine (French: "ils" as soon as one is masculine)."""
    members = list(members)
    if not members:
        raise ValueError("a group needs at least one member")
    plural = len(members) > 1 or members[0].plural
    return Agreement(feminine=all(m.feminine for m in members), plural=plural)


# --- Typography --------------------------------------------------------------

# A run of high punctuation after a word, with or without a space before it, followed by a
# space or the end: "Sources: X" -> "Sources : X". Not "https://" nor "10:30".
_HIGH_PUNCTUATION = re.compile(r"(?<=\S)[ \u00a0\u202f]?([:;!?]+)(?=\s|$|[»”)\]])")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]?")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]?»")


def typography(text: str, language: str) -> str:
    """Plain text as each language's typography writes it.

    French: a no-break space before : ; ? ! and inside « »; English: unchanged. Plain text
    only (escape HTML after, never before: "&amp;" ends with ";").
    """
    if not text or not language.startswith("fr"):
        return text
    text = _HIGH_PUNCTUATION.sub(lambda m: NBSP + m.group(1), text)
    text = _OPEN_GUILLEMET.sub("«" + NBSP, text)
    return _CLOSE_GUILLEMET.sub(NBSP + "»", text)


def punctuation(mark: str, language: str) -> str:
    """A punctuation mark as it follows a word: ";" in English, "\u00a0;" in French."""
    if language.startswith("fr") and mark in {":", ";", "?", "!", "»"}:
        return NBSP + mark
    return mark


# --- English articles --------------------------------------------------------


def with_article(name: str, takes_the: bool) -> str:
    """ "the United States" / "Japan"; "the G20" / "APEC"."""
    return f"the {name}" if takes_the and name else name


def join_with_articles(names: Sequence[tuple[str, bool]], join) -> str:
    """English names, each with its "the" where it takes one, joined by ``join``.

    When every name takes "the", one article serves the list ("the UN, G-8 and G-20", as
    the reference text writes); otherwise each carries its own ("APEC, the G20 and the
    UN"), so "the" never reaches a name that does not take it.
    """
    if not names:
        return ""
    if all(takes for _, takes in names):
        return with_article(join([name for name, _ in names]), True)
    return join([with_article(name, takes) for name, takes in names])
