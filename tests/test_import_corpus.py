"""No file crashes an import: the hostile corpus through the command and the admin preview.

Every file of `tests/corpus.py` (generated, 75 of them) must end as its case says: refused
with problems (and nothing written), imported, or "nothing to import". A traceback, an HTTP
500 or a partial write fails the test.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from culture.models import Highlight
from relations.models import DiplomaticMission, ImportBatch, Meeting
from relations.spreadsheets.registry import sheet_for_kind
from tests.corpus import Case, cases
from trade.models import TradeFigure

CASES = cases()


def state() -> list:
    """Every stored value an import could touch."""
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (TradeFigure, Meeting, DiplomaticMission, Highlight, ImportBatch)
    ]


def lowered(settings, case: Case) -> None:
    for name, value in case.settings.items():
        setattr(settings, name, value)
        if name == "IMPORT_MAX_ROWS":
            settings.IMPORT_COMMAND_MAX_ROWS = value


def test_the_corpus_is_large_and_its_names_unique():
    assert len(CASES) >= 60
    assert len({(case.kind, case.name) for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.kind}/{case.name}")
def test_the_command_never_crashes_and_a_refusal_writes_nothing(
    case, testland, tmp_path, settings, capsys
):
    lowered(settings, case)
    path = tmp_path / case.name
    path.write_bytes(case.data)
    options = [arg for name, value in case.options.items() for arg in (f"--{name}", value)]
    before = state()

    if case.expect == "refused":
        with pytest.raises(CommandError, match="Nothing was imported"):
            call_command("import_sheet", case.kind, str(path), *options)
        assert state() == before
        assert capsys.readouterr().err.strip(), "a refusal says why"
    else:
        call_command("import_sheet", case.kind, str(path), *options)
        out = capsys.readouterr().out
        if case.expect == "empty":
            assert "Nothing to import" in out
            assert state() == before
        else:
            assert "Imported" in out
            assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.kind}/{case.name}")
def test_the_admin_preview_never_fails_and_changes_nothing(case, testland, editor_client, settings):
    lowered(settings, case)
    model = sheet_for_kind(case.kind).model._meta
    url = reverse(f"admin:{model.app_label}_{model.model_name}_import")
    before = state()

    response = editor_client.post(
        url, {"import_file": SimpleUploadedFile(Path(case.name).name, case.data), **case.options}
    )

    assert response.status_code == 200
    assert state() == before
    if "result" not in response.context:  # refused by the upload form (an empty file)
        assert case.expect == "refused" and response.context["form"].errors
        return
    result = response.context["result"]
    if case.expect == "refused":
        assert not result.ok and "confirm_form" not in response.context
    elif case.expect == "empty":
        assert result.ok and result.empty and "confirm_form" not in response.context
    else:
        assert result.ok and not result.empty, [str(problem) for problem in result.problems]
        assert "confirm_form" in response.context
