"""The shipped Canada–Russia fixture finds its rows by natural keys, so loading it is repeatable."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

FIXTURE = "fixtures/canada-russia.json"
APPS = ("relations", "trade", "culture")
# Rows data migrations ship (every HS chapter, every UN member state): the fixture only
# repeats the ones it uses.
REFERENCE_DATA = {"trade.HSChapter", "relations.Country"}


def load_fixture() -> None:
    call_command("loaddata", FIXTURE, verbosity=0)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for app in APPS
        for model in apps.get_app_config(app).get_models()
    }


def dump() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        *APPS,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return out.getvalue()


def test_loading_the_fixture_twice_changes_nothing(db):
    load_fixture()
    counts, dumped = row_counts(), dump()

    load_fixture()

    assert row_counts() == counts
    assert dump() == dumped


def test_loading_the_fixture_twice_keeps_primary_keys(db):
    """Rows are updated in place, so anything pointing at them by id still finds them."""
    load_fixture()
    before = {
        label: sorted(apps.get_model(label)._base_manager.values_list("pk", flat=True))
        for label in row_counts()
    }

    load_fixture()

    assert before == {
        label: sorted(apps.get_model(label)._base_manager.values_list("pk", flat=True))
        for label in before
    }


def test_the_fixture_loads_every_row_it_holds(db):
    with open(FIXTURE, encoding="utf-8") as file:
        entries = json.load(file)
    expected: dict[str, int] = {}
    for entry in entries:
        label = apps.get_model(entry["model"])._meta.label
        expected[label] = expected.get(label, 0) + 1

    load_fixture()

    counts = row_counts()
    assert {label: counts[label] for label in expected if label not in REFERENCE_DATA} == {
        label: count for label, count in expected.items() if label not in REFERENCE_DATA
    }


def test_the_fixture_countries_are_the_migrated_ones_unchanged(db):
    """The shipped content loads on top of the migrated countries without changing them."""
    from relations.models import Country

    with open(FIXTURE, encoding="utf-8") as file:
        countries = [e["fields"] for e in json.load(file) if e["model"] == "relations.country"]
    migrated = {c["code"]: c for c in Country.objects.values()}

    load_fixture()

    assert Country.objects.count() == len(migrated)
    for fields in countries:
        assert {key: migrated[fields["code"]][key] for key in fields} == fields


def test_reloading_the_fixture_restores_an_edited_row(canada_russia):
    """Loading again puts shipped content back over an edit, without adding a second row."""
    from trade.models import TradeFigure

    figure = TradeFigure.objects.get(profile=canada_russia, year=2011, flow="export", chapter=None)
    figure.value = 2_000_000_000
    figure.save()

    load_fixture()

    figures = TradeFigure.objects.filter(profile=canada_russia, year=2011, flow="export")
    assert [str(f.value) for f in figures] == ["1500000000.00"]


@pytest.mark.parametrize("app", APPS)
def test_fixture_rows_carry_no_primary_keys(app):
    """Ids differ between databases; the fixture must name rows by natural keys only."""
    with open(FIXTURE, encoding="utf-8") as file:
        entries = [e for e in json.load(file) if e["model"].startswith(f"{app}.")]
    assert entries
    assert [e["model"] for e in entries if "pk" in e] == []


def test_the_shipped_revision_is_built_from_the_shipped_rows(canada_russia):
    """If the snapshot builders change, run `python fixtures/rebuild_revision.py` (README)."""
    from relations.models import Revision
    from relations.revisions import working_copy_rows
    from relations.snapshot import profile_snapshot

    revision = Revision.objects.get(profile=canada_russia, number=1)
    assert revision.document == profile_snapshot(canada_russia)
    assert revision.working_copy == working_copy_rows(canada_russia)
