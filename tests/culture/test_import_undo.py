"""A spreadsheet import of cultural highlights is undone like meetings and missions."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from culture.models import Highlight
from culture.sheets import HIGHLIGHTS
from relations.models import ImportBatch
from relations.spreadsheets import UndoRefused, import_batch_undo
from tests.culture.factories import HighlightFactory
from tests.helpers import PUBLICATION, csv_bytes, import_file

PERFORMANCE = [
    "testland",
    "performance",
    "Cirque Test",
    "Cirque Test",
    "on tour",
    "en tournée",
    "",
    "",
    "",
    "1",
]


def stored() -> list[tuple]:
    return list(Highlight.objects.order_by("pk").values_list())


def import_highlights(*rows, by=None) -> ImportBatch:
    result = import_file(
        "highlights",
        csv_bytes([list(HIGHLIGHTS.header), *rows]),
        file_name="highlights.csv",
        by=by,
    )
    assert result.ok, result.problems
    return result.batch


def test_undo_restores_replaced_highlights_and_deletes_created_ones(testland, editor):
    HighlightFactory(profile=testland, kind="performance", name_en="Cirque Test", position=5)
    before = stored()
    batch = import_highlights(PUBLICATION, PERFORMANCE)
    assert (batch.created_count, batch.updated_count) == (1, 1)

    import_batch_undo(batch=batch, by=editor)

    assert stored() == before


def test_an_image_uploaded_on_a_created_highlight_since_refuses_undo(testland, editor):
    """The image was never in the file: deleting the highlight would lose it."""
    batch = import_highlights(PUBLICATION)
    highlight = Highlight.objects.get()
    highlight.image_alt_en, highlight.image_alt_fr = "A book", "Un livre"
    highlight.image.save("book.png", ContentFile(b"not decoded here"), save=True)

    with pytest.raises(UndoRefused, match="1 of its highlights were changed after it"):
        import_batch_undo(batch=batch, by=editor)

    assert Highlight.objects.get().image.name.startswith("highlights/book")


def test_an_editor_undoes_a_highlights_import_from_the_admin(testland, editor, editor_client):
    batch = import_highlights(PUBLICATION, by=editor)

    response = editor_client.post(
        reverse("admin:relations_importbatch_changelist"),
        {"action": "undo", "_selected_action": [batch.pk]},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == ["1 import undone."]
    assert not Highlight.objects.exists()
    batch.refresh_from_db()
    assert batch.undone_by == editor
