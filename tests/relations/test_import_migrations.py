"""The data migrations of the one import model: trade batches and the JSON changes of every
batch become `ImportBatch` and `ImportChange` rows, and the moved imports can still be undone."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from relations.models import ImportBatch, ImportChange, Meeting
from relations.spreadsheets import UndoRefused, import_batch_undo
from tests.helpers import latest_migrations, migrate
from trade.models import TradeFigure

BEFORE = [
    ("relations", "0009_profile_french_address_and_summary"),
    ("trade", "0006_hs_chapters_2022"),
]
WHEN = datetime.datetime(2020, 5, 4, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(latest_migrations())


def old_rows(apps, editor_id):
    """An old trade batch (one created, one updated figure) and two record batches."""
    Country, Profile = (
        apps.get_model("relations", "Country"),
        apps.get_model("relations", "Profile"),
    )
    country = Country.objects.create(
        code="XT",
        name_en="Testland",
        name_fr="Testlande",
        formal_name_en="Testland",
        formal_name_fr="la Testlande",
        french_gender="f",
        adjective_en="Testlandic",
        adjective_fr="testlandais",
        adjective_feminine_fr="testlandaises",
    )
    profile = Profile.objects.create(
        partner=country, slug="testland", relations_established_year=1950, as_of="2020-01-01"
    )
    Figure = apps.get_model("trade", "TradeFigure")
    common = {"profile": profile, "flow": "export", "kind": "merchandise", "source_fr": "S"}
    created = Figure.objects.create(year=2011, value=Decimal("5"), source_en="New", **common)
    updated = Figure.objects.create(year=2010, value=Decimal("7"), source_en="New", **common)
    trade = apps.get_model("trade", "TradeImportBatch").objects.create(
        created_by_id=editor_id,
        file_name="trade.csv",
        sha256="a" * 64,
        layout="long",
        created_count=1,
        updated_count=1,
        changes={
            "created": [[created.pk, "5.00", "New", "S"]],
            "updated": [[updated.pk, "6.00", "Old", "S", "7.00", "New", "S"]],
        },
    )
    apps.get_model("trade", "TradeImportBatch").objects.filter(pk=trade.pk).update(created_at=WHEN)
    meeting = apps.get_model("relations", "Meeting").objects.create(
        profile=profile,
        kind="call",
        date="2019-03-04",
        home_participant_en="A",
        home_participant_fr="A",
        partner_participant_en="B",
        partner_participant_fr="B",
    )
    Batch = apps.get_model("relations", "ImportBatch")
    Batch.objects.create(
        model="relations.meeting",
        file_name="meetings.csv",
        sha256="b" * 64,
        changes={
            "created": [],
            "updated": [{"id": meeting.pk, "old": {"city_en": "X"}, "new": {"city_en": ""}}],
        },
    )
    Batch.objects.create(
        model="relations.meeting", file_name="legacy.csv", changes={"created": [meeting.pk]}
    )


@translation.override("en")
def test_old_batches_move_into_import_batches_with_their_changes_as_rows(
    old_schema, django_user_model
):
    editor = django_user_model.objects.create_superuser("mover")
    old_rows(old_schema, editor.pk)

    migrate(latest_migrations())

    trade = ImportBatch.objects.get(model="trade.tradefigure")
    assert (trade.file_name, trade.layout, trade.created_by, trade.created_at) == (
        "trade.csv",
        "long",
        editor,
        WHEN,
    )
    rows = sorted(trade.changes.values_list("created", "old", "new"), key=str)
    assert rows == [
        (
            False,
            {"value": "6.00", "source_en": "Old", "source_fr": "S"},
            {"value": "7.00", "source_en": "New", "source_fr": "S"},
        ),
        (True, None, {"value": "5.00", "source_en": "New", "source_fr": "S"}),
    ]
    records = ImportBatch.objects.get(file_name="meetings.csv")
    assert list(records.changes.values_list("created", "old", "new")) == [
        (False, {"city_en": "X"}, {"city_en": ""})
    ]
    legacy = ImportBatch.objects.get(file_name="legacy.csv")
    assert list(legacy.changes.values_list("created", "new")) == [(True, None)]
    assert ImportChange.objects.count() == 4

    # The moved trade import undoes as it would have before.
    import_batch_undo(batch=trade, by=editor)
    assert list(TradeFigure.objects.values_list("year", "value", "source_en")) == [
        (2010, Decimal("6.00"), "Old")
    ]
    with pytest.raises(UndoRefused, match="recorded before imports could be undone"):
        import_batch_undo(batch=legacy, by=editor)
    assert Meeting.objects.count() == 1
    assert timezone.is_aware(trade.created_at)
