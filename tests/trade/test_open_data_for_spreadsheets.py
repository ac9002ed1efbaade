"""Open data that spreadsheet programs and machines read correctly."""

import datetime

import pytest

from relations.revisions import revision_publish
from tests.relations.factories import SectionFactory
from tests.trade.factories import TradeMissionFactory


def test_figures_csv_starts_with_a_utf8_byte_order_mark(client, canada_russia):
    """Without it Excel reads UTF-8 as Windows-1252: "août" would show as "aoÃ»t"."""
    content = client.get("/fr/relations/russie/revisions/1/figures.csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.startswith("profile,revision,as_of,")
    assert "Gouvernement du Canada" in text
    assert "« Relations Canada-Russie », août 2012" in text


def test_the_json_download_has_no_byte_order_mark(client, canada_russia):
    content = client.get("/en/relations/russia/revisions/1/figures.json").content
    assert content.startswith(b"{")


@pytest.mark.parametrize(
    ("precision", "datetime_attribute"), [("month", "2019-06"), ("day", "2019-06-12")]
)
def test_trade_missions_carry_a_datetime_to_their_precision(
    testland, publisher, precision, datetime_attribute
):
    SectionFactory(profile=testland, kind="trade")
    TradeMissionFactory(profile=testland, date=datetime.date(2019, 6, 12), date_precision=precision)
    revision = revision_publish(
        profile=testland, by=publisher, change_note_en="x", change_note_fr="x"
    )
    (trade,) = revision.document["sections"]
    assert [m["datetime"] for m in trade["facts"]["missions"]] == [datetime_attribute]
