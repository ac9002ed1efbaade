"""A reader with a browser and a keyboard: navigation, languages, skip link, small screens."""

import re

import pytest

from tests.browser.steps import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/en/relations/russia/"
ADDRESSES = {"en": "russia", "fr": "russie"}
PUBLIC_PAGES = [
    f"/{language}/relations/{path}"
    for language, slug in ADDRESSES.items()
    for path in ("", f"{slug}/", f"{slug}/updates/", f"{slug}/revisions/1/")
]

# Number every element Tab can stop on, in document order: focusable, not disabled, and
# rendered (the skip link counts: it is off screen until focused, but rendered).
NUMBER_TAB_STOPS = """() =>
  [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0)
    .map((el, i) => (el.dataset.tabStop = String(i)))"""


def test_reader_follows_the_index_to_the_profile_and_switches_language_both_ways(page):
    page.goto("/en/relations/")
    page.get_by_role("link", name="Canada-Russia Relations").click()
    page.wait_for_url(f"**{PAGE}")
    assert page.locator("h1").inner_text() == "Canada-Russia Relations"

    page.locator("#wb-lng").get_by_role("link").click()
    page.wait_for_url("**/fr/relations/russie/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Relations Canada-Russie"

    page.locator("#wb-lng").get_by_role("link").click()
    page.wait_for_url(f"**{PAGE}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Canada-Russia Relations"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_page_title(page):
    page.goto(PAGE)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wb-cont"
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_tab_alone_reaches_every_link_in_header_main_and_footer_in_order(page):
    page.goto(PAGE)
    expected = page.evaluate(NUMBER_TAB_STOPS)
    links = page.evaluate(
        "['header', 'main', 'footer'].map(s => document.querySelectorAll(`${s} a[href]`).length)"
    )
    assert all(links), "header, main and footer each have links to reach"

    reached = []
    for _ in range(len(expected) + 1):
        page.keyboard.press("Tab")
        stop = page.evaluate("document.activeElement.dataset.tabStop || null")
        if stop is None:
            break
        reached.append(stop)
    assert reached == expected
    every_link = page.evaluate(
        "() => [...document.querySelectorAll('body a[href]')].every(a => a.dataset.tabStop)"
    )
    assert every_link, "some link cannot be reached with Tab"


def test_profile_page_screenshots_at_desktop_and_phone_widths(page, screenshots):
    """Saved under artifacts/screenshots/ for people to look at; see the README."""
    for language, slug in ADDRESSES.items():
        page.set_viewport_size(DESKTOP)
        page.goto(f"/{language}/relations/{slug}/")
        page.screenshot(path=screenshots / f"profile-{language}-desktop-1280.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=screenshots / f"profile-{language}-mobile-320.png", full_page=True)
    assert len(list(screenshots.glob("profile-*.png"))) >= 4


def test_public_pages_never_scroll_sideways_at_320_pixels(page):
    page.set_viewport_size(PHONE)
    wide = []
    for url in PUBLIC_PAGES:
        page.goto(url)
        scroll_width, inner_width = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        if scroll_width > inner_width:
            wide.append(f"{url}: {scroll_width}px wide in a {inner_width}px window")
    assert not wide, "\n".join(wide)


def test_print_stylesheet_hides_the_navigation_chrome(page):
    page.goto(PAGE)
    page.emulate_media(media="print")
    for selector in (".skip-link", "#wb-lng", "#wb-bc"):
        assert page.locator(selector).is_hidden(), f"{selector} is printed"
    assert page.locator("h1").is_visible()
    assert re.search(r"\d{4}-\d{2}-\d{2}", page.locator("#wb-dtmd").inner_text())
