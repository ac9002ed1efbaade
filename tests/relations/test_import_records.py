"""Editors import meetings and diplomatic missions from CSV or XLSX; all rows or none."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.models import DiplomaticMission, ImportBatch, Meeting
from relations.sheets import MEETINGS, MISSIONS
from relations.spreadsheets.files import sheet_bytes
from tests.helpers import CALL, EMBASSY, csv_bytes, import_file, messages, xlsx_bytes, xlsx_cells
from tests.relations.factories import DiplomaticMissionFactory, MeetingFactory

MEETING_HEADER = list(MEETINGS.header)
MISSION_HEADER = list(MISSIONS.header)


def meetings(*rows, header=MEETING_HEADER) -> bytes:
    return csv_bytes([header, *rows])


def missions(*rows, header=MISSION_HEADER, encoding="utf-8") -> bytes:
    return csv_bytes([header, *rows], encoding=encoding)


def import_meetings(data: bytes, **options):
    return import_file("meetings", data, file_name="meetings.csv", **options)


def import_missions(data: bytes, **options):
    return import_file("missions", data, file_name="missions.csv", **options)


def export(sheet, queryset, file_format: str) -> bytes:
    return sheet_bytes(
        header=list(sheet.header),
        rows=sheet.export_rows(queryset),
        file_format=file_format,
        title=str(sheet.title),
    )


def everything() -> list[tuple]:
    """Every stored value of every meeting and mission, to show nothing else moved."""
    return [
        *Meeting.objects.order_by("pk").values_list(),
        *DiplomaticMission.objects.order_by("pk").values_list(),
    ]


def changed(row: list, **cells) -> list:
    return [cells.get(name, value) for name, value in zip(MEETING_HEADER, row, strict=True)]


# Round trip and idempotence


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_shipped_meetings_and_missions_reimport_unchanged(canada_russia, file_format):
    """Export of the Canada–Russia content, then import: nothing new, nothing updated."""
    before = everything()

    meetings_file = export(MEETINGS, Meeting.objects.all(), file_format)
    missions_file = export(MISSIONS, DiplomaticMission.objects.all(), file_format)

    assert import_meetings(meetings_file).summary == "0 new, 0 updated, 5 unchanged"
    assert import_missions(missions_file).summary == "0 new, 0 updated, 6 unchanged"
    assert everything() == before


def test_a_meetings_csv_creates_its_meetings_and_a_second_import_changes_nothing(testland):
    data = meetings(CALL)

    first = import_meetings(data)
    second = import_meetings(data)

    assert first.summary == "1 new, 0 updated, 0 unchanged", messages(first)
    assert second.summary == "0 new, 0 updated, 1 unchanged"
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.date, meeting.partner_participant_fr) == (
        "call",
        datetime.date(2019, 3, 4),
        "la présidente Échantillon",
    )


def test_rows_address_existing_records_by_natural_key_and_report_old_and_new(testland):
    meeting = MeetingFactory(profile=testland, kind="call", occasion_en="", occasion_fr="")
    others = MeetingFactory(profile=testland, kind="meeting")
    before_others = Meeting.objects.filter(pk=others.pk).values_list().get()
    row = changed(CALL, occasion_en="on the phone", occasion_fr="au téléphone")

    result = import_meetings(meetings(row))

    assert result.summary == "0 new, 1 updated, 0 unchanged"
    assert [(c.line, c.column, c.old, c.new) for c in result.changes] == [
        (2, "occasion_en", "", "on the phone"),
        (2, "occasion_fr", "", "au téléphone"),
    ]
    meeting.refresh_from_db()
    assert meeting.occasion_fr == "au téléphone"
    # A record the file does not mention is left as it is.
    assert Meeting.objects.filter(pk=others.pk).values_list().get() == before_others


def test_a_confirmed_import_is_recorded_as_a_batch(testland, editor):
    data = missions(EMBASSY)

    result = import_missions(data, by=editor)

    batch = ImportBatch.objects.get()
    assert result.batch == batch
    assert (batch.model, batch.created_by, batch.file_name) == (
        "relations.diplomaticmission",
        editor,
        "missions.csv",
    )
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 0, 0)
    assert batch.sha256 == hashlib.sha256(data).hexdigest()
    mission = DiplomaticMission.objects.get()
    assert list(batch.changes.values("object_id", "created", "old", "new")) == [
        {
            "object_id": mission.pk,
            "created": True,
            "old": None,
            "new": {
                "position": 1,
                "profile_id": testland.pk,
                "side": "home",
                "kind": "embassy",
                "city_en": "Testville",
                "city_fr": "Villetest",
            },
        }
    ]


def test_a_dry_run_writes_nothing_and_records_no_batch(testland):
    result = import_file("missions", missions(EMBASSY), dry_run=True)

    assert result.summary == "1 new, 0 updated, 0 unchanged"
    assert DiplomaticMission.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_the_number_of_queries_does_not_grow_with_the_rows(testland):
    """A key map loaded once, not a query per row."""
    small = missions(*[["testland", "home", "consulate", f"C{n}", f"C{n}", n] for n in range(3)])
    large = missions(*[["testland", "home", "consulate", f"C{n}", f"C{n}", n] for n in range(60)])
    queries = []
    for data in (small, large):
        DiplomaticMission.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            assert import_file("missions", data, dry_run=True).ok
        queries.append(len(captured))

    assert queries[0] == queries[1]


# Files as editors save them


def test_a_windows_1252_csv_keeps_its_french_accents(testland):
    data = missions(
        ["testland", "partner", "consulate", "Montreal", "Montréal", "2"], encoding="cp1252"
    )

    result = import_missions(data)

    assert result.ok, messages(result)
    assert "The file was read as Windows-1252 text." in result.notes
    assert DiplomaticMission.objects.get().city_fr == "Montréal"


def test_an_xlsx_meetings_sheet_with_real_dates_is_read(testland):
    row = [datetime.datetime(2019, 3, 4), *CALL[2:]]
    data = xlsx_bytes([MEETING_HEADER, ["testland", *row]], [["ignored"]])

    result = import_file("meetings", data, file_name="m.xlsx")

    assert result.summary == "1 new, 0 updated, 0 unchanged", messages(result)
    assert "Only the first sheet, “Sheet1”, was read" in result.notes[0]
    assert Meeting.objects.get().date == datetime.date(2019, 3, 4)


def test_exported_text_that_looks_like_a_formula_is_neutralised_and_reimports(testland):
    MeetingFactory(
        profile=testland,
        occasion_en='=HYPERLINK("http://evil.example","x")',
        occasion_fr="@SUM(A1)",
    )

    csv_text = export(MEETINGS, Meeting.objects.all(), "csv").decode("utf-8-sig")
    xlsx = export(MEETINGS, Meeting.objects.all(), "xlsx")

    assert "'=HYPERLINK" in csv_text
    assert "'@SUM(A1)" in csv_text
    assert not [cell for cell in xlsx_cells(xlsx) if cell.data_type == "f"]
    assert "'@SUM(A1)" in [cell.value for cell in xlsx_cells(xlsx)]
    assert import_meetings(csv_text.encode()).summary == "0 new, 0 updated, 1 unchanged"
    assert import_meetings(xlsx).summary == "0 new, 0 updated, 1 unchanged"
    assert Meeting.objects.get().occasion_en.startswith("=HYPERLINK")


# Every problem, with its line, column and reason


def test_unknown_and_missing_columns_are_refused(testland):
    header = ["profile", "side", "kind", "city_en", "town"]

    result = import_missions(missions(["testland", "home", "embassy", "X", "Y"], header=header))

    assert messages(result) == [
        "Line 1, column “town”: Unknown column “town”; the columns are profile, side, kind, "
        "city_en, city_fr, position.",
        "Line 1, column “city_fr”: The column “city_fr” is missing.",
    ]
    assert DiplomaticMission.objects.count() == 0


def test_a_text_column_in_one_language_only_is_refused(testland):
    dropped = MEETING_HEADER.index("occasion_fr")
    header = MEETING_HEADER[:dropped] + MEETING_HEADER[dropped + 1 :]
    row = CALL[:dropped] + CALL[dropped + 1 :]

    result = import_meetings(meetings(row, header=header))

    assert "Line 1, column “occasion_fr”: The column “occasion_fr” is missing." in messages(result)


def test_a_text_in_one_language_only_is_refused(testland):
    result = import_meetings(meetings(changed(CALL, occasion_en="on the phone")))

    assert messages(result) == [
        "Line 2, column “occasion_fr”: Enter the French text too: the French page needs it."
    ]


def test_an_unknown_profile_is_refused(testland):
    result = import_missions(missions(["atlantis", "home", "embassy", "X", "Y", "1"]))

    assert messages(result) == [
        "Line 2, column “profile”: There is no profile “atlantis”; use the slug of an "
        "existing profile."
    ]


def test_bad_dates_and_choices_are_refused(testland):
    result = import_meetings(
        meetings(changed(CALL, date="04/03/2019"), changed(CALL, kind="fax", date="2019-02-30"))
    )

    assert messages(result) == [
        "Line 2, column “date”: “04/03/2019” is not a date; write it as YYYY-MM-DD, e.g. "
        "2012-05-07.",
        "Line 3, column “date”: “2019-02-30” is not a date; write it as YYYY-MM-DD, e.g. "
        "2012-05-07.",
        "Line 3, column “kind”: “fax” is not a kind; write one of meeting, call, visit_home, "
        "visit_partner.",
    ]
    assert result.invalid == 2


def test_a_bad_side_and_position_are_refused(testland):
    result = import_missions(missions(["testland", "ours", "embassy", "X", "Y", "first"]))

    assert messages(result) == [
        "Line 2, column “position”: “first” is not a whole number.",
        "Line 2, column “side”: “ours” is not a side; write one of home, partner.",
    ]


def test_the_models_own_rules_apply(testland):
    """A call needs both participants (Meeting.clean)."""
    row = changed(CALL, home_participant_en="", home_participant_fr="")

    result = import_meetings(meetings(row))

    assert messages(result) == [
        "Line 2, column “home_participant_en”: This kind of meeting needs this participant."
    ]


def test_an_empty_required_cell_is_refused(testland):
    result = import_missions(missions(["testland", "home", "embassy", "X", "", "1"]))

    assert messages(result) == ["Line 2, column “city_fr”: Fill in this cell; it cannot be empty."]


def test_duplicate_keys_in_one_file_are_refused(testland):
    result = import_missions(missions(EMBASSY, ["testland", "home", "embassy", "Testville", "Z"]))

    assert messages(result) == [
        "Line 3, column “profile, side, kind, city_en”: This mission is already on line 2; "
        "keep one of the two."
    ]
    assert DiplomaticMission.objects.count() == 0


def test_a_file_with_problems_leaves_the_data_exactly_as_before(testland):
    """All rows or none: the good rows of a file with one bad row are not written either."""
    DiplomaticMissionFactory(profile=testland, city_en="Testville", city_fr="Old")
    MeetingFactory(profile=testland)
    before = everything()
    good_update = ["testland", "home", "embassy", "Testville", "Villetest", "1"]
    good_new = ["testland", "partner", "consulate", "Newtown", "Villeneuve", "2"]
    bad = ["testland", "partner", "consulate", "Badtown", "", "3"]

    result = import_missions(missions(good_update, good_new, bad))

    assert not result.ok
    assert result.summary == "1 new, 1 updated, 0 unchanged, 1 invalid"
    assert everything() == before
    assert ImportBatch.objects.count() == 0


def test_an_empty_file_and_a_damaged_workbook_are_refused(testland):
    assert messages(import_missions(b"")) == ["File: The file is empty."]
    damaged = import_missions(b"PK\x03\x04 not really a zip")
    assert messages(damaged) == ["File: The file looks like XLSX but is damaged."]


def test_a_header_only_file_is_nothing_to_import(testland):
    result = import_missions(missions())

    assert result.ok and result.empty
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize("position", ["٣", "2_0", "５", "1e3", "-1"])
def test_whole_numbers_are_ascii_digits_only(testland, position):
    result = import_missions(missions(["testland", "home", "embassy", "X", "Y", position]))

    assert messages(result) == [f"Line 2, column “position”: “{position}” is not a whole number."]


def test_a_position_beyond_the_column_is_refused_on_every_database(testland):
    result = import_missions(missions(["testland", "home", "embassy", "X", "Y", "99999"]))

    assert messages(result) == [
        "Line 2, column “position”: “99999” is too large; the largest is 32767."
    ]


def test_rows_wider_than_the_header_are_refused(testland):
    result = import_missions(missions([*EMBASSY, "extra"]))

    assert messages(result) == ["Line 2: This row has cells outside the columns of the header."]
