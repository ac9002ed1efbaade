"""The small things editors expect: values with their unit, names not "object (4)", "Save and
add another" that keeps the profile and source, a refused form that asks for its image again,
and a profile's "Last change" that follows its rows."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from relations.models import Profile
from tests.helpers import csv_bytes, import_file, long_rows, page_text
from tests.relations.factories import MeetingFactory
from tests.trade.factories import SectorFactory, TradeFigureFactory, TradeMissionFactory
from trade.models import TradeMissionSector

PAST = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def test_trade_figure_list_shows_values_as_prose_and_in_full_cad(editor_client, testland):
    TradeFigureFactory(profile=testland, value=Decimal("17200000000.00"))
    text = page_text(editor_client.get(reverse("admin:trade_tradefigure_changelist")))
    assert "$17.2 billion (17,200,000,000\u00a0CAD)" in text
    assert "17200000000.00" not in text


def test_trade_figure_form_shows_its_value_as_prose_and_in_full_cad(editor_client, testland):
    figure = TradeFigureFactory(profile=testland, value=Decimal("17200000000.00"))
    url = reverse("admin:trade_tradefigure_change", args=[figure.pk])
    assert "$17.2 billion (17,200,000,000\u00a0CAD)" in page_text(editor_client.get(url))
    assert editor_client.get(reverse("admin:trade_tradefigure_add")).status_code == 200


def test_an_inline_mission_sector_is_named_by_its_sector(testland):
    mission = TradeMissionFactory(profile=testland)
    row = TradeMissionSector.objects.create(mission=mission, sector=SectorFactory(name_en="mining"))
    assert str(row) == "mining"


def test_save_and_add_another_keeps_the_profile_year_and_source(editor_client, testland):
    response = editor_client.post(
        reverse("admin:trade_tradefigure_add"),
        {
            "profile": testland.pk,
            "year": 2019,
            "flow": "export",
            "kind": "merchandise",
            "value": "1000",
            "source_en": "Statistics Canada",
            "source_fr": "Statistique Canada",
            "_addanother": "1",
        },
    )
    assert response.status_code == 302
    form = editor_client.get(response["Location"]).content.decode()
    assert f'<option value="{testland.pk}" selected>' in form
    assert 'value="Statistique Canada"' in form
    assert 'value="2019"' in form


def test_save_and_add_another_keeps_the_profile_of_a_meeting(editor_client, testland):
    response = editor_client.post(
        reverse("admin:relations_meeting_add"),
        {
            "profile": testland.pk,
            "kind": "call",
            "date": "2019-03-04",
            "date_precision": "day",
            "home_participant_en": "Minister A",
            "home_participant_fr": "la ministre A",
            "partner_participant_en": "Minister B",
            "partner_participant_fr": "le ministre B",
            "_addanother": "1",
        },
    )
    assert response["Location"].endswith(f"?profile={testland.pk}")


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_refused_highlight_form_asks_for_its_image_again(editor_client, testland):
    response = editor_client.post(
        reverse("admin:culture_highlight_add"),
        {
            "profile": testland.pk,
            "kind": "commemoration",  # needs a year: the form is refused
            "position": 0,
            "name_en": "The centenary",
            "name_fr": "Le centenaire",
            "french_agreement": "ms",
            "image": SimpleUploadedFile("stage.png", png(), content_type="image/png"),
            "image_alt_en": "A stage",
            "image_alt_fr": "Une scène",
        },
    )
    assert response.status_code == 200
    assert "Choose the image “stage.png” again" in page_text(response)


def test_last_change_of_a_profile_follows_its_rows(editor_client, testland):
    Profile.objects.filter(pk=testland.pk).update(updated_at=PAST)
    editor_client.post(
        reverse("admin:trade_exportmarketrank_add"),
        {"profile": testland.pk, "year": 2019, "rank": 3},
    )
    testland.refresh_from_db()
    assert testland.updated_at > PAST


def test_last_change_of_a_profile_follows_an_import(testland):
    Profile.objects.filter(pk=testland.pk).update(updated_at=PAST)
    data = csv_bytes(long_rows(("testland", 2019, "export", "merchandise", "", "5", "S", "S")))
    assert import_file("trade-figures", data).ok
    testland.refresh_from_db()
    assert testland.updated_at > PAST


def test_import_screen_lists_the_columns_and_a_row_as_export_writes_it(editor_client, testland):
    TradeFigureFactory(profile=testland, year=2019, value=Decimal("1500000"))
    html = editor_client.get(reverse("admin:trade_tradefigure_import")).content.decode()
    assert (
        "Columns, in the first row: <code>profile, year, flow, kind, hs_chapter, value_cad, "
        "source_en, source_fr</code>" in html
    )
    assert "A row as Export writes it: <code>testland, 2019, export, merchandise, , 1500000.00" in (
        html
    )


def test_meeting_import_screen_shows_a_row_as_export_writes_it(editor_client, testland):
    MeetingFactory(profile=testland)
    html = editor_client.get(reverse("admin:relations_meeting_import")).content.decode()
    assert "A row as Export writes it: <code>testland, 2019-03-04, day, meeting," in html


def test_export_screen_names_the_columns_it_writes(editor_client, testland):
    text = page_text(editor_client.get(reverse("admin:trade_tradefigure_export")))
    assert "profile, year, flow, kind, hs_chapter, value_cad, source_en, source_fr" in text


def test_highlight_and_figure_forms_show_the_sentences_their_names_feed(editor_client, db):
    highlight = page_text(editor_client.get(reverse("admin:culture_highlight_add")))
    assert "notamment le Cirque du Soleil, qui a connu un grand succès" in highlight
    assert "including Cirque du Soleil, which had very successful shows" in highlight
    figure = page_text(editor_client.get(reverse("admin:trade_tradefigure_add")))
    assert "Sources: Statistics Canada" in figure
    assert "Statistique Canada" in figure
