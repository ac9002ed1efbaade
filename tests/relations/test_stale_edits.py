"""No lost inline edits: every inline row refuses saves and deletions made on stale data.

Two editors have one page open. "They" save first (here: the row is changed in the database,
as their save would); "I" save the page I opened before their save.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from relations.stale import StaleEditGuardForm, StaleEditGuardInline, StaleEditGuardInlineFormSet
from tests.helpers import admin_form_data, page_text
from tests.relations.factories import (
    ConsultationTopicFactory,
    DiplomaticMissionFactory,
    MultilateralForumFactory,
    ProfileFactory,
    SectionFactory,
)
from tests.trade.factories import SectorFactory, TradeMissionFactory
from trade.models import TradeMissionSector

STALE = "Someone else saved this item while you were editing it"


def _profile_rows(factory):
    def make():
        profile = ProfileFactory()
        return profile, [factory(profile=profile, position=1), factory(profile=profile, position=2)]

    return make


def _mission_sector_rows():
    mission = TradeMissionFactory()
    return mission, [
        TradeMissionSector.objects.create(mission=mission, sector=SectorFactory(), position=1),
        TradeMissionSector.objects.create(mission=mission, sector=SectorFactory(), position=2),
    ]


# (rows of one inline, its formset prefix, the field edited, their value, my value)
INLINES = [
    pytest.param(
        _profile_rows(SectionFactory),
        "sections",
        "body_en",
        "Their prose.",
        "My prose.",
        id="sections",
    ),
    pytest.param(
        _profile_rows(ConsultationTopicFactory),
        "consultation_topics",
        "name_en",
        "trade",
        "energy",
        id="topics",
    ),
    pytest.param(
        _profile_rows(MultilateralForumFactory), "fora", "name_en", "G20", "APEC", id="fora"
    ),
    pytest.param(
        _profile_rows(DiplomaticMissionFactory),
        "missions",
        "city_en",
        "Kazan",
        "Omsk",
        id="missions",
    ),
    pytest.param(
        _mission_sector_rows,
        "trademissionsector_set",
        "position",
        "7",
        "8",
        id="trade-mission-sectors",
    ),
]


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def row_prefix(data: dict, formset: str, row) -> str:
    """The prefix ("sections-1") of the inline form that edits this row."""
    return next(
        name.removesuffix("-id")
        for name, value in data.items()
        if name.startswith(f"{formset}-") and name.endswith("-id") and value == str(row.pk)
    )


def saved_meanwhile(row, field: str, value: str) -> None:
    """Another editor's save of this row, made after I opened the page."""
    type(row).objects.filter(pk=row.pk).update(**{field: value})


def value_of(row, field: str) -> str:
    row.refresh_from_db()
    return str(getattr(row, field))


@pytest.mark.parametrize(("make_rows", "formset", "field", "theirs", "mine"), INLINES)
def test_a_stale_save_keeps_their_change_on_a_row_i_did_not_touch(
    editor_client, make_rows, formset, field, theirs, mine
):
    parent, (their_row, my_row) = make_rows()
    url = change_url(parent)
    data = admin_form_data(editor_client.get(url))
    saved_meanwhile(their_row, field, theirs)
    data[f"{row_prefix(data, formset, my_row)}-{field}"] = mine
    response = editor_client.post(url, data)
    assert response.status_code == 302, page_text(response)
    assert value_of(their_row, field) == theirs, "my stale copy must not revert their change"
    assert value_of(my_row, field) == mine


@pytest.mark.parametrize(("make_rows", "formset", "field", "theirs", "mine"), INLINES)
def test_a_stale_save_of_the_same_row_is_refused_and_keeps_my_input(
    editor_client, make_rows, formset, field, theirs, mine
):
    parent, (row, _) = make_rows()
    url = change_url(parent)
    data = admin_form_data(editor_client.get(url))
    before = value_of(row, field)
    saved_meanwhile(row, field, theirs)
    prefix = row_prefix(data, formset, row)
    data[f"{prefix}-{field}"] = mine
    response = editor_client.post(url, data)
    assert response.status_code == 200
    text = page_text(response)
    assert STALE in text
    assert f"“{before}” → “{theirs}”" in text
    assert value_of(row, field) == theirs, "the last writer must not win silently"
    again = admin_form_data(response)
    assert again[f"{prefix}-{field}"] == mine, "my input stays in the form"
    # Saving again, having seen what they changed, is deliberate: my version is kept.
    assert editor_client.post(url, again).status_code == 302
    assert value_of(row, field) == mine


@pytest.mark.parametrize(("make_rows", "formset", "field", "theirs", "mine"), INLINES)
def test_deleting_a_row_changed_since_i_opened_the_page_is_refused(
    editor_client, make_rows, formset, field, theirs, mine
):
    parent, (row, other) = make_rows()
    url = change_url(parent)
    data = admin_form_data(editor_client.get(url))
    saved_meanwhile(row, field, theirs)
    prefix = row_prefix(data, formset, row)
    data[f"{prefix}-DELETE"] = "on"
    data[f"{row_prefix(data, formset, other)}-{field}"] = mine
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "was changed by someone else since you opened this page, so it was not deleted" in (
        page_text(response)
    )
    assert value_of(row, field) == theirs
    assert value_of(other, field) != mine, "nothing of the refused save is written"
    again = admin_form_data(response)
    assert again[f"{prefix}-DELETE"] == "on"
    assert editor_client.post(url, again).status_code == 302
    assert not type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(("make_rows", "formset", "field", "theirs", "mine"), INLINES)
def test_a_row_posted_without_its_guard_token_is_refused(
    editor_client, make_rows, formset, field, theirs, mine
):
    parent, (row, _) = make_rows()
    url = change_url(parent)
    data = admin_form_data(editor_client.get(url))
    before = value_of(row, field)
    prefix = row_prefix(data, formset, row)
    del data[f"{prefix}-_original_state"]
    data[f"{prefix}-{field}"] = mine
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "does not say which version of" in page_text(response)
    assert value_of(row, field) == before
    data[f"{prefix}-{field}"] = before
    data[f"{prefix}-DELETE"] = "on"
    assert "does not say which version of" in page_text(editor_client.post(url, data))
    assert type(row).objects.filter(pk=row.pk).exists()


def test_a_forged_guard_token_is_refused(editor_client):
    parent, (row, _) = _profile_rows(SectionFactory)()
    url = change_url(parent)
    data = admin_form_data(editor_client.get(url))
    prefix = row_prefix(data, "sections", row)
    data[f"{prefix}-_original_state"] = data[f"{prefix}-_original_state"][:-3] + "abc"
    data[f"{prefix}-body_en"] = "Forged."
    response = editor_client.post(url, data)
    assert "This form was tampered with; reload the page." in page_text(response)
    assert value_of(row, "body_en") != "Forged."


def test_the_change_form_itself_needs_its_guard_token(editor_client):
    profile = ProfileFactory()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    del data["_original_state"]
    data["relations_established_year"] = "1960"
    response = editor_client.post(url, data)
    assert "does not say which version of" in page_text(response)
    profile.refresh_from_db()
    assert profile.relations_established_year == 1950


def test_unrelated_errors_do_not_renew_the_guard_of_a_row_i_changed(editor_client):
    """A form shown again for a typo still guards against what changed before I opened it."""
    profile, (section, _) = _profile_rows(SectionFactory)()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    profile.__class__.objects.filter(pk=profile.pk).update(relations_established_year=1944)
    data["relations_established_year"] = "1946"
    prefix = row_prefix(data, "sections", section)
    data[f"{prefix}-heading_fr"] = ""  # a mistake of mine, refused on its own
    response = editor_client.post(url, data)
    assert STALE in page_text(response)
    again = admin_form_data(response)
    again[f"{prefix}-heading_fr"] = "Titre"
    # Their change was shown; my second save is deliberate and wins.
    assert editor_client.post(url, again).status_code == 302
    profile.refresh_from_db()
    assert profile.relations_established_year == 1946


def test_a_typo_alone_keeps_the_guard_as_i_opened_the_page(editor_client):
    profile, (section, _) = _profile_rows(SectionFactory)()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    prefix = row_prefix(data, "sections", section)
    data["relations_established_year"] = "1946"
    data[f"{prefix}-heading_fr"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200 and STALE not in page_text(response)
    # Someone saves while I fix my typo: my next save must still be checked against them.
    profile.__class__.objects.filter(pk=profile.pk).update(relations_established_year=1944)
    again = admin_form_data(response)
    again[f"{prefix}-heading_fr"] = "Titre"
    response = editor_client.post(url, again)
    assert STALE in page_text(response)
    profile.refresh_from_db()
    assert profile.relations_established_year == 1944


def test_fresh_saves_and_deletions_go_through(editor_client):
    profile, (section, other) = _profile_rows(SectionFactory)()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    data[f"{row_prefix(data, 'sections', section)}-DELETE"] = "on"
    data[f"{row_prefix(data, 'sections', other)}-body_en"] = "New prose."
    assert editor_client.post(url, data).status_code == 302
    assert value_of(other, "body_en") == "New prose."
    assert not type(section).objects.filter(pk=section.pk).exists()


def test_every_inline_of_every_admin_is_guarded():
    inlines = [
        inline for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    ]
    assert inlines
    for inline in inlines:
        assert issubclass(inline, StaleEditGuardInline), inline
        assert issubclass(inline.form, StaleEditGuardForm), inline
        assert issubclass(inline.formset, StaleEditGuardInlineFormSet), inline


def test_a_reader_with_view_permission_only_sees_the_profile_and_its_rows(client, db):
    profile, (section, _) = _profile_rows(SectionFactory)()
    reader = User.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_profile", "view_section", "view_consultationtopic"]
        )
    )
    client.force_login(reader)
    response = client.get(change_url(profile))
    assert response.status_code == 200
    assert section.body_en in page_text(response)
    assert "_original_state" not in response.content.decode()


def test_a_stale_save_keeps_their_change_to_the_profile_when_i_edited_only_a_row(editor_client):
    profile, (section, _) = _profile_rows(SectionFactory)()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    profile.__class__.objects.filter(pk=profile.pk).update(relations_established_year=1944)
    data[f"{row_prefix(data, 'sections', section)}-body_en"] = "Mine."
    assert editor_client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert profile.relations_established_year == 1944
    assert value_of(section, "body_en") == "Mine."


def test_a_french_editor_reads_the_refusal_in_french(editor_client):
    profile, (section, _) = _profile_rows(SectionFactory)()
    url = change_url(profile)
    data = admin_form_data(editor_client.get(url))
    saved_meanwhile(section, "body_en", "Their prose.")
    data[f"{row_prefix(data, 'sections', section)}-body_en"] = "My prose."
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Quelqu’un d’autre a enregistré cet élément pendant que vous le modifiiez" in (
        page_text(response)
    )
