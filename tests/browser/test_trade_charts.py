"""The trade charts in a real browser: text size in CSS pixels, nothing overlapping, at 320
and 1280 pixels, for a 37-year series and for the two years of the Canada–Russia page."""

import re

import pytest

from relations.models import Section
from relations.revisions import revision_publish
from tests.browser.axe import check_pages
from tests.browser.steps import DESKTOP, PHONE
from tests.relations.factories import CountryFactory, ProfileFactory, SectionFactory
from tests.trade.factories import generated_merchandise_totals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every chart text the reader can see: its size as drawn (computed size times the SVG's
# scale, so a viewBox that shrank the text would show), its box and its words; and the size
# of the page's body text.
CHART_TEXT = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('main p')).fontSize);
  const texts = [...document.querySelectorAll('figure.trade-chart svg.chart-plot text')]
    .filter(t => t.getClientRects().length > 0 && t.textContent.trim());
  return {
    body,
    viewport: window.innerWidth,
    texts: texts.map(t => {
      const m = t.getScreenCTM();
      const r = t.getBoundingClientRect();
      return {
        text: t.textContent.trim(),
        size: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
        box: [r.left, r.top, r.right, r.bottom],
      };
    }),
  };
}"""

PAGES = {"37-years": "testland", "2-years": "russia", "gaps": "gapland"}


def trade_profile(**kwargs):
    profile = ProfileFactory(**kwargs)
    SectionFactory(
        profile=profile,
        kind=Section.Kind.TRADE,
        key="trade",
        heading_en="Trade",
        heading_fr="Commerce",
    )
    return profile


@pytest.fixture
def long_series(publisher):
    """Testland with merchandise exports and imports for 1988–2024, and Gapland with years
    missing and imports starting late (generated test data)."""
    testland = trade_profile()
    generated_merchandise_totals(profile=testland, years=range(1988, 2025))
    gapland = trade_profile(
        slug="gapland",
        partner=CountryFactory(code="XG", name_en="Gapland", name_fr="Gaplande"),
    )
    years = [y for y in range(1980, 2025) if not 1996 <= y <= 2003 and y != 2010]
    generated_merchandise_totals(profile=gapland, years=years, flows=("export",))
    imports = [y for y in years if y >= 2005][::-1]  # falling as the years go by
    generated_merchandise_totals(profile=gapland, years=imports, flows=("import",))
    for profile in (testland, gapland):
        revision_publish(profile=profile, by=publisher, change_note_en="x", change_note_fr="x")
    return testland


def overlapping(texts: list[dict]) -> list[str]:
    """Pairs of texts whose boxes share more than a sliver (1 px) in both directions."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            width = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            height = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if width > 1 and height > 1:
                pairs.append(f"{a['text']!r} overlaps {b['text']!r}")
    return pairs


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320", "1280"])
def test_chart_text_reads_at_12_pixels_to_body_size_without_overlapping(
    page, long_series, screenshots, language, viewport
):
    """Screenshots of both pages are saved under artifacts/screenshots/ for people to see."""
    page.set_viewport_size(viewport)
    for label, slug in PAGES.items():
        page.goto(f"/{language}/relations/{slug}/")
        measured = page.evaluate(CHART_TEXT)
        page.screenshot(
            path=screenshots / f"trade-chart-{label}-{language}-{viewport['width']}.png",
            full_page=True,
        )

        texts = measured["texts"]
        assert len(texts) > 10, f"{slug}: the chart shows almost no text"
        sizes = {round(t["size"], 1) for t in texts}
        assert min(sizes) >= 12, f"{slug}: chart text of {min(sizes)}px is too small"
        assert max(sizes) <= measured["body"], f"{slug}: chart text larger than body text"
        assert not overlapping(texts), f"{slug}: " + "; ".join(overlapping(texts))
        outside = [t["text"] for t in texts if t["box"][0] < 0 or t["box"][2] > viewport["width"]]
        assert not outside, f"{slug}: chart text cut off at the page edge: {outside}"


def test_long_series_names_every_fifth_year_and_the_first_and_last_values(page, long_series):
    page.set_viewport_size(PHONE)
    page.goto("/en/relations/testland/")

    texts = [t["text"] for t in page.evaluate(CHART_TEXT)["texts"]]

    assert [t for t in texts if t.isdigit()] == [str(y) for y in range(1990, 2025, 5)]
    assert any(t.startswith("1988: $") for t in texts)
    assert any(t.startswith("2024: $") for t in texts)
    rows = page.locator(".trade-table").first.locator("tbody tr")
    assert rows.count() == 37, "the table keeps every year"


def test_years_without_data_are_named_not_drawn_as_empty_rows(page):
    page.set_viewport_size(PHONE)
    page.goto("/en/relations/russia/")

    chart = page.locator("figure.trade-chart").first
    assert chart.locator("text", has_text="No data for 2000–2010").count() == 1
    assert chart.locator("text", has_text=re.compile("^imports: no data$")).count() == 1  # 1999
    assert chart.locator("rect.bar").count() == 3


def test_line_chart_pages_have_no_axe_violations(page, long_series):
    slugs = ("testland", "gapland")
    urls = [f"/{lang}/relations/{slug}/" for lang in ("en", "fr") for slug in slugs]
    failures = check_pages(page, urls)
    assert not failures, "\n".join(failures)
