"""Valid files with a few cells or bytes changed at random never crash an import, and a file
that is refused changes nothing (Hypothesis; examples bounded to keep the suite fast)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from culture.models import Highlight
from relations.models import DiplomaticMission, ImportBatch, Meeting
from relations.spreadsheets import import_batch_undo
from tests.corpus import CIMT, HIGHLIGHTS, LONG, MEETINGS, MISSIONS
from tests.helpers import import_file
from trade.models import TradeFigure

FIXED_TIME = datetime.datetime(2020, 1, 1)
# Valid files of each kind (generated test data for the `testland` fixture's profile).
BASES = [
    (
        "trade-figures",
        [
            LONG.split(","),
            ["testland", "2011", "export", "merchandise", "", "1500000000", "StatCan", "StatCan"],
            ["testland", "2011", "export", "merchandise", "84", "300,000,000.50", "", ""],
            ["testland", "2010", "import", "services", "27", "$4 000", "S", "S"],
        ],
        {},
    ),
    (
        "trade-figures",
        [
            CIMT.split(","),
            ["2011-01-01", "8471.30 - Computers", "Ontario", "Testland", "", "1000", "", ""],
            ["2011-01-01", "2709 - Oil", "Alberta", "Testland", "", "2500 B", "", ""],
            ["2012-01-01", "8471.30 - Computers", "Quebec", "Testland", "", "700", "", ""],
        ],
        {"profile": "testland", "flow": "export"},
    ),
    (
        "trade-figures",
        [
            ["Exports to Testland (thousands of dollars)"],
            ["HS chapter", "Description", "2010", "2011"],
            ["84", "Machinery", "1,200.5", "x"],
            ["Total", "", "5000", "6000"],
            ["Source: generated test data"],
        ],
        {"profile": "testland"},
    ),
    (
        "meetings",
        [
            MEETINGS.split(","),
            ["testland", "2019-03-04", "day", "call", "PM A", "le PM A", "Pres B", "la pr. B"]
            + [""] * 4,
        ],
        {},
    ),
    (
        "missions",
        [MISSIONS.split(","), ["testland", "home", "embassy", "Tville", "Tville", "1"]],
        {},
    ),
    (
        "highlights",
        [
            HIGHLIGHTS.split(","),
            "testland,publication,Poets,Poètes,an anthology,une anthologie,2011,,,3".split(","),
        ],
        {},
    ),
]
# What a careless or hostile cell holds: other digits and separators, quotes, formulas, huge.
CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["١٩٩٩", "2_010", "５", "1e309", "9" * 26, "-1", "(1)", "NaN", "'=1+1", '"', "\n", "x" * 40]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
)


@st.composite
def mutated_files(draw):
    kind, rows, options = draw(st.sampled_from(BASES))
    rows = [list(row) for row in rows]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        if not rows[row]:
            continue
        column = draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = draw(CELL_TEXT)
    if draw(st.booleans()):
        rows.append(list(draw(st.sampled_from(rows))))  # a repeated row
    if draw(st.booleans()):
        workbook = openpyxl.Workbook()
        # The same choices must make the same bytes (a workbook records when it was made).
        workbook.properties.created = workbook.properties.modified = FIXED_TIME
        try:
            for row in rows:
                workbook.active.append(row)
        except IllegalCharacterError:
            assume(False)
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    else:
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        data = text.getvalue().encode(
            draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])), "replace"
        )
    if draw(st.booleans()):  # a few bytes changed too
        at = min(draw(st.integers(0, 5000)), len(data))
        data = data[:at] + draw(st.binary(max_size=6)) + data[at + draw(st.integers(0, 6)) :]
    return kind, data, options


def state() -> list:
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (TradeFigure, Meeting, DiplomaticMission, Highlight)
    ]


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("fuzz")


@given(case=mutated_files())
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_a_mutated_file_never_crashes_and_a_refusal_changes_nothing(testland, superuser, case):
    kind, data, options = case
    before, batches = state(), ImportBatch.objects.count()

    result = import_file(kind, data, by=superuser, **options)

    if result.ok and not result.empty:
        import_batch_undo(batch=result.batch, by=superuser)  # and undo puts everything back
    else:
        assert ImportBatch.objects.count() == batches
    assert state() == before
