"""Editors import meetings and missions in the admin: upload, preview, confirm; and export."""

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relations.models import DiplomaticMission, ImportBatch, Meeting, Profile
from relations.sheets import MEETINGS, MISSIONS
from tests.conftest import PASSWORD
from tests.helpers import csv_bytes, import_file, xlsx_bytes

MEETING_IMPORT = reverse("admin:relations_meeting_import")
MEETING_CONFIRM = reverse("admin:relations_meeting_process_import")
MEETING_EXPORT = reverse("admin:relations_meeting_export")
MISSION_IMPORT = reverse("admin:relations_diplomaticmission_import")
MISSION_CONFIRM = reverse("admin:relations_diplomaticmission_process_import")
MISSION_EXPORT = reverse("admin:relations_diplomaticmission_export")
MISSION_LIST = reverse("admin:relations_diplomaticmission_changelist")
MOSCOW = ["russia", "home", "embassy", "Moscow", "Moscou (ambassade)", "1"]
ST_PETERSBURG = ["russia", "home", "consulate", "St. Petersburg", "Saint-Pétersbourg", "7"]


def missions(*rows) -> bytes:
    return csv_bytes([list(MISSIONS.header), *rows])


def upload(client, url: str, data: bytes, name: str = "missions.csv"):
    return client.post(url, {"import_file": SimpleUploadedFile(name, data)})


def confirm(client, url: str, preview, **kwargs):
    return client.post(url, {"token": preview.context["confirm_form"]["token"].value()}, **kwargs)


def moscow_fr() -> str:
    return DiplomaticMission.objects.get(city_en="Moscow").city_fr


def test_meeting_and_mission_lists_offer_import_and_export(editor_client, canada_russia):
    meetings = editor_client.get(reverse("admin:relations_meeting_changelist")).content.decode()
    missions_page = editor_client.get(MISSION_LIST).content.decode()

    assert MEETING_IMPORT in meetings and MEETING_EXPORT in meetings
    assert MISSION_IMPORT in missions_page and MISSION_EXPORT in missions_page
    assert "Moscow" in missions_page


def test_the_upload_page_lists_the_columns(editor_client, canada_russia):
    content = editor_client.get(MEETING_IMPORT).content.decode()

    assert ", ".join(MEETINGS.header) in content


def test_the_preview_counts_rows_and_shows_old_and_new_values(editor_client, canada_russia):
    response = upload(editor_client, MISSION_IMPORT, missions(MOSCOW, ST_PETERSBURG))

    result = response.context["result"]
    assert result.summary == "1 new, 1 updated, 0 unchanged"
    content = response.content.decode()
    assert "Moscou" in content
    assert "→ Moscou (ambassade)" in content
    assert moscow_fr() == "Moscou"
    assert 'id="confirm-import"' in content


def test_the_preview_shows_which_sentences_of_the_page_would_change(editor_client, canada_russia):
    response = upload(editor_client, MISSION_IMPORT, missions(ST_PETERSBURG))

    sentences = response.context["result"].sentences
    assert any("St. Petersburg" in s.after for s in sentences if s.language == "en")
    assert any("Saint-Pétersbourg" in s.after for s in sentences if s.language == "fr")


def test_confirming_imports_the_file_and_records_a_batch(editor, editor_client, canada_russia):
    preview = upload(editor_client, MISSION_IMPORT, missions(MOSCOW), name="june.csv")

    response = confirm(editor_client, MISSION_CONFIRM, preview)

    assert response.status_code == 302
    assert moscow_fr() == "Moscou (ambassade)"
    batch = ImportBatch.objects.get()
    assert (batch.created_by, batch.file_name, batch.updated_count) == (editor, "june.csv", 1)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Import finished: 0 new, 1 updated, 0 unchanged." in page


def test_a_preview_with_problems_offers_no_confirm(editor_client, canada_russia):
    duplicate = ["russia", "home", "embassy", "Moscow", "Moscou", "1"]
    blank = ["russia", "home", "consulate", "Kazan", "", "8"]

    response = upload(editor_client, MISSION_IMPORT, missions(MOSCOW, duplicate, blank))

    content = response.content.decode()
    assert "confirm_form" not in response.context
    assert 'id="confirm-import"' not in content
    assert "This mission is already on line 2; keep one of the two." in content
    assert "Fill in this cell; it cannot be empty." in content
    assert moscow_fr() == "Moscou"


def test_a_confirm_that_no_longer_imports_cleanly_never_says_import_finished(
    editor_client, canada_russia
):
    preview = upload(editor_client, MISSION_IMPORT, missions(MOSCOW, ST_PETERSBURG))
    Profile.objects.filter(slug="russia").update(slug="russian-federation")  # meanwhile
    before = list(DiplomaticMission.objects.order_by("pk").values_list())

    response = confirm(editor_client, MISSION_CONFIRM, preview, follow=True)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in content
    assert "Import finished" not in content
    assert "There is no profile “russia”" in content
    assert list(DiplomaticMission.objects.order_by("pk").values_list()) == before
    assert ImportBatch.objects.count() == 0


def test_a_confirmation_for_one_list_cannot_import_into_another(editor_client, canada_russia):
    preview = upload(editor_client, MISSION_IMPORT, missions(MOSCOW))

    response = confirm(editor_client, MEETING_CONFIRM, preview)

    assert response.status_code == 400
    assert "This confirmation is invalid or has expired" in response.content.decode()
    assert moscow_fr() == "Moscou"


def test_staff_without_the_import_permission_cannot_import_or_export(client, canada_russia):
    """A staff user who may change missions and meetings, but was not given import/export."""
    user = User.objects.create_user("changer", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                f"{action}_{model}"
                for action in ("view", "change", "add")
                for model in ("meeting", "diplomaticmission")
            ]
        )
    )
    client.force_login(user)

    assert client.get(MISSION_LIST).status_code == 200
    for url in (MEETING_IMPORT, MISSION_IMPORT, MEETING_EXPORT, MISSION_EXPORT):
        assert client.get(url).status_code == 403, url
    assert upload(client, MISSION_IMPORT, missions(MOSCOW)).status_code == 403
    assert client.post(MISSION_CONFIRM, {"token": "x"}).status_code == 403
    assert moscow_fr() == "Moscou"


def test_editors_and_publishers_may_import_and_export(editor, publisher):
    for user in (editor, publisher):
        for model in ("meeting", "diplomaticmission"):
            assert user.has_perm(f"relations.import_{model}")
            assert user.has_perm(f"relations.export_{model}")
        assert user.has_perm("culture.import_highlight")
        assert user.has_perm("culture.export_highlight")
        assert not user.has_perm("relations.change_importbatch")


def test_the_csv_and_xlsx_exports_reimport_with_no_changes(editor_client, canada_russia):
    for url, kind, count in ((MEETING_EXPORT, "meetings", 5), (MISSION_EXPORT, "missions", 6)):
        for number, extension in ((0, "csv"), (1, "xlsx")):
            response = editor_client.post(url, {"format": str(number), "resource": "0"})
            assert response.status_code == 200
            assert f'.{extension}"' in response["Content-Disposition"]
            content = b"".join(response.streaming_content)
            result = import_file(kind, content, file_name=f"e.{extension}", dry_run=True)
            assert result.summary == f"0 new, 0 updated, {count} unchanged"


def test_an_xlsx_meetings_upload_is_previewed(editor_client, canada_russia):
    data = xlsx_bytes(
        [
            list(MEETINGS.header),
            [
                "russia",
                "2012-05-07",
                "day",
                "call",
                "Prime Minister Harper",
                "le premier ministre Harper",
                "President Putin",
                "le président Poutine",
                "following his inauguration",
                "à la suite de son investiture",
                "",
                "",
            ],
        ]
    )

    response = upload(editor_client, MEETING_IMPORT, data, name="m.xlsx")

    assert response.context["result"].summary == "0 new, 0 updated, 1 unchanged"
    assert "The sheet “Sheet1” was read." in response.content.decode()
    assert Meeting.objects.count() == 5


def test_editors_read_the_list_of_imports_but_cannot_edit_it(editor, editor_client, canada_russia):
    import_file("missions", missions(MOSCOW), file_name="june.csv", by=editor)
    batch = ImportBatch.objects.get()

    listing = editor_client.get(reverse("admin:relations_importbatch_changelist"))
    detail = editor_client.get(reverse("admin:relations_importbatch_change", args=[batch.pk]))

    assert listing.status_code == 200
    assert "june.csv" in listing.content.decode()
    assert batch.sha256 in detail.content.decode()
    assert editor_client.get(reverse("admin:relations_importbatch_add")).status_code == 403
