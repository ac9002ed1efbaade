"""An editor imports a spreadsheet in the admin: a preview with an error, a fix, a confirm."""

from decimal import Decimal

import pytest

from tests.browser.steps import log_in
from trade.models import TradeFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "profile,year,flow,kind,hs_chapter,value_cad,source_en,source_fr\n"
SOURCE = "Generated test data,Données d’essai générées"


def sheet(*rows: str) -> dict:
    body = HEADER + "".join(f"{row},{SOURCE}\n" for row in rows)
    return {"name": "figures.csv", "mimeType": "text/csv", "buffer": body.encode()}


def upload(page, file: dict) -> None:
    page.get_by_label("File:", exact=True).set_input_files(file)
    page.get_by_role("button", name="Preview").click()


def test_editor_fixes_an_error_row_then_confirms_the_import(context, editor):
    page = context.new_page()
    log_in(page, editor.username)
    page.get_by_role("link", name="Trade figures").click()
    page.locator(".object-tools").get_by_role("link", name="Import").click()
    import_url = page.url

    upload(
        page,
        sheet(
            "russia,2011,export,merchandise,,1600000000",
            "russia,2010,export,merchandise,,-5",
        ),
    )
    problems = page.locator(".errornote").first.inner_text()
    assert "1 problem" in problems
    problem = page.locator("#import-problems tbody tr").first.locator("td")
    assert problem.nth(0).inner_text() == "3"
    assert problem.nth(1).inner_text() == "value_cad"
    assert page.get_by_role("button", name="Confirm import").count() == 0

    page.goto(import_url)
    upload(
        page,
        sheet(
            "russia,2011,export,merchandise,,1600000000",
            "russia,2010,export,merchandise,,1400000000",
        ),
    )
    preview = page.locator("#content").inner_text()
    assert "1500000000" in preview and "1600000000" in preview  # old → new
    page.get_by_role("button", name="Confirm import").click()
    message = page.locator("ul.messagelist li").first
    message.wait_for()
    assert "1 new, 1 updated" in message.inner_text()

    totals = TradeFigure.objects.filter(profile__slug="russia", chapter=None, kind="merchandise")
    assert totals.get(year=2011, flow="export").value == Decimal("1600000000")
    assert totals.get(year=2010, flow="export").value == Decimal("1400000000")
