"""`manage.py import_trade` imports with the admin's checks; any problem writes nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.trade.sheets import csv_bytes, long_rows
from trade.models import TradeFigure

SAMPLES = Path(__file__).parent / "samples"
GOOD = ("testland", 2011, "export", "merchandise", "84", "300000000", "S", "S")
BAD = ("testland", 2012, "export", "merchandise", "84", "-1", "S", "S")


def write(tmp_path, *rows) -> Path:
    path = tmp_path / "figures.csv"
    path.write_bytes(csv_bytes(long_rows(*rows)))
    return path


def test_the_command_imports_and_summarises(testland, tmp_path, capsys):
    call_command("import_trade", str(write(tmp_path, GOOD)))

    assert "Imported figures.csv: 1 new, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert TradeFigure.objects.get().value == Decimal("300000000.00")


def test_a_dry_run_writes_nothing(testland, tmp_path, capsys):
    call_command("import_trade", str(write(tmp_path, GOOD)), "--dry-run")

    assert "Dry run, nothing written: 1 new" in capsys.readouterr().out
    assert TradeFigure.objects.count() == 0


def test_any_problem_exits_non_zero_and_writes_nothing(testland, tmp_path, capsys):
    with pytest.raises(CommandError, match="Nothing was imported: 1 new, 0 updated"):
        call_command("import_trade", str(write(tmp_path, GOOD, BAD)))

    assert "Line 3, column “value_cad”: “-1” is negative" in capsys.readouterr().err
    assert TradeFigure.objects.count() == 0


def test_the_command_exits_with_status_one(testland, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "import_trade", str(write(tmp_path, BAD))])

    assert exit_.value.code == 1


def test_a_cimt_file_with_profile_and_flow(testland, capsys):
    path = SAMPLES / "cimt-testland-exports.csv"

    call_command("import_trade", str(path), "--profile", "testland", "--flow", "export")

    assert "3 new, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_an_unknown_profile_is_refused(testland, tmp_path):
    with pytest.raises(CommandError, match="There is no profile “atlantis”"):
        call_command("import_trade", str(write(tmp_path, GOOD)), "--profile", "atlantis")
