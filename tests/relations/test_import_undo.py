"""A spreadsheet import of meetings or missions is undone once, exactly, or not at all."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from relations.models import DiplomaticMission, ImportBatch, ImportChange, Meeting
from relations.sheets import MEETINGS, MISSIONS
from relations.spreadsheets import UndoRefused, import_batch_undo
from tests.conftest import PASSWORD
from tests.helpers import csv_bytes, import_file
from tests.relations.factories import DiplomaticMissionFactory, MeetingFactory

BATCHES = reverse("admin:relations_importbatch_changelist")
CALL = [
    "testland",
    "2019-03-04",
    "day",
    "call",
    "Prime Minister Example",
    "le premier ministre Exemple",
    "President Sample",
    "la présidente Échantillon",
    "on the phone",
    "au téléphone",
    "",
    "",
]
VISIT = [
    "testland",
    "2020-06-01",
    "month",
    "visit_partner",
    "Minister Example",
    "le ministre Exemple",
    "",
    "",
    "",
    "",
    "Testville",
    "Villetest",
]


@pytest.fixture
def old_call(testland):
    """The meeting CALL addresses, as it was before the import."""
    return MeetingFactory(profile=testland, kind="call", occasion_en="", occasion_fr="")


def state() -> list[tuple]:
    """Every stored value of every meeting and mission."""
    return [
        *Meeting.objects.order_by("pk").values_list(),
        *DiplomaticMission.objects.order_by("pk").values_list(),
    ]


def import_meetings(*rows, by=None) -> ImportBatch:
    result = import_file(
        "meetings", csv_bytes([list(MEETINGS.header), *rows]), file_name="meetings.csv", by=by
    )
    assert result.ok, result.problems
    return result.batch


def undo_in_admin(client, batch):
    return client.post(BATCHES, {"action": "undo", "_selected_action": [batch.pk]}, follow=True)


def shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_undo_restores_replaced_values_and_deletes_created_records(old_call, editor):
    before = state()
    batch = import_meetings(CALL, VISIT)
    assert (batch.created_count, batch.updated_count) == (1, 1)

    import_batch_undo(batch=batch, by=editor)

    assert state() == before
    batch.refresh_from_db()
    assert batch.undone_by == editor
    assert batch.undone_at is not None


def test_undo_restores_missions_including_their_positions(testland, editor):
    mission = DiplomaticMissionFactory(profile=testland, city_en="Testville", position=4)
    before = state()
    result = import_file(
        "missions",
        csv_bytes(
            [
                list(MISSIONS.header),
                ["testland", "home", "embassy", "Testville", "Villetest", "1"],
                ["testland", "partner", "consulate", "Port Test", "Port-Test", "2"],
            ]
        ),
    )
    mission.refresh_from_db()
    assert (mission.position, DiplomaticMission.objects.count()) == (1, 2)

    import_batch_undo(batch=result.batch, by=editor)

    assert state() == before


def test_undo_is_refused_when_a_record_was_changed_by_hand_since(old_call, editor):
    batch = import_meetings(CALL, VISIT)
    Meeting.objects.filter(pk=old_call.pk).update(occasion_en="by telephone")
    before = state()

    with pytest.raises(UndoRefused) as refusal:
        import_batch_undo(batch=batch, by=editor)

    assert str(refusal.value) == (
        "This import cannot be undone: 1 of its meetings were changed after it (testland · "
        "2019-03-04 · call · President Sample · Prime Minister Example). Undo or correct the "
        "later changes first; nothing was changed."
    )
    assert state() == before
    batch.refresh_from_db()
    assert batch.undone_at is None


def test_undo_is_refused_when_a_created_record_was_changed_in_a_column_the_file_left_out(
    testland, editor
):
    """Deleting the record would lose a value the import never wrote."""
    result = import_file(
        "missions",
        csv_bytes(
            [
                ["profile", "side", "kind", "city_en", "city_fr"],
                ["testland", "home", "embassy", "A", "B"],
            ]
        ),
    )
    DiplomaticMission.objects.update(position=7)

    with pytest.raises(UndoRefused, match="1 of its diplomatic missions were changed"):
        import_batch_undo(batch=result.batch, by=editor)

    assert DiplomaticMission.objects.get().position == 7


def test_undo_is_refused_when_a_created_record_was_deleted(testland, editor):
    batch = import_meetings(VISIT)
    Meeting.objects.all().delete()

    with pytest.raises(UndoRefused, match="1 were deleted"):
        import_batch_undo(batch=batch, by=editor)

    assert ImportBatch.objects.get().undone_at is None


def test_a_later_import_must_be_undone_first(old_call, editor):
    before = state()
    first = import_meetings(CALL)
    second = import_meetings([*CALL[:8], "by video", "par vidéo", "", ""])

    with pytest.raises(UndoRefused, match="cannot be undone"):
        import_batch_undo(batch=first, by=editor)
    assert Meeting.objects.get().occasion_en == "by video"

    import_batch_undo(batch=second, by=editor)
    import_batch_undo(batch=first, by=editor)

    assert state() == before


def test_an_import_is_undone_once_only(old_call, editor):
    batch = import_meetings(CALL, VISIT)
    import_batch_undo(batch=batch, by=editor)
    after_undo = state()

    with pytest.raises(UndoRefused, match="This import was already undone on "):
        import_batch_undo(batch=batch, by=editor)

    assert state() == after_undo


def test_an_import_recorded_before_undo_existed_is_not_undone(testland, editor):
    """Such a batch kept only the ids of its new records, not what they held."""
    meeting = MeetingFactory(profile=testland)
    batch = ImportBatch.objects.create(model="relations.meeting", file_name="old.csv")
    ImportChange.objects.create(batch=batch, object_id=meeting.pk, created=True, new=None)

    with pytest.raises(UndoRefused, match="recorded before imports could be undone"):
        import_batch_undo(batch=batch, by=editor)

    assert Meeting.objects.filter(pk=meeting.pk).exists()


# In the admin


def test_an_editor_undoes_an_import_from_the_admin(old_call, editor, editor_client):
    before = state()
    batch = import_meetings(CALL, VISIT, by=editor)

    response = undo_in_admin(editor_client, batch)

    assert shown(response) == ["1 import undone."]
    assert state() == before
    assert ImportBatch.objects.get().undone_by == editor


def test_the_admin_says_why_an_undo_is_refused(old_call, editor, editor_client):
    batch = import_meetings(CALL, by=editor)
    Meeting.objects.update(city_en="Testville", city_fr="Villetest")
    before = state()

    response = undo_in_admin(editor_client, batch)

    assert shown(response)[0].startswith("meetings.csv: This import cannot be undone"), shown(
        response
    )
    assert state() == before
    assert ImportBatch.objects.get().undone_at is None


def test_undo_needs_the_import_permission_of_the_batchs_records(old_call, editor, client):
    """Someone who may import highlights but not meetings cannot undo a meetings import."""
    batch = import_meetings(CALL, by=editor)
    after_import = state()
    user = User.objects.create_user("reader", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_importbatch", "view_meeting", "import_highlight"]
        )
    )
    client.force_login(user)

    response = undo_in_admin(client, batch)

    assert shown(response) == [
        "meetings.csv: You may not import meetings, so you may not undo this import; nothing "
        "was changed."
    ]
    assert state() == after_import
    batch.refresh_from_db()
    assert batch.undone_at is None


def test_staff_without_any_import_permission_are_not_offered_undo(old_call, editor, client):
    batch = import_meetings(CALL, by=editor)
    after_import = state()
    user = User.objects.create_user("reader", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_importbatch"))
    client.force_login(user)

    listing = client.get(BATCHES)
    response = undo_in_admin(client, batch)

    assert listing.status_code == 200
    assert 'value="undo"' not in listing.content.decode()
    assert shown(response) == []
    assert state() == after_import


def test_the_service_checks_the_permission_itself(old_call, editor):
    """Not only the admin action: whoever calls undo needs the import permission."""
    batch = import_meetings(CALL, by=editor)
    after_import = state()
    nobody = User.objects.create_user("nobody", password=PASSWORD, is_staff=True)

    with pytest.raises(UndoRefused, match="You may not import meetings"):
        import_batch_undo(batch=batch, by=nobody)

    assert state() == after_import


def test_nobody_may_edit_or_delete_an_import_record(old_call, editor, client):
    """Audit records: not editors, not publishers, not even a superuser in the admin."""
    batch = import_meetings(CALL, by=editor)
    superuser = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(superuser)

    change = client.post(
        reverse("admin:relations_importbatch_change", args=[batch.pk]), {"file_name": "x"}
    )
    delete = client.post(
        reverse("admin:relations_importbatch_delete", args=[batch.pk]), {"post": "yes"}
    )
    bulk = client.post(BATCHES, {"action": "delete_selected", "_selected_action": [batch.pk]})

    assert change.status_code == 403
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert ImportBatch.objects.get().file_name == "meetings.csv"
    for codename in ("add", "change", "delete"):
        assert not editor.has_perm(f"relations.{codename}_importbatch")


def test_an_undo_read_in_chunks_checks_every_chunk_before_keeping_any(
    testland, editor, monkeypatch
):
    """A change in the last chunk refuses the undo; the earlier chunks are rolled back."""
    from relations.spreadsheets import sheet

    monkeypatch.setattr(sheet, "UNDO_CHUNK", 3)
    rows = [[*VISIT[:4], f"Minister {n}", f"le ministre {n}", *VISIT[6:]] for n in range(10)]
    batch = import_meetings(*rows)
    Meeting.objects.filter(home_participant_en="Minister 9").update(city_en="Elsewhere")
    before = state()

    with pytest.raises(UndoRefused, match="1 of its meetings were changed after it"):
        import_batch_undo(batch=batch, by=editor)

    assert state() == before
    Meeting.objects.filter(home_participant_en="Minister 9").update(city_en="Testville")
    import_batch_undo(batch=batch, by=editor)
    assert not Meeting.objects.exists()
