"""The key commodities sentence names the largest chapters of the latest year by their
sentence forms, in both languages; without chapter figures it keeps the editor's list."""

from decimal import Decimal

import pytest

from relations.models import Section
from relations.revisions import revision_publish
from tests.helpers import page_text
from tests.relations.factories import ProfileFactory, SectionFactory
from tests.trade.factories import GENERATED_SOURCE, TradeFigureFactory
from trade.models import HSChapter, KeyCommodity

EXPORTS_EN = "Key Canadian merchandise exports to Testland were {}."
EXPORTS_FR = (
    "Les principales exportations canadiennes de marchandises vers la Testlande étaient {}."
)


@pytest.fixture
def testland(db):
    """A made-up partner with a trade section (generated test data)."""
    profile = ProfileFactory()
    SectionFactory(
        profile=profile,
        kind=Section.Kind.TRADE,
        key="trade",
        heading_en="Trade",
        heading_fr="Commerce",
    )
    return profile


def chapter_figures(profile, year: int, flow: str, values: dict[str, int]) -> None:
    for code, value in values.items():
        TradeFigureFactory(
            profile=profile,
            year=year,
            flow=flow,
            kind="merchandise",
            chapter=HSChapter.objects.get(code=code),
            value=Decimal(value),
            **GENERATED_SOURCE,
        )


def published_texts(client, profile, publisher) -> dict[str, str]:
    revision_publish(profile=profile, by=publisher, change_note_en="x", change_note_fr="x")
    return {
        language: " ".join(page_text(client.get(f"/{language}/relations/testland/")).split())
        for language in ("en", "fr")
    }


def test_wheat_figures_make_cereals_the_key_export_in_both_languages(client, publisher, testland):
    """Chapter 10 (wheat is heading 10.01) reads "cereals" / "les céréales"."""
    chapter_figures(testland, 1999, "export", {"10": 1_230_000_000})

    texts = published_texts(client, testland, publisher)

    assert EXPORTS_EN.format("cereals") in texts["en"]
    assert EXPORTS_FR.format("les céréales") in texts["fr"]


@pytest.mark.parametrize(
    ("values", "english", "french"),
    [
        (
            {"84": 300, "10": 500, "76": 100},
            "cereals, machinery and aluminum",
            "les céréales, les machines et l’aluminium",
        ),
        (
            {"88": 50, "12": 400, "02": 90},
            "oilseeds, meat, and aircraft and parts",
            "les graines oléagineuses, la viande et les aéronefs et leurs pièces",
        ),
    ],
)
def test_the_largest_chapters_of_the_latest_year_are_listed_by_value(
    client, publisher, testland, values, english, french
):
    chapter_figures(testland, 2018, "export", {"30": 10_000})  # an older year: not listed
    chapter_figures(testland, 2019, "export", {c: v * 1_000_000 for c, v in values.items()})

    texts = published_texts(client, testland, publisher)

    assert EXPORTS_EN.format(english) in texts["en"]
    assert EXPORTS_FR.format(french) in texts["fr"]
    assert "pharmaceutical" not in texts["en"]


def test_imports_are_concentrated_in_their_chapters_sentence_forms(client, publisher, testland):
    chapter_figures(testland, 2019, "import", {"27": 800_000_000, "31": 200_000_000})

    texts = published_texts(client, testland, publisher)

    # Two items, one holding "and": a comma keeps them apart (relations.formatting.join_list).
    assert "were concentrated in mineral fuels and oil, and fertilizers." in texts["en"]
    assert (
        "portaient principalement sur les combustibles minéraux et le pétrole, et les engrais."
        in texts["fr"]
    )


def test_without_chapter_figures_for_the_latest_year_the_editors_list_is_kept(
    client, publisher, testland
):
    chapter_figures(testland, 2017, "export", {"10": 5_000_000})
    TradeFigureFactory(profile=testland, year=2019, value=Decimal(9_000_000))
    KeyCommodity.objects.create(
        profile=testland, flow="export", chapter=HSChapter.objects.get(code="03"), position=1
    )

    texts = published_texts(client, testland, publisher)

    assert EXPORTS_EN.format("fish") in texts["en"]
    assert EXPORTS_FR.format("le poisson") in texts["fr"]
