"""Editors import cultural highlights (texts and alt texts, never image files) by spreadsheet."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from culture.models import Highlight
from culture.sheets import HIGHLIGHTS
from relations.models import ImportBatch
from relations.spreadsheets.files import sheet_bytes
from tests.culture.factories import HighlightFactory
from tests.helpers import PUBLICATION, csv_bytes, import_file, messages, xlsx_bytes

HEADER = list(HIGHLIGHTS.header)


def changed(row: list, **cells) -> list:
    return [cells.get(name, value) for name, value in zip(HEADER, row, strict=True)]


def run(data: bytes, **options):
    return import_file("highlights", data, file_name="highlights.csv", **options)


def highlights(*rows, header=HEADER, encoding="utf-8") -> bytes:
    return csv_bytes([header, *rows], encoding=encoding)


def stored() -> list[tuple]:
    return list(Highlight.objects.order_by("pk").values_list())


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_shipped_highlights_reimport_unchanged(canada_russia, file_format):
    before = stored()

    data = sheet_bytes(
        header=list(HIGHLIGHTS.header),
        rows=HIGHLIGHTS.export_rows(Highlight.objects.all()),
        file_format=file_format,
        title="Highlights",
    )

    assert run(data).summary == "0 new, 0 updated, 17 unchanged"
    assert stored() == before


def test_a_highlight_is_created_then_updated_by_its_natural_key(testland):
    run(highlights(PUBLICATION))

    result = run(highlights(changed(PUBLICATION, year="2010")))

    assert result.summary == "0 new, 1 updated, 0 unchanged"
    assert [(c.column, c.old, c.new) for c in result.changes] == [("year", 2011, 2010)]
    assert Highlight.objects.get().year == 2010


def test_windows_1252_french_accents_are_read(testland):
    result = run(highlights(PUBLICATION, encoding="cp1252"))

    assert result.ok, messages(result)
    assert Highlight.objects.get().name_fr == "Poètes de Testlande"


def test_future_and_bad_years_are_refused(testland):
    next_year = timezone.localdate().year + 1
    rows = [
        changed(PUBLICATION, year=str(next_year)),
        changed(PUBLICATION, name_en="Other", year="20x1"),
        changed(PUBLICATION, name_en="Early", year="1700"),
    ]

    result = run(highlights(*rows))

    this_year = next_year - 1
    assert messages(result) == [
        f"Line 2, column “year”: {next_year} is in the future; enter a year no later than "
        f"{this_year}.",
        "Line 3, column “year”: “20x1” is not a year; write four digits, e.g. 2011.",
        "Line 4, column “year”: 1700 is too early; enter a four-digit year from 1800 on.",
    ]
    assert Highlight.objects.count() == 0


def test_a_publication_needs_its_year_and_a_description_needs_both_languages(testland):
    rows = [
        changed(PUBLICATION, year=""),
        changed(PUBLICATION, name_en="Other", description_fr=""),
        changed(PUBLICATION, name_en="Third", kind="poem"),
    ]

    result = run(highlights(*rows))

    assert messages(result) == [
        "Line 2, column “year”: Give the year: the page says when it happened.",
        "Line 3, column “description_fr”: Enter the French text too: the French page needs it.",
        "Line 4, column “kind”: “poem” is not a kind; write one of performance, exhibition, "
        "audience, commemoration, translated_author, publication.",
    ]


def test_image_files_are_not_imported(testland):
    result = run(highlights([*PUBLICATION, "cirque.png"], header=[*HEADER, "image"]))

    assert messages(result) == [
        "Line 1, column “image”: Images are not imported; upload them on the highlight's page "
        "in the admin. Remove this column (image_alt_en and image_alt_fr are imported)."
    ]


def test_a_highlight_with_an_image_keeps_it_and_still_needs_both_alt_texts(testland):
    highlight = HighlightFactory(
        profile=testland,
        kind="publication",
        name_en="Poets of Testland",
        year=2011,
        image_alt_en="A book",
        image_alt_fr="Un livre",
    )
    highlight.image.save("book.png", ContentFile(b"not decoded here"), save=True)

    refused = run(highlights(PUBLICATION))
    kept = run(highlights(changed(PUBLICATION, image_alt_en="A book", image_alt_fr="Un livre")))

    assert messages(refused) == [
        "Line 2, column “image_alt_en”: Describe the image for readers who cannot see it.",
        "Line 2, column “image_alt_fr”: Describe the image for readers who cannot see it.",
    ]
    assert kept.summary == "0 new, 1 updated, 0 unchanged", messages(kept)
    highlight.refresh_from_db()
    assert highlight.image.name.startswith("highlights/book")


def test_an_xlsx_with_problems_leaves_the_highlights_exactly_as_before(canada_russia):
    before = stored()
    rows = [
        ["russia", "performance", "Cirque du Soleil", "Cirque du Soleil", "", "", "", "", "", 9],
        ["russia", "publication", "New book", "Nouveau livre", "", "", "", "", "", 30],
    ]

    result = import_file("highlights", xlsx_bytes([HEADER, *rows]), file_name="h.xlsx")

    assert messages(result) == [
        "Line 3, column “year”: Give the year: the page says when it happened."
    ]
    assert stored() == before
    assert ImportBatch.objects.count() == 0


# In the admin

IMPORT = reverse("admin:culture_highlight_import")
CONFIRM = reverse("admin:culture_highlight_process_import")
EXPORT = reverse("admin:culture_highlight_export")


def test_an_editor_previews_and_confirms_a_highlights_import(editor, editor_client, canada_russia):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = ["russia", "exhibition", "Emily Carr", "Emily Carr", "", "", "", "", "", 31]
    data = highlights(row, encoding="cp1252")

    preview = editor_client.post(IMPORT, {"import_file": SimpleUploadedFile("h.csv", data)})
    assert preview.context["result"].summary == "1 new, 0 updated, 0 unchanged"
    assert Highlight.objects.filter(name_en="Emily Carr").count() == 0
    token = preview.context["confirm_form"]["token"].value()
    response = editor_client.post(CONFIRM, {"token": token}, follow=True)

    assert "Import finished: 1 new, 0 updated, 0 unchanged." in response.content.decode()
    assert Highlight.objects.filter(name_en="Emily Carr").count() == 1
    batch = ImportBatch.objects.get()
    assert (batch.model, batch.created_by, batch.created_count) == ("culture.highlight", editor, 1)


def test_the_admin_export_reimports_with_no_changes(editor_client, canada_russia):
    response = editor_client.post(EXPORT, {"format": "1", "resource": "0"})

    assert response.status_code == 200
    assert run(b"".join(response.streaming_content)).summary == "0 new, 0 updated, 17 unchanged"


def test_staff_without_the_highlight_import_permission_are_refused(client, canada_russia):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename="view_highlight"))
    client.force_login(user)

    assert client.get(reverse("admin:culture_highlight_changelist")).status_code == 200
    assert client.get(IMPORT).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403
    assert client.get(EXPORT).status_code == 403
