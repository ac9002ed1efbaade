"""Every confirmed import is a batch; undo restores what it replaced unless rows changed since."""

from decimal import Decimal

import pytest
from django.urls import reverse

from relations.models import ImportBatch, ImportChange
from relations.spreadsheets import UndoRefused, import_batch_undo
from tests.helpers import csv_bytes, import_file, long_rows
from tests.trade.factories import TradeFigureFactory
from trade.models import TradeFigure

BATCHES = reverse("admin:relations_importbatch_changelist")

TOTAL_2011 = ("testland", 2011, "export", "merchandise", "", "1500000000", "S", "S")
MACHINERY_2011 = ("testland", 2011, "export", "merchandise", "84", "300000000", "S", "S")


def state() -> list[tuple]:
    return sorted(
        TradeFigure.objects.values_list("pk", "year", "chapter__code", "value", "source_en"),
        key=str,
    )


def import_rows(*rows, by=None):
    result = import_file("trade-figures", csv_bytes(long_rows(*rows)), file_name="f.csv", by=by)
    assert result.ok, result.problems
    return result.batch


@pytest.fixture
def old_total(testland):
    return TradeFigureFactory(
        profile=testland, year=2011, value=Decimal("1000000000"), source_en="Old"
    )


def test_undo_restores_replaced_values_and_deletes_created_rows(old_total, editor):
    before = state()
    batch = import_rows(TOTAL_2011, MACHINERY_2011)
    assert len(state()) == 2

    import_batch_undo(batch=batch, by=editor)

    assert state() == before
    batch.refresh_from_db()
    assert batch.undone_by == editor
    assert batch.undone_at is not None


def test_undo_is_refused_when_a_row_was_changed_by_hand_since(old_total, editor):
    batch = import_rows(TOTAL_2011, MACHINERY_2011)
    TradeFigure.objects.filter(chapter__code="84").update(value=Decimal("5"))
    before = state()

    with pytest.raises(UndoRefused) as refusal:
        import_batch_undo(batch=batch, by=editor)

    assert str(refusal.value) == (
        "This import cannot be undone: 1 of its trade figures were changed after it (testland "
        "2011 export merchandise chapter 84). Undo or correct the later changes first; nothing "
        "was changed."
    )
    assert state() == before


def test_undo_is_refused_when_a_later_import_changed_the_same_rows(old_total, editor):
    first = import_rows(TOTAL_2011)
    import_rows((*TOTAL_2011[:5], "1600000000", "S", "S"))

    with pytest.raises(UndoRefused):
        import_batch_undo(batch=first, by=editor)

    assert TradeFigure.objects.get().value == Decimal("1600000000.00")


def test_undo_is_refused_when_a_created_row_was_deleted(testland, editor):
    batch = import_rows(MACHINERY_2011)
    TradeFigure.objects.all().delete()

    with pytest.raises(UndoRefused, match="1 were deleted"):
        import_batch_undo(batch=batch, by=editor)


def test_an_import_is_undone_once_only(old_total, editor):
    batch = import_rows(TOTAL_2011)
    import_batch_undo(batch=batch, by=editor)

    with pytest.raises(UndoRefused, match="already undone"):
        import_batch_undo(batch=batch, by=editor)


def test_an_editor_undoes_an_import_from_the_admin(old_total, editor, editor_client):
    batch = import_rows(TOTAL_2011, MACHINERY_2011, by=editor)
    response = editor_client.post(
        BATCHES, {"action": "undo", "_selected_action": [batch.pk]}, follow=True
    )

    assert "1 import undone." in response.content.decode()
    assert list(TradeFigure.objects.values_list("value", flat=True)) == [Decimal("1000000000.00")]


def test_the_admin_says_why_an_undo_is_refused(old_total, editor, editor_client):
    batch = import_rows(TOTAL_2011, by=editor)
    TradeFigure.objects.update(value=Decimal("3"))
    response = editor_client.post(
        BATCHES, {"action": "undo", "_selected_action": [batch.pk]}, follow=True
    )

    shown = [str(message) for message in response.context["messages"]]
    assert shown[0].startswith("f.csv: This import cannot be undone"), shown
    assert ImportBatch.objects.get().undone_at is None


def test_undo_restores_many_rows_set_based(testland, editor):
    """Created and updated rows of many years are put back exactly."""
    for year in range(1990, 2010):
        TradeFigureFactory(profile=testland, year=year, value=Decimal(year))
    before = state()
    rows = [
        ("testland", year, "export", "merchandise", "", "5", "S", "S") for year in range(1985, 2020)
    ]
    batch = import_rows(*rows)
    assert (batch.created_count, batch.updated_count) == (15, 20)

    import_batch_undo(batch=batch, by=editor)

    assert state() == before


def test_one_changed_row_among_many_refuses_the_whole_undo(testland, editor):
    rows = [
        ("testland", year, "export", "merchandise", "", "5", "S", "S") for year in range(1985, 2020)
    ]
    batch = import_rows(*rows)
    TradeFigure.objects.filter(year=2019).update(value=Decimal("6"))
    before = state()

    with pytest.raises(UndoRefused, match="1 of its trade figures were changed after it"):
        import_batch_undo(batch=batch, by=editor)

    assert state() == before


def test_the_batch_page_lists_its_first_changes_only(testland, editor, editor_client, monkeypatch):
    from relations.admin import ImportBatchAdmin

    monkeypatch.setattr(ImportBatchAdmin, "CHANGES_SHOWN", 3)
    rows = [
        ("testland", year, "export", "merchandise", "", "5", "S", "S") for year in range(2001, 2011)
    ]
    batch = import_rows(*rows, by=editor)

    page = editor_client.get(reverse("admin:relations_importbatch_change", args=[batch.pk]))

    content = page.content.decode()
    assert page.status_code == 200
    assert "The first 3 of 10 records are shown." in content
    assert batch.sha256 in content


def test_a_batch_deleted_through_django_takes_its_change_rows(testland, editor):
    """The change rows have no database constraint on their batch (a check per row cost
    seconds per million): Django's cascade is what keeps none behind."""
    kept = import_rows(TOTAL_2011)
    deleted = import_rows(MACHINERY_2011)

    deleted.delete()

    assert list(ImportChange.objects.values_list("batch_id", flat=True)) == [kept.pk]
