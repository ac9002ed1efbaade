"""The generated sentences read right for any partner, in English and in French.

A matrix: every partner of PARTNERS (each French grammar class, English "the" or not) gets
every profile of VARIANTS (which together reach every sentence branch of every section);
each is rendered through the one renderer in both languages and checked by `problems()`.
Adding a partner is one line in PARTNERS. Generated test data, not content.
"""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone, translation

from culture.models import FrenchAgreement, Highlight
from relations.models import Country, DiplomaticMission, Meeting, Profile, Section
from relations.rendering import render_profile_page
from relations.snapshot import profile_snapshot
from tests.culture.factories import HighlightFactory
from tests.relations.factories import (
    ConsultationTopicFactory,
    DiplomaticMissionFactory,
    HomeCountryFactory,
    MeetingFactory,
    MultilateralForumFactory,
    SectionFactory,
)
from tests.trade.factories import (
    ExportMarketRankFactory,
    SectorFactory,
    TradeFigureFactory,
    TradeMissionFactory,
)
from trade.models import HSChapter, KeyCommodity, TradeMission, TradeMissionSector

# Every test reads the database (the module's fixtures build profiles in it); the marker
# also tells pytest-django to set the test database up when only these tests run.
pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"

# One line per partner: ISO code and its main language (English, French) where a variant
# says "translated into …". Together they cover every French class and English "the".
PARTNERS = {
    "RU": ("Russian", "russe"),  # feminine: la Russie, en Russie, de Russie
    "JP": ("Japanese", "japonais"),  # masculine: le Japon, au Japon, du Japon
    "IN": ("Hindi", "hindi"),  # feminine + vowel: l’Inde, en Inde, d’Inde
    "IR": ("Persian", "persan"),  # masculine + vowel: l’Iran, en Iran, d’Iran
    "US": ("English", "anglais"),  # plural, "the": les États-Unis; formal plural
    "NL": ("Dutch", "néerlandais"),  # plural, "the": les Pays-Bas; formal singular
    "IL": ("Hebrew", "hébreu"),  # no article + vowel: Israël, en Israël, d’Israël
    "CU": ("Spanish", "espagnol"),  # no article: Cuba, à Cuba, de Cuba
    "SG": ("Malay", "malais"),  # no article: Singapour, à Singapour
    "HT": ("Haitian Creole", "créole haïtien"),  # mute h: en Haïti, d’Haïti
    "PH": ("Filipino", "filipino"),  # plural feminine, "the": les Philippines
    "GB": ("English", "anglais"),  # masculine, "the": le Royaume-Uni
    "MX": ("Spanish", "espagnol"),  # masculine in -e: le Mexique; formal plural
    "BB": ("English", "anglais"),  # island with "à la": la Barbade
    "DO": ("Spanish", "espagnol"),  # keeps its article after de: de la République …
    "HU": ("Hungarian", "hongrois"),  # aspirated h: la Hongrie, de Hongrie
    "YE": ("Arabic", "arabe"),  # y before a vowel: le Yémen, du Yémen
    "AE": ("Arabic", "arabe"),  # plural: les Émirats arabes unis
    "GM": ("English", "anglais"),  # "the Gambia", la Gambie
    "CI": ("French", "français"),  # apostrophe in the name: la Côte d’Ivoire
}

YEAR = 2020


def chapter(code):
    """An HS chapter as the nomenclature migration ships it, with its sentence forms."""
    return HSChapter.objects.get(code=code)


def exports(profile, values, *, kind="merchandise", flow="export", **fields):
    for year, value in values.items():
        TradeFigureFactory(
            profile=profile, year=year, kind=kind, flow=flow, value=Decimal(value), **fields
        )


def mission(profile, *, companies=None, qualifier="exact", sectors=()):
    trip = TradeMissionFactory(profile=profile, companies=companies, companies_qualifier=qualifier)
    for position, (en, fr) in enumerate(sectors):
        TradeMissionSector.objects.create(
            mission=trip, sector=SectorFactory(name_en=en, name_fr=fr), position=position
        )
    return trip


def highlight(profile, kind, name_en, name_fr, **fields):
    return HighlightFactory(profile=profile, kind=kind, name_en=name_en, name_fr=name_fr, **fields)


# --- Variants: each builds one profile; together they reach every sentence branch ---------


def rich(profile):
    """Growth more than N times with its rank (first for the United States), many of
    everything, a milestone."""
    profile.relations_established_year = profile.as_of.year - 50
    profile.save()
    exports(profile, {2010: "179000000", YEAR: "1500000000"})
    ExportMarketRankFactory(
        profile=profile, year=YEAR, rank=1 if profile.partner.code == "US" else 19
    )
    for code, value in [("84", "600000000"), ("02", "400000000"), ("88", "300000000")]:
        TradeFigureFactory(profile=profile, year=YEAR, chapter=chapter(code), value=Decimal(value))
    exports(profile, {YEAR: "1300000000"}, flow="import")
    KeyCommodity.objects.create(profile=profile, flow="import", chapter=chapter("27"))
    KeyCommodity.objects.create(profile=profile, flow="import", chapter=chapter("31"))
    statcan = {"source_en": "Statistics Canada", "source_fr": "Statistique Canada"}
    exports(profile, {YEAR - 1: "254000000"}, kind="services", **statcan)
    exports(profile, {YEAR - 1: "419000000"}, kind="services", flow="import", **statcan)
    mission(
        profile,
        companies=30,
        qualifier=TradeMission.CountQualifier.NEARLY,
        sectors=[("aerospace", "aérospatiale"), ("mining", "mines")],
    )
    for name_en, name_fr, agreement, group in [
        ("Cirque du Soleil", "le Cirque du Soleil", "ms", True),
        ("Diana Krall", "Diana Krall", "fs", False),
        ("Robert Lepage", "Robert Lepage", "ms", False),
    ]:
        highlight(
            profile, "performance", name_en, name_fr, french_agreement=agreement, is_group=group
        )
    for name in ("Robert Bateman", "Bryan Adams"):
        highlight(profile, "exhibition", name, name)
    for name in ("Angela Hewitt", "Janina Fialkowska"):
        highlight(profile, "audience", name, name, french_agreement="fs")
    highlight(
        profile,
        "commemoration",
        "Marshall McLuhan’s centennial",
        "le centenaire de Marshall McLuhan",
        year=YEAR - 1,
    )
    for name in ("Margaret Atwood", "Anne Hébert"):
        highlight(profile, "translated_author", name, name)
    highlight(
        profile,
        "publication",
        "Poets of Quebec",
        "Poètes du Québec",
        year=YEAR - 1,
        description_en="an anthology of poetry",
        description_fr="une anthologie de poésie",
    )
    language_en, language_fr = PARTNERS[profile.partner.code]
    Country.objects.filter(pk=profile.partner.pk).update(
        language_en=language_en, language_fr=language_fr
    )
    for topic_en, topic_fr in [("the Arctic", "l’Arctique"), ("trade", "le commerce")]:
        ConsultationTopicFactory(profile=profile, name_en=topic_en, name_fr=topic_fr)
    for forum_en, forum_fr in [("UN", "l’ONU"), ("G20", "le G20")]:
        MultilateralForumFactory(profile=profile, name_en=forum_en, name_fr=forum_fr)
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.MEETING,
        date=datetime.date(YEAR, 3, 4),
        occasion_en="on the margins of the Summit",
        occasion_fr="en marge du Sommet",
        city_en="Cairo",
        city_fr="Le Caire",
    )
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.CALL,
        date=datetime.date(YEAR, 2, 1),
        home_participant_en="Ministers Fast and Baird",
        home_participant_fr="les ministres Fast et Baird",
        home_participant_plural=True,
    )
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.VISIT_TO_HOME,
        date=datetime.date(YEAR, 1, 1),
        date_precision="month",
        home_participant_en="",
        home_participant_fr="",
        occasion_en="for the G20 Summit",
        occasion_fr="pour le Sommet du G20",
    )
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.VISIT_TO_PARTNER,
        date=datetime.date(YEAR - 1, 1, 1),
        partner_participant_en="",
        partner_participant_fr="",
        city_en="Havana",
        city_fr="La Havane",
    )
    for side, kind, city_en, city_fr in [
        ("home", DiplomaticMission.Kind.EMBASSY, "Capital City", "Capitale"),
        ("home", DiplomaticMission.Kind.CONSULATE, "Harbour Town", "Le Havre"),
        ("partner", DiplomaticMission.Kind.EMBASSY, "Ottawa", "Ottawa"),
        ("partner", DiplomaticMission.Kind.CONSULATE, "Toronto", "Toronto"),
        ("partner", DiplomaticMission.Kind.CONSULATE, "Montreal", "Montréal"),
    ]:
        DiplomaticMissionFactory(
            profile=profile, side=side, kind=kind, city_en=city_en, city_fr=city_fr
        )


def modest(profile):
    """Growth by a percentage, one of each, fora with and without "the"."""
    exports(profile, {2015: "100000000", YEAR: "145000000"})
    ExportMarketRankFactory(profile=profile, year=YEAR, rank=3)
    TradeFigureFactory(
        profile=profile,
        year=YEAR,
        chapter=chapter("10"),
        value=Decimal("145000000"),
    )
    exports(profile, {YEAR: "90000000"}, flow="import")
    exports(profile, {YEAR: "12000000"}, kind="services")
    mission(profile, companies=1)
    highlight(
        profile,
        "performance",
        "the National Ballet of Canada",
        "le Ballet national du Canada",
        is_group=True,
    )
    highlight(profile, "exhibition", "Robert Bateman", "Robert Bateman")
    highlight(profile, "audience", "Angela Hewitt", "Angela Hewitt", french_agreement="fs")
    highlight(profile, "translated_author", "Anne Hébert", "Anne Hébert")
    highlight(profile, "publication", "Poets of Quebec", "Poètes du Québec", year=YEAR - 1)
    for forum_en, forum_fr, the in [
        ("APEC", "l’APEC", False),
        ("G20", "le G20", True),
        ("UN", "l’ONU", True),
    ]:
        MultilateralForumFactory(
            profile=profile, name_en=forum_en, name_fr=forum_fr, english_the=the
        )
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.VISIT_TO_HOME,
        home_participant_en="",
        home_participant_fr="",
        partner_participant_en="Ministers Lavrov and Shoigu",
        partner_participant_fr="les ministres Lavrov et Choïgou",
        partner_participant_plural=True,
    )
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.VISIT_TO_PARTNER,
        date=datetime.date(YEAR, 5, 1),
        partner_participant_en="",
        partner_participant_fr="",
        home_participant_en="Ministers Joly and Ng",
        home_participant_fr="les ministres Joly et Ng",
        home_participant_plural=True,
    )
    MeetingFactory(profile=profile, kind=Meeting.Kind.CALL, date=datetime.date(YEAR, 7, 1))
    DiplomaticMissionFactory(profile=profile, side="home", city_en="Capital", city_fr="Capitale")


def declining(profile):
    """Exports fell; a rank of another year; services imports only, in their own year."""
    exports(profile, {2015: "200000000", YEAR: "150000000"})
    ExportMarketRankFactory(profile=profile, year=YEAR - 1, rank=40)
    exports(profile, {YEAR - 3: "5000000"}, kind="services", flow="import")
    mission(profile, sectors=[("clean technology", "technologies propres")])
    for name_en, name_fr, agreement in [
        ("The Games of La Francophonie", "les Jeux de la Francophonie", "mp"),
        ("The Quebec Winter Festivities", "les fêtes d’hiver du Québec", "fp"),
        ("Film Week", "la Semaine du cinéma", "fs"),
    ]:
        highlight(
            profile, "commemoration", name_en, name_fr, french_agreement=agreement, year=YEAR - 1
        )
    for name in ("Angela Hewitt", "Marc-André Hamelin", "Louis Lortie"):
        highlight(profile, "audience", name, name)
    for name in ("Margaret Atwood", "Michel Tremblay"):
        highlight(profile, "exhibition", name, name)
    Country.objects.filter(pk=profile.partner.pk).update(
        adjective_en="", adjective_fr="", adjective_feminine_fr=""
    )
    MeetingFactory(profile=profile, city_en="Washington", city_fr="Washington")
    DiplomaticMissionFactory(profile=profile, side="partner", city_en="Ottawa", city_fr="Ottawa")


def tripled(profile):
    """Growth exactly N times, no rank; one person; one company with its sectors."""
    exports(profile, {2010: "100000000", YEAR: "300000000"})
    mission(profile, companies=1, sectors=[("energy", "énergie")])
    highlight(profile, "performance", "Leonard Cohen", "Leonard Cohen")
    highlight(
        profile,
        "commemoration",
        "Canada Day",
        "la fête du Canada",
        french_agreement="fs",
        year=YEAR - 1,
    )
    for name in ("Diana Krall", "Angela Hewitt", "Janina Fialkowska"):
        highlight(profile, "audience", name, name, french_agreement="fs")


def steady(profile):
    """Exports held steady, with their rank; companies only; companies all feminine."""
    exports(profile, {2015: "100000000", YEAR: "100400000"})
    ExportMarketRankFactory(profile=profile, year=YEAR, rank=1)
    mission(profile, companies=1200, qualifier=TradeMission.CountQualifier.MORE_THAN)
    for name_en, name_fr in [
        ("Les Grands Ballets", "la compagnie Les Grands Ballets"),
        ("Compagnie Marie Chouinard", "la Compagnie Marie Chouinard"),
    ]:
        highlight(profile, "performance", name_en, name_fr, is_group=True, french_agreement="fs")


def one_year(profile):
    """One year of exports with its rank; every performer a woman; a bare trade mission."""
    exports(profile, {YEAR: "2500000"})
    ExportMarketRankFactory(profile=profile, year=YEAR, rank=112)
    TradeMissionFactory(profile=profile)
    for name in ("Diana Krall", "Angela Hewitt"):
        highlight(profile, "performance", name, name, french_agreement="fs")
    highlight(
        profile,
        "commemoration",
        "Canada Day",
        "la fête du Canada",
        french_agreement="fs",
        year=YEAR - 1,
    )


def imports_only(profile):
    """Only imports are known; companies and men; one author in the partner's language."""
    exports(profile, {YEAR: "750000"}, flow="import")
    exports(profile, {YEAR: "1000000"}, kind="services")
    exports(profile, {YEAR: "2000000"}, kind="services", flow="import")
    for name_en, name_fr in [
        ("Cirque du Soleil", "le Cirque du Soleil"),
        ("Les Grands Ballets", "les Grands Ballets canadiens"),
    ]:
        highlight(profile, "performance", name_en, name_fr, is_group=True)
    for name in ("Marc-André Hamelin", "Louis Lortie"):
        highlight(profile, "audience", name, name)
    highlight(profile, "translated_author", "Michel Tremblay", "Michel Tremblay")
    language_en, language_fr = PARTNERS[profile.partner.code]
    Country.objects.filter(pk=profile.partner.pk).update(
        language_en=language_en, language_fr=language_fr
    )
    MeetingFactory(
        profile=profile,
        home_participant_en="Ministers Joly and Ng",
        home_participant_fr="les ministres Joly et Ng",
        home_participant_plural=True,
    )


VARIANTS = [rich, modest, declining, tripled, steady, one_year, imports_only]


def build_profile(code: str, variant) -> Profile:
    HomeCountryFactory()
    profile = Profile.objects.create(
        partner=Country.objects.get(code=code),
        slug=f"{code.lower()}-{variant.__name__.replace('_', '-')}",
        relations_established_year=1950,
        as_of=datetime.date(YEAR + 1, 5, 1),
    )
    for position, kind in enumerate(
        ["political", "trade", "culture", "meetings", "representation"]
    ):
        SectionFactory(
            profile=profile, kind=kind, key=kind, position=position, body_en="", body_fr=""
        )
    variant(profile)
    return Profile.objects.select_related("partner").get(pk=profile.pk)


def render(document: dict, language: str) -> str:
    """A snapshot's sections as a reader sees them, through the one renderer."""
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/relations/{document['profile']}/")
        response = render_profile_page(request, document, date_modified=timezone.now())
    return sections_text(response.content.decode())


def rendered_texts(profile: Profile) -> dict[str, str]:
    document = profile_snapshot(profile)
    return {language: render(document, language) for language in ("en", "fr")}


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """Every partner × variant, built, snapshotted once and rendered in both languages.

    Built once for the module (each profile in a transaction rolled back at once), so the
    checks below read text instead of rebuilding profiles.
    """
    texts = {}
    with django_db_blocker.unblock():
        for code in PARTNERS:
            for variant in VARIANTS:
                with transaction.atomic():
                    texts[code, variant] = rendered_texts(build_profile(code, variant))
                    transaction.set_rollback(True)
    return texts


def sections_text(page: str) -> str:
    """The visible text of the page's sections, whitespace folded as a browser does."""
    body = "".join(re.findall(r"<section class=\"profile-section\".*?</section>", page, re.S))
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    text = re.sub(r"</?(?:time|a|abbr|strong|em|span)\b[^>]*>", "", body)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(text)).strip()


# --- What no page may say ------------------------------------------------------------------

FRENCH_NEVER = [
    r"\b1er marché",  # the first market is "le premier marché"
    r"\bde le\b",
    r"\bde les\b",
    r"\bà le\b",
    r"\bà les\b",
    r"\bde de\b",
    r"\ben le\b",
    r"\ben les\b",
    r"\bde d’",
    r"\bde [aeiouéèêâîôû]\w*",  # elision missed: "de énergie"
    r"\bde (?:I|A|E|O|U|É|Haï)\w+",  # "de Inde", "de Haïti"
    r"\bla [AEIOUÉaeioué]",  # "la Inde"
    r"\ble [AEIOUÉaeiou]",  # "le Iran"
]
DOUBLED_WORD = re.compile(r"\b(\w{2,})\s+\1\b", re.I)
ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|with|from|was|were|has|have|which|who|whom|exports|imports|"
    r"Embassy|Consulates?|travelled|met|spoke|celebrated|Books|Our|by|including)\b"
)


def problems(text: str, language: str) -> list[str]:
    found = []
    if doubled := DOUBLED_WORD.search(text):
        found.append(f"doubled word: {doubled.group(0)!r}")
    for pattern in [r" [\u00a0 ]", r"\u00a0[\u00a0 ]", r"\s[,.]", r"[,.;:!?»][^\W\d_]"]:
        if match := re.search(pattern, text):
            found.append(f"spacing: {text[max(0, match.start() - 30) : match.end() + 30]!r}")
    if language == "fr":
        for pattern in FRENCH_NEVER:
            if match := re.search(pattern, text):
                found.append(f"French: {text[max(0, match.start() - 30) : match.end() + 30]!r}")
        for pattern in [r"[^\u00a0][:;!?]", r"«[^\u00a0]", r"[^\u00a0]»"]:
            if match := re.search(pattern, text):
                found.append(f"typography: {text[max(0, match.start() - 30) : match.end() + 10]!r}")
        if match := ENGLISH_WORDS.search(text):
            found.append(f"English word: {text[max(0, match.start() - 30) : match.end() + 30]!r}")
    else:
        if match := re.search(r"\s[;:!?]", text):
            found.append(f"space before: {text[max(0, match.start() - 30) : match.end() + 10]!r}")
        if match := re.search(r"\b1st most important", text):
            found.append(f"rank: {match.group(0)!r}")
        if match := re.search(r"\bthe the\b|\bThe the\b", text):
            found.append(f"article: {match.group(0)!r}")
    return found


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
@pytest.mark.parametrize("code", PARTNERS)
def test_every_partner_reads_right_in_both_languages(pages, code, variant):
    for language, text in pages[code, variant].items():
        assert text
        assert problems(text, language) == [], text


# --- Exact sentences for a representative set ----------------------------------------------

EXPECTED = [
    # Contractions and elision of every class, in the sentences that once read "de le".
    ("JP", imports_only, "fr", "Le Canada échange aussi des services avec le Japon"),
    (
        "JP",
        declining,
        "fr",
        "Le Canada importe aussi des services du Japon\u00a0: 5 millions de dollars en 2017.",
    ),
    ("US", declining, "fr", "Le Canada importe aussi des services des États-Unis"),
    ("IN", declining, "fr", "Le Canada importe aussi des services d’Inde"),
    ("IR", declining, "en", "Canada also imports services from Iran: $5 million in 2017."),
    ("IL", rich, "fr", "Nos artistes gagnent en popularité en Israël"),
    ("CU", rich, "fr", "Nos artistes gagnent en popularité à Cuba"),
    ("HT", imports_only, "fr", "en provenance d’Haïti se sont élevées à 750\u00a0000\u00a0$"),
    ("BB", rich, "fr", "Le Canada est représenté officiellement à la Barbade"),
    ("DO", imports_only, "fr", "en provenance de la République dominicaine"),
    ("HU", imports_only, "fr", "en provenance de Hongrie"),
    (
        "YE",
        rich,
        "fr",
        "ce qui fait du Yémen le 19e marché d’exportation de marchandises du Canada.",
    ),
    (
        "NL",
        rich,
        "en",
        "making the Netherlands Canada’s 19th most important merchandise export market.",
    ),
    (
        "US",
        rich,
        "en",
        "Bilateral trade relations with the United States have expanded significantly",
    ),
    (
        "US",
        rich,
        "en",
        "making the United States Canada’s most important merchandise export market.",
    ),
    (
        "US",
        rich,
        "fr",
        "ce qui fait des États-Unis le premier marché d’exportation de marchandises du Canada.",
    ),
    (
        "GB",
        steady,
        "en",
        "The United Kingdom was Canada’s most important merchandise export market in 2020.",
    ),
    (
        "US",
        steady,
        "fr",
        "Les États-Unis étaient le premier marché d’exportation de marchandises du Canada en 2020.",
    ),
    (
        "PH",
        one_year,
        "en",
        "The Philippines was Canada’s 112th most important merchandise export market in 2020.",
    ),
    (
        "PH",
        one_year,
        "fr",
        "Les Philippines étaient le 112e marché d’exportation de marchandises du Canada en 2020.",
    ),
    (
        "US",
        rich,
        "fr",
        "Les États-Unis d’Amérique comptent une ambassade à Ottawa, et des "
        "consulats à Toronto et à Montréal.",
    ),
    ("NL", rich, "fr", "Le Royaume des Pays-Bas compte une ambassade à Ottawa"),
    ("JP", rich, "fr", "un consulat au Havre"),
    (
        "JP",
        rich,
        "fr",
        "Sources\u00a0: Source d’essai (2010, 2020)\u00a0; Statistique Canada (2019)",
    ),
    ("JP", rich, "en", "Sources: Statistics Canada (2019); Test source (2010, 2020)"),
    ("JP", rich, "fr", "en marge du Sommet au Caire le 4 mars 2020."),
    # Growth says what the figures say, nothing more.
    (
        "JP",
        modest,
        "en",
        "Canadian merchandise exports to Japan increased by 45% – from $100 "
        "million in 2015 to $145 million in 2020. Japan was Canada’s 3rd most important "
        "merchandise export market in 2020.",
    ),
    (
        "JP",
        modest,
        "fr",
        "Les exportations canadiennes de marchandises vers le Japon ont "
        "augmenté de 45\u00a0% – passant de 100 millions de dollars en 2015 à 145 millions de "
        "dollars en 2020.",
    ),
    (
        "RU",
        declining,
        "en",
        "Canadian merchandise exports to Russia fell by 25% – from $200 "
        "million in 2015 to $150 million in 2020.",
    ),
    (
        "RU",
        steady,
        "en",
        "Canadian merchandise exports to Russia held steady – $100 million in "
        "2015 and $100 million in 2020.",
    ),
    (
        "MX",
        tripled,
        "en",
        "increasing 3 times over – from $100 million in 2010 to $300 million in 2020.",
    ),
    ("MX", tripled, "fr", "ayant augmenté de 3 fois – passant de 100 millions de dollars"),
    ("JP", modest, "en", "Key Canadian merchandise exports to Japan were cereals."),
    ("JP", modest, "fr", "vers le Japon étaient les céréales."),
    ("JP", rich, "en", "were concentrated in mineral fuels and oil, and fertilizers."),
    (
        "JP",
        rich,
        "fr",
        "portaient principalement sur les combustibles minéraux et le pétrole, et les engrais.",
    ),
    # Lists, fora and agreement.
    ("JP", modest, "en", "multilateral fora, including APEC, the G20 and the UN."),
    ("JP", rich, "en", "multilateral fora, including the UN and G20."),
    (
        "JP",
        modest,
        "en",
        "including the National Ballet of Canada, which had very successful shows in Japan",
    ),
    ("JP", steady, "fr", "qui ont toutes connu un grand succès au Japon"),
    ("JP", rich, "fr", "qui ont tous connu un grand succès au Japon"),
    ("JP", rich, "fr", "Angela Hewitt et Janina Fialkowska ont toutes deux leur public fidèle."),
    (
        "JP",
        declining,
        "fr",
        "Les Jeux de la Francophonie ont été célébrés partout au Japon en 2019.",
    ),
    ("JP", declining, "fr", "Les fêtes d’hiver du Québec ont été célébrées partout au Japon"),
    ("JP", declining, "fr", "La Semaine du cinéma a été célébrée partout au Japon"),
    ("JP", rich, "en", "Marshall McLuhan’s centennial was celebrated across the country in 2019."),
    (
        "GM",
        declining,
        "en",
        "The Games of La Francophonie were celebrated across the Gambia in 2019.",
    ),
    (
        "JP",
        rich,
        "fr",
        "Les livres de Margaret Atwood et Anne Hébert sont tous traduits en japonais.",
    ),
    ("JP", modest, "fr", "Les livres d’Anne Hébert sont publiés en traduction au Japon."),
    ("JP", rich, "fr", "Les ministres Fast et Baird ont parlé avec la présidente Échantillon"),
    ("JP", modest, "fr", "Les ministres Lavrov et Choïgou ont effectué une visite au Canada"),
    (
        "JP",
        declining,
        "en",
        "Meetings between the two countries’ representatives regularly occur at high levels.",
    ),
    ("JP", tripled, "en", "in which 1 Canadian company in the fields of energy took part."),
    (
        "JP",
        tripled,
        "fr",
        "à laquelle a participé 1 entreprise canadienne des domaines suivants\u00a0: énergie.",
    ),
    ("JP", steady, "fr", "à laquelle ont participé plus de 1\u00a0200 entreprises canadiennes."),
    (
        "JP",
        declining,
        "en",
        "in which Canadian companies in the fields of clean technology took part.",
    ),
]


def message_pattern(text: str) -> re.Pattern:
    """A catalogue message as a regular expression: each %(name)s matches some text."""
    pattern = re.escape(text.replace("%%", "%"))
    return re.compile(re.sub(r"%\\\(\w+\\\)s", ".+?", pattern))


def page_sentences():
    """(English, French) of every sentence form in the section templates, plural forms too."""
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    for message in catalogue:
        if not message.id or not any(
            location.startswith("templates/relations/sections/")
            for location, _ in message.locations
        ):
            continue
        if isinstance(message.id, tuple):
            yield from zip(message.id, message.string, strict=False)
        else:
            yield message.id, message.string


def test_the_variants_reach_every_sentence_of_the_page(pages):
    """Every sentence form of the section templates, in each language, appears on a page."""
    english = "\n".join(texts["en"] for texts in pages.values())
    french = "\n".join(texts["fr"] for texts in pages.values())
    unreached = [
        (en, fr)
        for en, fr in page_sentences()
        if not (message_pattern(en).search(english) and message_pattern(fr).search(french))
    ]
    assert unreached == []


@pytest.mark.parametrize(("code", "variant", "language", "sentence"), EXPECTED)
def test_representative_sentences_read_exactly(pages, code, variant, language, sentence):
    assert sentence in pages[code, variant][language]


def test_a_rank_of_another_year_than_the_latest_exports_is_not_stated(pages):
    text = pages["JP", declining]["en"]
    assert "40th" not in text
    assert "most important merchandise export market" not in text


@pytest.mark.parametrize("code", PARTNERS)
def test_expanded_significantly_only_when_exports_at_least_doubled(pages, code):
    for variant in VARIANTS:
        text = pages[code, variant]["en"]
        assert ("expanded significantly" in text) == (variant in (rich, tripled)), text


def test_the_matrix_covers_every_french_class_and_both_english_forms(db):
    partners = Country.objects.filter(code__in=PARTNERS)
    assert len(PARTNERS) >= 14
    assert {c.french_class for c in partners} == set(Country.FrenchClass.values)
    assert {c.english_the for c in partners} == {True, False}


def test_the_variants_reach_every_kind_of_section_and_highlight(db):
    kinds = set()
    for variant in VARIANTS:
        profile = build_profile("JP", variant)
        kinds |= set(Highlight.objects.filter(profile=profile).values_list("kind", flat=True))
        profile.delete()
    assert kinds == set(Highlight.Kind.values)
    assert set(Section.Kind.values) - {"prose"} == {
        "political",
        "trade",
        "culture",
        "meetings",
        "representation",
    }
    assert {a.value for a in FrenchAgreement} == {"ms", "fs", "mp", "fp"}


# --- Any UN member state -------------------------------------------------------------------


def every_form(profile):
    """A small profile whose sentences name the partner in every form (the, in, to, from,
    of, making, across, formal), as an editor would type it: no French article anywhere."""
    exports(profile, {2015: "100000000", YEAR: "250000000"})
    ExportMarketRankFactory(profile=profile, year=YEAR, rank=25)
    exports(profile, {YEAR: "90000000"}, flow="import")
    exports(profile, {YEAR: "3000000"}, kind="services", flow="import")
    highlight(
        profile,
        "commemoration",
        "Canada Day",
        "la fête du Canada",
        french_agreement="fs",
        year=YEAR - 1,
    )
    highlight(profile, "translated_author", "Anne Hébert", "Anne Hébert")
    MeetingFactory(
        profile=profile,
        kind=Meeting.Kind.VISIT_TO_PARTNER,
        partner_participant_en="",
        partner_participant_fr="",
    )
    for side in ("home", "partner"):
        DiplomaticMissionFactory(profile=profile, side=side, city_en="Capital", city_fr="Capitale")


UN_MEMBERS = 193


@pytest.fixture(scope="module")
def un_pages(django_db_setup, django_db_blocker):
    """One small profile rendered for every migrated country: the partner changes, the
    editor's rows stay (snapshot built and each language rendered once per country)."""
    texts = {}
    with django_db_blocker.unblock(), transaction.atomic():
        home = HomeCountryFactory()
        countries = list(Country.objects.exclude(pk=home.pk).order_by("code"))
        profile = build_profile(countries[0].code, every_form)
        for country in countries:
            Profile.objects.filter(pk=profile.pk).update(partner=country)
            profile.refresh_from_db()
            texts[country.code] = rendered_texts(profile)
        transaction.set_rollback(True)
    return texts


def test_every_un_member_state_is_migrated_with_its_french_forms(db):
    assert Country.objects.count() == UN_MEMBERS
    assert not Country.objects.filter(french_class="").exists()
    assert not Country.objects.filter(name_fr__regex=r"^(le|la|les|l’|l') ").exists()


def test_a_profile_for_any_un_member_state_passes_the_matrix_checks(un_pages):
    assert len(un_pages) == UN_MEMBERS - 1  # every member but the home country
    failures = {
        code: found
        for code, texts in un_pages.items()
        for language, text in texts.items()
        if (found := problems(text, language))
    }
    assert failures == {}


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("CU", "Le Canada importe aussi des services de Cuba"),
        ("AG", "Le Canada est représenté officiellement à Antigua-et-Barbuda"),
        ("IL", "Le Canada est représenté officiellement en Israël"),
        ("AE", "en provenance des Émirats arabes unis"),
        ("SG", "Le Canada est représenté officiellement à Singapour"),
        ("MX", "Les États-Unis du Mexique comptent une ambassade à Capitale."),
        ("UG", "ce qui fait de l’Ouganda le 25e marché d’exportation de marchandises du Canada."),
        ("HN", "Le premier ministre Exemple a effectué une visite au Honduras"),
        ("GD", "La fête du Canada a été célébrée partout à la Grenade en 2019."),
    ],
)
def test_a_migrated_country_names_itself_right_in_french(un_pages, code, sentence):
    assert sentence in un_pages[code]["fr"]
