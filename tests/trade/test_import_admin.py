"""Editors upload a sheet, preview what it would change, confirm, export, and undo."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relations.models import ImportBatch
from tests.conftest import PASSWORD
from tests.helpers import csv_bytes, import_file, long_rows, xlsx_bytes
from tests.relations.factories import CountryFactory, ProfileFactory
from tests.trade.factories import TradeFigureFactory
from trade.models import HSChapter, TradeFigure

IMPORT = reverse("admin:trade_tradefigure_import")
CONFIRM = reverse("admin:trade_tradefigure_process_import")
EXPORT = reverse("admin:trade_tradefigure_export")
CHANGELIST = reverse("admin:trade_tradefigure_changelist")
SOURCE = ("Statistics Canada", "Statistique Canada")
RAISED_2011 = ("russia", 2011, "export", "merchandise", "", "2000000000", *SOURCE)


def upload(client, data: bytes, name: str = "figures.csv", **choices):
    form = {"source_en": SOURCE[0], "source_fr": SOURCE[1], "kind": "merchandise", **choices}
    return client.post(IMPORT, {**form, "import_file": SimpleUploadedFile(name, data)})


def confirm(client, preview):
    return client.post(CONFIRM, {"token": preview.context["confirm_form"]["token"].value()})


def export_total_2011(profile) -> Decimal:
    return TradeFigure.objects.get(
        profile=profile, year=2011, flow="export", kind="merchandise", chapter=None
    ).value


def stored_uploads() -> list[str]:
    if not default_storage.exists("django-import-export"):
        return []
    return default_storage.listdir("django-import-export")[1]


def test_the_trade_figure_list_offers_import_and_export(editor_client, canada_russia):
    content = editor_client.get(CHANGELIST).content.decode()

    assert IMPORT in content
    assert EXPORT in content


def test_the_preview_counts_rows_and_shows_old_and_new_values(editor_client, canada_russia):
    response = upload(editor_client, csv_bytes(long_rows(RAISED_2011)))

    result = response.context["result"]
    assert result.summary == "0 new, 1 updated, 0 unchanged"
    # The source changes too, and the preview says so (it used to show the value only).
    page_source = "Government of Canada, “Canada-Russia Relations”, August 2012"
    assert [(c.column, c.old, c.new) for c in result.changes] == [
        ("value_cad", Decimal("1500000000.00"), Decimal("2000000000")),
        ("source_en", page_source, SOURCE[0]),
        ("source_fr", "Gouvernement du Canada, « Relations Canada-Russie », août 2012", SOURCE[1]),
    ]
    content = response.content.decode()
    assert "1500000000.00" in content
    assert "→ 2000000000" in content
    assert export_total_2011(canada_russia) == Decimal("1500000000.00")


def test_the_preview_shows_which_sentences_of_the_page_would_change(editor_client, canada_russia):
    response = upload(editor_client, csv_bytes(long_rows(RAISED_2011)))

    english = [s for s in response.context["result"].sentences if s.language == "en"]
    assert any("$1.5 billion" in s.before and "$2 billion" in s.after for s in english)
    french = [s for s in response.context["result"].sentences if s.language == "fr"]
    assert any("2 milliards de dollars" in s.after for s in french)
    assert "<del>" in response.content.decode()


def test_the_uploaded_file_waits_in_the_configured_storage(editor_client, canada_russia):
    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))

    assert len(stored_uploads()) == 1


def test_confirming_imports_the_file_and_records_a_batch(editor, editor_client, canada_russia):
    preview = upload(editor_client, csv_bytes(long_rows(RAISED_2011)), name="june.csv")

    response = confirm(editor_client, preview)

    assert response.status_code == 302
    assert export_total_2011(canada_russia) == Decimal("2000000000.00")
    batch = ImportBatch.objects.get()
    assert (batch.model, batch.created_by, batch.file_name, batch.updated_count) == (
        "trade.tradefigure",
        editor,
        "june.csv",
        1,
    )
    assert stored_uploads() == []
    page = editor_client.get(response["Location"]).content.decode()
    assert "Import finished: 0 new, 1 updated, 0 unchanged." in page


def test_a_preview_with_problems_offers_no_confirm(editor_client, canada_russia):
    bad = ("russia", 2011, "export", "merchandise", "", "lots", *SOURCE)

    response = upload(editor_client, csv_bytes(long_rows(bad)))

    assert "confirm_form" not in response.context
    content = response.content.decode()
    assert "“lots” is not a number" in content
    assert 'id="confirm-import"' not in content
    assert stored_uploads() == []


def test_a_confirm_that_no_longer_imports_cleanly_never_says_import_finished(
    editor_client, canada_russia
):
    row = ("russia", 2011, "export", "merchandise", "99", "10", *SOURCE)
    preview = upload(editor_client, csv_bytes(long_rows(RAISED_2011, row)))
    HSChapter.objects.filter(code="99").delete()  # changed between preview and confirm

    response = confirm(editor_client, preview)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in content
    assert "Import finished" not in content
    assert "“99” is not a known HS chapter" in content
    assert export_total_2011(canada_russia) == Decimal("1500000000.00")
    assert ImportBatch.objects.count() == 0


def test_a_tampered_confirmation_is_refused(editor_client, canada_russia):
    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))

    response = editor_client.post(CONFIRM, {"token": "../../settings.py"})

    assert response.status_code == 400
    assert "This confirmation is invalid or has expired" in response.content.decode()
    assert export_total_2011(canada_russia) == Decimal("1500000000.00")


def test_staff_without_the_import_permission_cannot_import(client, canada_russia):
    client.force_login(User.objects.create_user("nobody", password=PASSWORD, is_staff=True))

    assert client.get(IMPORT).status_code == 403
    assert upload(client, csv_bytes(long_rows(RAISED_2011))).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_an_editor_who_may_change_figures_but_not_import_is_refused(editor, client, canada_russia):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("changer", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_tradefigure", "change_tradefigure", "add_tradefigure"]
        )
    )
    client.force_login(user)

    assert client.get(CHANGELIST).status_code == 200
    assert client.get(IMPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_publishers_may_import_too(publisher_client, canada_russia):
    response = upload(publisher_client, csv_bytes(long_rows(RAISED_2011)))

    assert response.status_code == 200
    assert response.context["result"].ok


def test_an_xlsx_upload_is_previewed(editor_client, canada_russia):
    response = upload(editor_client, xlsx_bytes(long_rows(RAISED_2011)), name="f.xlsx")

    assert response.context["result"].summary == "0 new, 1 updated, 0 unchanged"
    assert "The sheet “Sheet1” was read." in response.content.decode()


# Export


def test_the_csv_export_reimports_with_no_changes(editor_client, canada_russia):
    response = editor_client.post(EXPORT, {"format": "0", "resource": "0"})

    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    result = import_file("trade-figures", content, file_name="export.csv", dry_run=True)
    assert result.summary == "0 new, 0 updated, 5 unchanged"


def test_the_csv_export_lists_figures_by_address_then_year_and_keeps_the_filter(
    editor_client, canada_russia, testland
):
    TradeFigureFactory(profile=testland, year=2024, value=Decimal("3"))
    TradeFigureFactory(profile=testland, year=1999, value=Decimal("4"))

    def exported(query: str = "") -> list[tuple[str, str]]:
        response = editor_client.post(f"{EXPORT}{query}", {"format": "0", "resource": "0"})
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1:]
        return [tuple(line.split(",")[:2]) for line in lines]

    everything = exported()
    assert everything == sorted(everything)  # russia before testland, each by year
    assert {slug for slug, _year in everything} == {"russia", "testland"}
    assert len(everything) == TradeFigure.objects.count()
    assert exported(f"?profile__id__exact={testland.pk}") == [
        ("testland", "1999"),
        ("testland", "2024"),
    ]


def test_an_export_reads_only_the_profiles_it_has_figures_of(editor_client, canada_russia):
    """One query per exported profile, none for the others: a ministry has hundreds."""

    def export_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.post(
                f"{EXPORT}?profile__id__exact={canada_russia.pk}", {"format": "0", "resource": "0"}
            )
            b"".join(response.streaming_content)
        return len(queries)

    before = export_queries()
    for code in ("QA", "QB", "QC", "QD", "QE"):  # made-up partners without figures
        ProfileFactory(partner=CountryFactory(code=code), slug=code.lower())

    assert export_queries() == before


def test_the_xlsx_export_reimports_with_no_changes(editor_client, canada_russia):
    response = editor_client.post(EXPORT, {"format": "1", "resource": "0"})

    content = b"".join(response.streaming_content)
    result = import_file("trade-figures", content, file_name="export.xlsx", dry_run=True)
    assert result.summary == "0 new, 0 updated, 5 unchanged"


def test_exported_text_that_looks_like_a_formula_is_neutralised(editor_client, canada_russia):
    figure = TradeFigure.objects.filter(profile=canada_russia).first()
    figure.source_en = '=HYPERLINK("http://evil.example","x")'
    figure.source_fr = "@SUM(A1)"
    figure.save()

    response = editor_client.post(EXPORT, {"format": "0", "resource": "0"})
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")

    assert "'=HYPERLINK" in csv_text
    assert "'@SUM(A1)" in csv_text
    result = import_file("trade-figures", csv_text.encode(), file_name="e.csv", dry_run=True)
    assert result.summary == "0 new, 0 updated, 5 unchanged"


def test_the_xlsx_export_holds_no_formula(editor_client, canada_russia):
    import io

    import openpyxl

    figure = TradeFigure.objects.filter(profile=canada_russia).first()
    figure.source_en = "+1+cmd|' /C calc'!A0"
    figure.save()

    response = editor_client.post(EXPORT, {"format": "1", "resource": "0"})

    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert "'+1+cmd|' /C calc'!A0" in [cell.value for cell in cells]


def test_the_preview_lists_sentences_apart_from_the_chart_and_table(editor_client, canada_russia):
    """Sentences are the page's paragraphs; the chart and table change as figures, old → new."""
    response = upload(editor_client, csv_bytes(long_rows(RAISED_2011)))

    result = response.context["result"]
    assert [(f.profile, f.figure, f.old, f.new) for f in result.figures] == [
        ("russia", "2011 export merchandise total", "1500000000.00", "2000000000.00")
    ]
    changed = [s.after for s in result.sentences]
    assert any("more than 11 times over" in text for text in changed)
    assert not [text for text in changed if "Trade with" in text or "not available" in text]
    assert len(changed) == 4  # growth and sources, in English and French
    assert 'id="import-figures"' in response.content.decode()


def test_uploads_never_confirmed_are_deleted_after_a_day(editor_client, canada_russia, settings):
    import os
    import time

    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))
    [old] = stored_uploads()
    path = default_storage.path(f"django-import-export/{old}")
    day_ago = time.time() - settings.IMPORT_UPLOAD_MAX_AGE - 60
    os.utime(path, (day_ago, day_ago))

    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))  # every upload sweeps

    remaining = stored_uploads()
    assert old not in remaining
    assert len(remaining) == 1


def test_the_expiry_command_deletes_old_uploads_and_keeps_recent_ones(
    editor_client, canada_russia, capsys
):
    import os
    import time

    from django.core.management import call_command

    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))
    upload(editor_client, csv_bytes(long_rows(RAISED_2011)))
    old, recent = stored_uploads()
    two_hours_ago = time.time() - 2 * 3600
    os.utime(default_storage.path(f"django-import-export/{old}"), (two_hours_ago,) * 2)

    call_command("expire_import_uploads", "--hours", "1")

    assert "Deleted 1 unconfirmed upload(s)." in capsys.readouterr().out
    assert stored_uploads() == [recent]


def test_a_confirmation_older_than_the_upload_life_is_refused(
    editor_client, canada_russia, settings
):
    preview = upload(editor_client, csv_bytes(long_rows(RAISED_2011)))
    settings.IMPORT_UPLOAD_MAX_AGE = -1  # already expired

    response = confirm(editor_client, preview)

    assert response.status_code == 400
    assert "This confirmation is invalid or has expired" in response.content.decode()
    assert export_total_2011(canada_russia) == Decimal("1500000000.00")


# Exports stream


def test_a_csv_export_streams(editor_client, canada_russia):
    response = editor_client.post(EXPORT, {"format": "0", "resource": "0"})

    assert response.streaming
    first = next(iter(response.streaming_content))
    assert first.startswith(b"\xef\xbb\xbfprofile,year,flow,kind,hs_chapter,value_cad")


def test_an_xlsx_export_above_the_limit_asks_for_a_filter(editor_client, canada_russia, settings):
    settings.EXPORT_XLSX_MAX_ROWS = 3

    response = editor_client.post(EXPORT, {"format": "1", "resource": "0"}, follow=True)

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "5 rows are too many for an XLSX file (at most 3): filter the list first, or export "
        "CSV, which has no limit."
    ]


def test_an_export_follows_the_lists_filters(editor_client, canada_russia):
    response = editor_client.post(f"{EXPORT}?year=2011", {"format": "0", "resource": "0"})

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 3  # the header and the two figures of 2011
    assert all(",2011," in line for line in lines[1:])
