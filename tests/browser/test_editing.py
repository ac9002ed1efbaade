"""An editor changes a figure and previews it; a publisher publishes; readers see the change."""

import re

import pytest

from tests.browser.steps import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_change_reaches_readers_only_when_a_publisher_publishes(
    browser, live_server, context, editor, publisher
):
    page = context.new_page()
    log_in(page, editor.username)

    # The editor finds the 2011 merchandise export total through the list filters.
    page.get_by_role("link", name="Trade figures").click()
    filters = page.locator("#changelist-filter")
    filters.get_by_role("link", name="2011", exact=True).click()
    filters.get_by_role("link", name="Exports", exact=True).click()
    filters.get_by_role("link", name="Merchandise", exact=True).click()
    total = page.locator("#result_list tbody tr").filter(
        has=page.locator("td.field-chapter", has_text=re.compile(r"^\s*-\s*$"))
    )  # the admin shows "-" where a figure has no chapter: the year's total
    total.get_by_role("link").click()
    page.get_by_label("Value").fill("2000000000")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator("ul.messagelist .success").wait_for()

    # Preview from the profile's admin page shows the new sentence; publishing is not offered.
    page.goto("/admin/relations/profile/")
    page.locator("#result_list tbody").get_by_role("link", name="Russia").click()
    tools = page.locator(".object-tools")
    assert tools.get_by_role("link", name="Publish", exact=True).count() == 0
    publish_url = page.url.replace("/change/", "/publish/")
    tools.get_by_role("link", name="Preview (English)").click()
    assert "$2 billion in 2011" in page.locator("main").inner_text()
    assert "Preview" in page.locator("main [role=status]").inner_text()
    assert page.goto(publish_url).status == 403

    # A publisher publishes with change notes.
    context.clear_cookies()
    log_in(page, publisher.username)
    page.goto(publish_url.replace("/publish/", "/change/"))
    page.locator(".object-tools").get_by_role("link", name="Publish", exact=True).click()
    page.get_by_label("Change note (English)").fill("2011 exports corrected.")
    page.get_by_label("Change note (French)").fill("Exportations de 2011 corrigées.")
    page.get_by_role("button", name="Publish").click()
    assert "Revision 2 is live." in page.locator("ul.messagelist").inner_text()

    # A reader, in a browser of their own, sees the new figure; the old permalink keeps the old.
    reader = browser.new_context(base_url=live_server.url)
    try:
        public = reader.new_page()
        public.goto("/en/relations/russia/")
        assert "$2 billion in 2011" in public.locator("main").inner_text()
        public.goto("/en/relations/russia/revisions/1/")
        assert "$1.5 billion in 2011" in public.locator("main").inner_text()
        assert "$2 billion" not in public.locator("main").inner_text()
    finally:
        reader.close()
