"""`manage.py import_sheet` imports meetings, missions and highlights with the admin's checks;
any problem writes nothing and exits non-zero."""

import ast
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connections

from culture.models import Highlight
from culture.sheets import HIGHLIGHTS
from relations.models import DiplomaticMission, ImportBatch, Meeting
from relations.sheets import MEETINGS, MISSIONS
from tests.helpers import CALL, EMBASSY, PUBLICATION, csv_bytes, xlsx_bytes

NO_FRENCH = ["testland", "home", "consulate", "Kazan", "", "2"]


def write(tmp_path, name: str, header, *rows) -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes([list(header), *rows]))
    return path


def nothing_written() -> bool:
    return not (
        Meeting.objects.exists()
        or DiplomaticMission.objects.exists()
        or Highlight.objects.exists()
        or ImportBatch.objects.exists()
    )


def test_meetings_are_imported_with_a_summary_and_progress(testland, tmp_path, capsys):
    call_command("import_sheet", "meetings", str(write(tmp_path, "m.csv", MEETINGS.header, CALL)))

    out, err = capsys.readouterr()
    assert "Imported m.csv: 1 new, 0 updated, 0 unchanged." in out
    assert "The file was read as UTF-8 text." in out
    assert err.splitlines() == [
        "… Read 1 row.",
        "… Wrote the rows: 1 new, 0 updated, 0 unchanged.",
    ]
    assert Meeting.objects.get().partner_participant_fr == "la présidente Échantillon"
    batch = ImportBatch.objects.get()
    assert (batch.model, batch.file_name, batch.created_by) == ("relations.meeting", "m.csv", None)


def test_a_second_run_reports_every_row_unchanged(testland, tmp_path, capsys):
    path = write(tmp_path, "missions.csv", MISSIONS.header, EMBASSY)
    call_command("import_sheet", "missions", str(path))
    changed = [*EMBASSY[:4], "Ville-test", EMBASSY[5]]

    call_command("import_sheet", "missions", str(path))
    call_command(
        "import_sheet", "missions", str(write(tmp_path, "new.csv", MISSIONS.header, changed))
    )

    out = capsys.readouterr().out
    assert "Imported missions.csv: 0 new, 0 updated, 1 unchanged." in out
    assert "Imported new.csv: 0 new, 1 updated, 0 unchanged." in out
    assert DiplomaticMission.objects.get().city_fr == "Ville-test"


def test_highlights_are_imported_through_the_service_named_in_the_settings(
    testland, tmp_path, capsys
):
    path = tmp_path / "highlights.xlsx"
    path.write_bytes(xlsx_bytes([list(HIGHLIGHTS.header), PUBLICATION]))

    call_command("import_sheet", "highlights", str(path))

    assert "Imported highlights.xlsx: 1 new, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert Highlight.objects.get().name_fr == "Poètes de Testlande"
    assert ImportBatch.objects.get().model == "culture.highlight"


def test_a_dry_run_writes_nothing(testland, tmp_path, capsys):
    path = write(tmp_path, "missions.csv", MISSIONS.header, EMBASSY)

    call_command("import_sheet", "missions", str(path), "--dry-run")

    assert "Dry run, nothing written: 1 new, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert nothing_written()


def test_any_problem_exits_non_zero_and_writes_nothing(testland, tmp_path, capsys):
    path = write(tmp_path, "missions.csv", MISSIONS.header, EMBASSY, NO_FRENCH)

    with pytest.raises(
        CommandError, match="Nothing was imported: 1 new, 0 updated, 0 unchanged, 1 invalid"
    ):
        call_command("import_sheet", "missions", str(path))

    err = capsys.readouterr().err
    assert "Line 3, column “city_fr”: Fill in this cell; it cannot be empty." in err
    assert nothing_written()


def test_a_file_that_cannot_be_read_is_refused_with_the_admins_message(testland, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_sheet", "meetings", str(path))

    assert nothing_written()


def test_the_exit_status_is_zero_on_success_and_one_on_any_problem(testland, tmp_path, monkeypatch):
    # A command run from the command line closes the connections when it ends, which would
    # close the test's own transaction on PostgreSQL.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    good = write(tmp_path, "good.csv", MISSIONS.header, EMBASSY)
    bad = write(tmp_path, "bad.csv", MISSIONS.header, NO_FRENCH)

    execute_from_command_line(["manage.py", "import_sheet", "missions", str(good)])  # no exit
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_sheet", "missions", str(bad)])

    assert exit_.value.code == 1
    assert DiplomaticMission.objects.get().city_en == "Testville"
    assert ImportBatch.objects.count() == 1


def test_a_missing_file_and_an_unknown_kind_of_records_are_refused(testland, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_sheet", "meetings", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="invalid choice: 'figures'"):
        call_command("import_sheet", "figures", str(write(tmp_path, "m.csv", MISSIONS.header)))


def test_an_option_the_sheet_does_not_take_is_refused(testland, tmp_path):
    path = write(tmp_path, "m.csv", MISSIONS.header, EMBASSY)

    with pytest.raises(CommandError, match="missions files take no --layout option"):
        call_command("import_sheet", "missions", str(path), "--layout", "wide")

    assert nothing_written()


def test_relations_never_imports_culture_or_trade_at_module_level():
    """The base app finds other apps' services through settings (see STYLE.md)."""
    root = Path(__file__).resolve().parents[2] / "relations"
    offending = []
    for path in root.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            offending += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] in ("culture", "trade")
            ]

    assert offending == []
