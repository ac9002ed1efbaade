"""The French sentences of the page follow French typography in the catalogue itself."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PAGE_TEMPLATES = ("templates/relations/sections/", "templates/trade/glance.html")


def page_messages():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    for message in catalogue:
        if message.id and any(
            location.startswith(PAGE_TEMPLATES) for location, _ in message.locations
        ):
            yield message


def translations(message):
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_page_sentence_has_a_french_translation():
    missing = [
        message.id for message in page_messages() if message.fuzzy or not all(translations(message))
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("pattern", "rule"),
    [
        (r"[^\u00a0][:;!?]", "a no-break space before : ; ? !"),
        (r"«[^\u00a0]|[^\u00a0]»", "no-break spaces inside « »"),
        (r"%\(\w+\)s %%|\d %", "a no-break space before %"),
        # partner is "le Japon": "de" or "à" before it would read "de le Japon"; the
        # sentence takes partner_from ("du Japon") or partner_in ("au Japon") instead.
        (r"\b(?:de|à|en) %\((?:partner|home|names)\)s", "no preposition before a form"),
    ],
)
def test_french_page_sentences_follow_the_rule(pattern, rule):
    broken = [
        text
        for message in page_messages()
        for text in translations(message)
        if re.search(pattern, text.replace("%%", "%"))
    ]
    assert broken == [], rule
