"""Every confirmed import is a batch; undo restores what it replaced unless rows changed since."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.trade.factories import TradeFigureFactory
from tests.trade.sheets import csv_bytes, long_rows
from trade.importing.services import UndoRefused, trade_figures_import, trade_import_batch_undo
from trade.models import TradeFigure, TradeImportBatch

TOTAL_2011 = ("testland", 2011, "export", "merchandise", "", "1500000000", "S", "S")
MACHINERY_2011 = ("testland", 2011, "export", "merchandise", "84", "300000000", "S", "S")


def state() -> list[tuple]:
    return sorted(
        TradeFigure.objects.values_list("pk", "year", "chapter__code", "value", "source_en"),
        key=str,
    )


def import_rows(*rows, by=None):
    result = trade_figures_import(
        data=csv_bytes(long_rows(*rows)), file_name="f.csv", dry_run=False, by=by
    )
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

    trade_import_batch_undo(batch=batch, by=editor)

    assert state() == before
    batch.refresh_from_db()
    assert batch.undone_by == editor
    assert batch.undone_at is not None


def test_undo_is_refused_when_a_row_was_changed_by_hand_since(old_total, editor):
    batch = import_rows(TOTAL_2011, MACHINERY_2011)
    TradeFigure.objects.filter(chapter__code="84").update(value=Decimal("5"))
    before = state()

    with pytest.raises(UndoRefused) as refusal:
        trade_import_batch_undo(batch=batch, by=editor)

    assert str(refusal.value) == (
        "This import cannot be undone: 1 of its figures were changed after it (testland 2011 "
        "export merchandise chapter 84). Undo or correct the later changes first; nothing was "
        "changed."
    )
    assert state() == before


def test_undo_is_refused_when_a_later_import_changed_the_same_rows(old_total, editor):
    first = import_rows(TOTAL_2011)
    import_rows((*TOTAL_2011[:5], "1600000000", "S", "S"))

    with pytest.raises(UndoRefused):
        trade_import_batch_undo(batch=first, by=editor)

    assert TradeFigure.objects.get().value == Decimal("1600000000.00")


def test_undo_is_refused_when_a_created_row_was_deleted(testland, editor):
    batch = import_rows(MACHINERY_2011)
    TradeFigure.objects.all().delete()

    with pytest.raises(UndoRefused, match="1 were deleted"):
        trade_import_batch_undo(batch=batch, by=editor)


def test_an_import_is_undone_once_only(old_total, editor):
    batch = import_rows(TOTAL_2011)
    trade_import_batch_undo(batch=batch, by=editor)

    with pytest.raises(UndoRefused, match="already undone"):
        trade_import_batch_undo(batch=batch, by=editor)


def test_an_editor_undoes_an_import_from_the_admin(old_total, editor, editor_client):
    batch = import_rows(TOTAL_2011, MACHINERY_2011, by=editor)
    url = reverse("admin:trade_tradeimportbatch_changelist")

    response = editor_client.post(
        url, {"action": "undo", "_selected_action": [batch.pk]}, follow=True
    )

    assert "1 import undone." in response.content.decode()
    assert list(TradeFigure.objects.values_list("value", flat=True)) == [Decimal("1000000000.00")]


def test_the_admin_says_why_an_undo_is_refused(old_total, editor, editor_client):
    batch = import_rows(TOTAL_2011, by=editor)
    TradeFigure.objects.update(value=Decimal("3"))
    url = reverse("admin:trade_tradeimportbatch_changelist")

    response = editor_client.post(
        url, {"action": "undo", "_selected_action": [batch.pk]}, follow=True
    )

    shown = [str(message) for message in response.context["messages"]]
    assert shown[0].startswith("f.csv: This import cannot be undone"), shown
    assert TradeImportBatch.objects.get().undone_at is None
