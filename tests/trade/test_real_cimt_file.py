"""A real Statistics Canada CIMT export imports for a partner profile and reads on its page.

The file is the agency's own (`samples/statcan-cimt-wheat-exports-1988-1999.csv`, see the
samples README for its citation and licence): wheat, HS 1001 at 8–10 digit detail, by
province, 1988–1999, with blank rows and a citation footer. Its partner is "The world"; the
same export made for a partner names that partner in its Country column, which is the one
cell these tests change. The profile is a made-up partner (generated test data).
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from relations.models import ImportBatch, Section
from relations.revisions import revision_publish
from tests.helpers import import_file, messages, page_text
from tests.relations.factories import ProfileFactory, SectionFactory
from trade.models import TradeFigure

WHEAT_FILE = Path(__file__).parent / "samples" / "statcan-cimt-wheat-exports-1988-1999.csv"
DATA_ROWS = 222
# Chapter 10 summed over every province and tariff line of the file (samples README).
CHAPTER_10_1988 = Decimal("4442774599")
CHAPTER_10_1999 = Decimal("3397122034")


@pytest.fixture
def partner_profile(db):
    profile = ProfileFactory()
    SectionFactory(
        profile=profile,
        kind=Section.Kind.TRADE,
        key="trade",
        heading_en="Trade",
        heading_fr="Commerce",
        body_en="",
        body_fr="",
    )
    return profile


def wheat_file_for(partner_name: str) -> bytes:
    """The real file with its Country cells naming `partner_name`; every other byte kept."""
    text = WHEAT_FILE.read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    country = header.index("Country")
    for row in rows[1:]:
        if len(row) > country and row[country] == "The world":
            row[country] = partner_name
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_the_real_file_names_a_different_partner_once_with_its_lines(partner_profile):
    result = import_file(
        "trade-figures",
        WHEAT_FILE.read_bytes(),
        file_name=WHEAT_FILE.name,
        profile=partner_profile,
        layout="cimt",
        flow="export",
    )

    problems = messages(result)
    assert len(problems) == 1, problems
    assert "The world" in problems[0]
    assert f"{DATA_ROWS} rows" in problems[0]
    assert "lines 2–223" in problems[0]
    assert not TradeFigure.objects.exists()
    assert not ImportBatch.objects.exists()


def test_the_real_file_sums_every_tariff_line_into_chapter_10_per_year(partner_profile):
    data = wheat_file_for(partner_profile.partner.name_en)

    result = import_file(
        "trade-figures",
        data,
        file_name=WHEAT_FILE.name,
        profile=partner_profile,
        layout="cimt",
        flow="export",
    )

    assert messages(result) == []
    assert result.created == 12
    figures = TradeFigure.objects.filter(profile=partner_profile)
    assert {f.chapter.code for f in figures} == {"10"}
    assert sorted(f.year for f in figures) == list(range(1988, 2000))
    assert figures.get(year=1988).value == CHAPTER_10_1988
    assert figures.get(year=1999).value == CHAPTER_10_1999
    assert {f.flow for f in figures} == {"export"}


def test_the_real_file_makes_cereals_the_key_export_on_both_pages(
    client, publisher, partner_profile
):
    import_file(
        "trade-figures",
        wheat_file_for(partner_profile.partner.name_en),
        file_name=WHEAT_FILE.name,
        profile=partner_profile,
        layout="cimt",
        flow="export",
    )
    revision_publish(
        profile=partner_profile, by=publisher, change_note_en="Wheat", change_note_fr="Blé"
    )

    english = page_text(client.get("/en/relations/testland/"))
    french = page_text(client.get("/fr/relations/testland/"))

    assert "Key Canadian merchandise exports to Testland were cereals." in english
    assert (
        "Les principales exportations canadiennes de marchandises vers la Testlande étaient "
        "les céréales." in french
    )
    assert "from $4.4 billion in 1988 to $3.4 billion in 1999" in english
    assert "de 4,4 milliards de dollars en 1988 à 3,4 milliards de dollars en 1999" in french
