"""In a browser: the hand-off from editor to publisher, the go-live picker's buttons and its
time-zone line (with and without JavaScript), and axe on those admin screens in English and
French, at 1280 px without sideways scrolling."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.models import AdminPreference
from relations.models import HandOff, Profile, Revision
from tests.browser.axe import axe_violations, describe
from tests.browser.steps import DESKTOP, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TORONTO = ZoneInfo("America/Toronto")
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def russia():
    return Profile.objects.get(slug="russia")


def new_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-CA", **options
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


def wall_clock(moment: datetime.datetime, zone=TORONTO) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def test_an_editor_hands_a_profile_to_a_publisher_who_finds_it_waiting(
    browser, live_server, editor, publisher, russia
):
    context, page = new_page(browser, live_server)
    try:
        log_in(page, editor.username)
        page.goto(reverse("admin:relations_profile_change", args=[russia.pk]))
        page.locator(".object-tools").get_by_role("link", name="Ready for publishing").click()
        page.get_by_label("Note for the publisher").fill("2011 exports corrected.")
        page.get_by_role("button", name="Ready for publishing").click()
        assert "waiting for a publisher" in page.locator("ul.messagelist").inner_text()

        context.clear_cookies()
        log_in(page, publisher.username)
        queue = page.locator(".hand-off-queue")
        assert "Waiting for you: 1" in queue.inner_text()
        assert "2011 exports corrected." in queue.inner_text()
        queue.get_by_role("link", name="Publish Russia").click()
        assert page.url.endswith(reverse("admin:profile_publish", args=[russia.pk]))
    finally:
        context.close()


def test_the_picker_fills_toronto_times_and_shows_them_in_the_browsers_zone(
    browser, live_server, publisher, russia
):
    context, page = new_page(browser, live_server, timezone_id="Europe/Paris")
    try:
        log_in(page, publisher.username)
        page.goto(reverse("admin:profile_publish", args=[russia.pk]))
        field = page.get_by_label("Go live at")
        said = page.locator(".schedule-browser-time")

        before = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
        page.get_by_role("button", name="In one hour").click()
        after = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
        assert field.input_value() in {wall_clock(before), wall_clock(after)}
        in_paris = {wall_clock(before, PARIS), wall_clock(after, PARIS)}
        assert re.search(r"Europe/Paris, UTC\+0[12]:00\): ", said.inner_text())
        assert said.inner_text().rsplit(": ", 1)[1] in in_paris

        page.get_by_role("button", name="Tomorrow 09:00").click()
        today = datetime.datetime.now(TORONTO).date()
        tomorrow = today + datetime.timedelta(days=1)
        nine = datetime.datetime.combine(tomorrow, datetime.time(9), tzinfo=TORONTO)
        assert field.input_value() == f"{tomorrow:%Y-%m-%d} 09:00"
        assert said.inner_text().endswith(wall_clock(nine, PARIS))  # 15:00 in Paris

        page.get_by_role("button", name="Now", exact=True).click()
        assert field.input_value() == ""
        assert said.inner_text() == "Publishes as soon as you press Publish."

        field.fill(f"{tomorrow:%Y-%m-%d} 09:00")
        assert said.inner_text().endswith(wall_clock(nine, PARIS))
        page.get_by_label("Change note (English)").fill("Scheduled.")
        page.get_by_label("Change note (French)").fill("Programmé.")
        page.get_by_role("button", name="Publish", exact=True).click()
        assert "will go live at" in page.locator("ul.messagelist").inner_text()
        assert Revision.objects.get(profile=russia, number=2).go_live_at == nine
    finally:
        context.close()


def test_no_conversion_is_shown_when_the_browser_is_in_the_sites_zone(
    browser, live_server, publisher, russia
):
    context, page = new_page(browser, live_server, timezone_id="America/Toronto")
    try:
        log_in(page, publisher.username)
        page.goto(reverse("admin:profile_publish", args=[russia.pk]))
        page.get_by_role("button", name="Tomorrow 09:00").click()
        assert page.locator(".schedule-browser-time").is_hidden()
    finally:
        context.close()


def test_without_javascript_the_field_takes_a_typed_time_in_the_format_shown(
    browser, live_server, publisher, russia
):
    context, page = new_page(browser, live_server, java_script_enabled=False)
    try:
        log_in(page, publisher.username)
        page.goto(reverse("admin:profile_publish", args=[russia.pk]))
        assert page.locator("[data-schedule-picker]").is_hidden()
        assert "YYYY-MM-DD HH:MM" in page.locator("main").inner_text()
        moment = datetime.datetime.now(TORONTO).replace(second=0, microsecond=0)
        moment += datetime.timedelta(days=2)
        page.get_by_label("Go live at").fill(f"{moment:%Y-%m-%d %H:%M}")
        page.get_by_label("Change note (English)").fill("Scheduled.")
        page.get_by_label("Change note (French)").fill("Programmé.")
        page.get_by_role("button", name="Publish", exact=True).click()
        assert Revision.objects.get(profile=russia, number=2).go_live_at == moment
    finally:
        context.close()


def screens(profile) -> list[tuple[str, str, tuple[int, ...]]]:
    """(who, url, statuses): the admin screens this work wrote or changed."""
    publish = reverse("admin:profile_publish", args=[profile.pk])
    ready = reverse("admin:profile_hand_off", args=[profile.pk])
    return [
        ("editor", reverse("admin:index"), (200,)),
        ("editor", ready, (200,)),
        ("editor", publish, (403,)),
        ("editor", reverse("admin_language"), (200,)),
        ("publisher", reverse("admin:index"), (200,)),
        ("publisher", publish, (200,)),
        ("publisher", ready, (200,)),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_hand_off_schedule_and_language_screens_pass_axe_and_fit_1280_pixels(
    browser, live_server, editor, publisher, russia, language, screenshots
):
    """Each screen as it first shows, plus its refused form and the picker's time line."""
    HandOff.objects.create(profile=russia, note="Ready: 2011 exports.", requested_by=editor)
    for person in (editor, publisher):
        AdminPreference.objects.create(user=person, language=language)
    failures = []
    for who in ("editor", "publisher"):
        context, page = new_page(browser, live_server, timezone_id="Europe/Paris")
        try:
            log_in(page, who)
            for person, url, statuses in screens(russia):
                if person != who:
                    continue
                response = page.goto(url)
                if response.status not in statuses:
                    failures.append(f"{who} {url}: HTTP {response.status}")
                    continue
                assert page.locator("html").get_attribute("lang") == language, url
                if url.endswith("/publish/") and response.status == 200:
                    page.locator("[data-schedule-picker] button").nth(2).click()
                    page.locator(".schedule-browser-time").wait_for()
                failures += check(page, f"{who} {language} {url}")
                if who == "publisher":
                    name = "home" if url == reverse("admin:index") else url.split("/")[-2]
                    page.screenshot(
                        path=screenshots / f"admin-{name}-{language}.png", full_page=True
                    )
                if page.locator("form textarea, form input[type=text]").count():
                    # The refused form: errors next to their fields.
                    with page.expect_navigation():
                        page.locator(".submit-row input[type=submit]").click()
                    failures += check(page, f"{who} {language} {url} (refused)")
                if url.endswith("/publish/") and response.status == 200:
                    # The night the clocks go back: which 01:30 is meant, asked with radios.
                    page.locator("#id_go_live_at").fill("2027-11-07 01:30")
                    with page.expect_navigation():
                        page.locator(".submit-row input[type=submit]").click()
                    assert page.locator("input[name=occurrence]").count() == 2
                    failures += check(page, f"{who} {language} {url} (which 01:30)")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def check(page, where: str) -> list[str]:
    found = []
    violations = axe_violations(page)
    if violations:
        found.append(describe(where, violations))
    width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        found.append(f"{where}: {width} px wide in a {viewport} px window")
    return found
