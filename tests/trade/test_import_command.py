"""`manage.py import_sheet trade-figures` imports with the admin's checks; any problem writes
nothing and exits non-zero."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connections

from relations.models import ImportBatch
from tests.helpers import csv_bytes, long_rows
from trade.models import TradeFigure

SAMPLES = Path(__file__).parent / "samples"
GOOD = ("testland", 2011, "export", "merchandise", "84", "300000000", "S", "S")
BAD = ("testland", 2012, "export", "merchandise", "84", "-1", "S", "S")


def write(tmp_path, *rows, name: str = "figures.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(long_rows(*rows)))
    return path


def test_the_command_imports_and_summarises(testland, tmp_path, capsys):
    call_command("import_sheet", "trade-figures", str(write(tmp_path, GOOD)))

    out, err = capsys.readouterr()
    batch = ImportBatch.objects.get()
    assert (
        f"Imported figures.csv: 1 new, 0 updated, 0 unchanged. Recorded as spreadsheet import "
        f"{batch.pk}." in out
    )
    assert "… Read 1 figures." in err.splitlines()
    assert TradeFigure.objects.get().value == Decimal("300000000.00")
    assert (batch.model, batch.created_by) == ("trade.tradefigure", None)


def test_a_dry_run_writes_nothing(testland, tmp_path, capsys):
    call_command("import_sheet", "trade-figures", str(write(tmp_path, GOOD)), "--dry-run")

    assert "Dry run, nothing written: 1 new" in capsys.readouterr().out
    assert TradeFigure.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_any_problem_exits_non_zero_and_writes_nothing(testland, tmp_path, capsys):
    with pytest.raises(CommandError, match="Nothing was imported: 1 new, 0 updated"):
        call_command("import_sheet", "trade-figures", str(write(tmp_path, GOOD, BAD)))

    assert "Line 3, column “value_cad”: “-1” is negative" in capsys.readouterr().err
    assert TradeFigure.objects.count() == 0


def test_the_command_exits_with_status_one(testland, tmp_path, monkeypatch):
    # A command run from the command line closes the connections when it ends, which would
    # close the test's own transaction on PostgreSQL.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(
            ["manage.py", "import_sheet", "trade-figures", str(write(tmp_path, BAD))]
        )

    assert exit_.value.code == 1


def test_a_cimt_file_with_profile_and_flow(testland, capsys):
    path = SAMPLES / "cimt-testland-exports.csv"

    call_command(
        "import_sheet", "trade-figures", str(path), "--profile", "testland", "--flow", "export"
    )

    assert "3 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert ImportBatch.objects.get().layout == "cimt"


def test_an_unknown_profile_is_refused(testland, tmp_path):
    with pytest.raises(CommandError, match="--profile: There is no profile “atlantis”"):
        call_command(
            "import_sheet", "trade-figures", str(write(tmp_path, GOOD)), "--profile", "atlantis"
        )


def test_an_overlong_source_is_refused_with_a_reason(testland, tmp_path):
    with pytest.raises(CommandError, match="--source-en: Ensure this value has at most 250"):
        call_command(
            "import_sheet", "trade-figures", str(write(tmp_path, GOOD)), "--source-en", "s" * 251
        )

    assert TradeFigure.objects.count() == 0


def test_a_bad_choice_is_refused_with_a_reason(testland, tmp_path):
    with pytest.raises(CommandError, match="--flow: Select a valid choice"):
        call_command("import_sheet", "trade-figures", str(write(tmp_path, GOOD)), "--flow", "out")


def test_a_file_name_that_is_not_utf8_is_imported(testland, tmp_path, capsys):
    name = os.fsdecode(b"donn\xe9es.csv")  # what the shell passes for a Latin-1 file name
    path = write(tmp_path, GOOD, name=name)

    call_command("import_sheet", "trade-figures", str(path))

    assert "Imported donn\ufffdes.csv: 1 new" in capsys.readouterr().out
    assert ImportBatch.objects.get().file_name == "donn\ufffdes.csv"


def test_more_rows_than_the_commands_limit_are_refused(testland, tmp_path):
    rows = [(*GOOD[:1], year, *GOOD[2:]) for year in range(2001, 2006)]

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_sheet", "trade-figures", str(write(tmp_path, *rows)), "--max-rows", "3"
        )

    assert TradeFigure.objects.count() == 0


def test_a_header_only_file_is_nothing_to_import(testland, tmp_path, capsys):
    call_command("import_sheet", "trade-figures", str(write(tmp_path)))

    assert "Nothing to import in figures.csv." in capsys.readouterr().out
    assert ImportBatch.objects.count() == 0
