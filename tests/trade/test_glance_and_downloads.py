"""Trade at a glance (chart, table, top chapters, sources) and the open data downloads."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest

from relations.revisions import revision_publish
from tests.helpers import page_text
from trade.charts import nice_ceiling
from trade.models import HSChapter, TradeFigure

PAGE = "/en/relations/russia/"


def chart_bar_titles(body: str) -> list[str]:
    return re.findall(r"<rect [^>]*><title>([^<]+)</title>", body)


def test_chart_and_table_show_the_same_numbers_as_the_data(client, canada_russia):
    body = client.get(PAGE).content.decode()
    assert chart_bar_titles(body) == [
        "Merchandise exports, 1999: $179 million",
        "Merchandise exports, 2011: $1.5 billion",
        "Merchandise imports, 2011: $1.3 billion",
    ]
    text = page_text(client.get(PAGE))
    assert "1999 $179 million" in text
    assert "2009 —not available —not available $254 million $419 million" in text
    assert "2011 $1.5 billion $1.3 billion" in text


def test_chart_is_server_rendered_svg_with_a_text_alternative(client, canada_russia):
    body = client.get(PAGE).content.decode()
    svg = re.search(r'<svg class="chart-plot" width="100%" height="([0-9]+)" role="img"', body)
    assert svg and int(svg.group(1)) > 0
    assert '<title id="chart-merchandise-title">Merchandise trade by year</title>' in body
    assert "<script" not in body
    assert 'fill="url(#hatch-merchandise)"' in body, "imports must differ by pattern too"


def test_table_has_caption_and_scoped_headers(client, canada_russia):
    body = client.get(PAGE).content.decode()
    assert "Trade with Russia by year, in Canadian dollars</caption>" in body
    assert '<th scope="col">Merchandise exports</th>' in body
    assert '<th scope="row">2011</th>' in body


def test_french_glance_writes_money_the_french_way(client, canada_russia):
    body = client.get("/fr/relations/russie/").content.decode()
    assert "Exportations de marchandises, 2011 : 1,5 milliard de dollars" in body.replace(
        "\u00a0", " "
    )
    assert "Commerce avec la Russie par année, en dollars canadiens" in body


def test_every_figure_names_its_source_and_years(client, canada_russia):
    text = page_text(client.get(PAGE))
    assert (
        "Sources: Government of Canada, “Canada-Russia Relations”, August 2012 "
        "(1999, 2009, 2011)" in text
    )


def test_top_chapters_show_value_and_share_of_the_year_total(client, publisher, canada_russia):
    """The table names each chapter by its official title; the sentence by its short form."""
    machinery = HSChapter.objects.get(code="84")
    meat = HSChapter.objects.get(code="02")
    for chapter, value in ((machinery, "300000000"), (meat, "150000000")):
        TradeFigure.objects.create(
            profile=canada_russia,
            year=2011,
            flow="export",
            kind="merchandise",
            chapter=chapter,
            value=Decimal(value),
            source_en="Test source",
            source_fr="Source d’essai",
        )
    revision_publish(profile=canada_russia, by=publisher, change_note_en="x", change_note_fr="x")
    text = page_text(client.get(PAGE))
    assert "Top merchandise exports, 2011" in text
    assert (
        "84 Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof "
        "$300 million 20.0%" in text
    )
    assert "02 Meat and edible meat offal $150 million 10.0%" in text
    assert "Key Canadian merchandise exports to Russia were machinery and meat." in text


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [
        ("1500000000", "1500000000", "500000000"),
        ("1600000000", "2000000000", "500000000"),
        ("179000000", "200000000", "50000000"),
        ("950", "1000", "250"),
    ],
)
def test_axis_maximum_is_a_round_number_above_the_largest_value(value, top, step):
    assert nice_ceiling(Decimal(value)) == (Decimal(top), Decimal(step))


def test_csv_download_parses_back_to_the_revision_figures(client, canada_russia):
    response = client.get("/en/relations/russia/revisions/1/figures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "immutable" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {(r["year"], r["flow"], r["kind"], Decimal(r["value_cad"])) for r in rows} == {
        ("1999", "export", "merchandise", Decimal("179000000")),
        ("2011", "export", "merchandise", Decimal("1500000000")),
        ("2011", "import", "merchandise", Decimal("1300000000")),
        ("2009", "export", "services", Decimal("254000000")),
        ("2009", "import", "services", Decimal("419000000")),
    }
    assert rows[0]["source_fr"].startswith("Gouvernement du Canada")


def test_json_download_has_plain_numbers_in_cad(client, canada_russia):
    data = json.loads(client.get("/fr/relations/russie/revisions/1/figures.json").content)
    assert data["currency"] == "CAD" and data["revision"] == 1 and data["as_of"] == "2012-08"
    values = {(f["year"], f["flow"], f["kind"]): f["value_cad"] for f in data["figures"]}
    assert values[(2011, "export", "merchandise")] == 1500000000
    assert all(f["hs_chapter"] is None for f in data["figures"])


def test_live_page_links_to_the_live_revision_files(client, canada_russia):
    body = client.get(PAGE).content.decode()
    assert 'href="/en/relations/russia/revisions/1/figures.csv"' in body
    assert 'href="/en/relations/russia/revisions/1/figures.json"' in body


def test_older_revision_downloads_do_not_change_after_new_data(client, publisher, canada_russia):
    before = client.get("/en/relations/russia/revisions/1/figures.csv").content
    TradeFigure.objects.filter(year=2011, flow="export").update(value=Decimal("2000000000"))
    revision_publish(profile=canada_russia, by=publisher, change_note_en="x", change_note_fr="x")
    assert client.get("/en/relations/russia/revisions/1/figures.csv").content == before
    newer = client.get("/en/relations/russia/revisions/2/figures.csv").content.decode()
    assert "2000000000.00" in newer


def test_downloads_of_unpublished_or_unknown_revisions_are_not_found(client, canada_russia):
    assert client.get("/en/relations/russia/revisions/9/figures.csv").status_code == 404
    assert client.get("/en/relations/russia/revisions/1/figures.xml").status_code == 404
    assert client.get("/en/relations/nowhere/revisions/1/figures.json").status_code == 404


def test_csv_cells_that_look_like_formulas_are_neutralised(client, canada_russia):
    from relations.models import Revision

    revision = Revision.objects.get(number=1)
    document = revision.document
    trade = next(s for s in document["sections"] if s["kind"] == "trade")
    trade["facts"]["figures"][0]["source"]["en"] = '=HYPERLINK("http://evil")'
    Revision.objects.filter(pk=revision.pk).update(document=document)
    body = client.get("/en/relations/russia/revisions/1/figures.csv").content.decode()
    assert "'=HYPERLINK" in body


def test_chart_coordinates_are_not_localised_on_the_french_page(client, canada_russia):
    """French writes 27,5 but an SVG attribute must read 27.5."""
    body = client.get("/fr/relations/russie/").content.decode()
    start = body.index('<svg class="chart-plot"')
    svg = body[start : body.index("</svg>", start)]
    coordinates = re.findall(r'\b(?:x|y|dx|width|height|x1|x2|y1|y2|cx|cy|r)="([^"]*)"', svg)
    assert coordinates
    assert all(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?%?", value) for value in coordinates)
