"""Publishing: preview, publish, schedule, withdraw, permalinks, compare, restore, audit."""

import datetime
import json
import threading
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from relations.models import AuditEntry, Revision
from relations.rendering import render_profile_page
from relations.revisions import PublishingRefused, revision_publish
from tests.helpers import page_text
from trade.models import TradeFigure

TORONTO = ZoneInfo("America/Toronto")
PAGE = "/en/relations/russia/"
PAGE_FR = "/fr/relations/russie/"


def set_2011_exports(value: str) -> None:
    TradeFigure.objects.filter(
        profile__slug="russia", year=2011, flow="export", kind="merchandise", chapter=None
    ).update(value=Decimal(value))


def publish_form(expected_latest: int, **overrides) -> dict:
    return {
        "expected_latest": expected_latest,
        "is_major": "on",
        "change_note_en": "Trade figures updated.",
        "change_note_fr": "Chiffres du commerce mis à jour.",
        **overrides,
    }


def test_fixture_ships_the_august_2012_revision_live(client, canada_russia):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "August 2012" in page_text(response)
    assert Revision.objects.get(profile=canada_russia).number == 1


def test_working_copy_changes_stay_private_until_published(client, canada_russia):
    set_2011_exports("2000000000")
    assert "$1.5 billion in 2011" in page_text(client.get(PAGE))
    assert "1,5 milliard de dollars en 2011" in page_text(client.get(PAGE_FR))


def test_preview_renders_the_working_copy_through_the_public_templates(
    editor_client, canada_russia
):
    set_2011_exports("2000000000")
    url = f"/admin/relations/profile/{canada_russia.pk}/preview/en/"
    response = editor_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "$2 billion in 2011" in page_text(response)
    assert "more than 11 times over" in page_text(response)
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Preview" in page_text(response)
    french = editor_client.get(f"/admin/relations/profile/{canada_russia.pk}/preview/fr/")
    assert "2 milliards de dollars en 2011" in page_text(french)


def test_preview_is_for_staff_only(client, canada_russia):
    response = client.get(f"/admin/relations/profile/{canada_russia.pk}/preview/en/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_cannot_publish(editor_client, canada_russia):
    url = f"/admin/relations/profile/{canada_russia.pk}/publish/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, publish_form(1)).status_code == 403
    assert Revision.objects.count() == 1


def test_publisher_publishes_and_the_public_page_changes(
    publisher_client, publisher, canada_russia
):
    set_2011_exports("2000000000")
    url = f"/admin/relations/profile/{canada_russia.pk}/publish/"
    response = publisher_client.post(url, publish_form(1))
    assert response.status_code == 302
    revision = Revision.objects.get(number=2)
    assert revision.published_by == publisher
    assert "$2 billion in 2011" in page_text(publisher_client.get(PAGE))
    assert AuditEntry.objects.get(revision=revision).action == AuditEntry.Action.PUBLISH


def test_publishing_twice_from_the_same_page_yields_one_revision(publisher_client, canada_russia):
    url = f"/admin/relations/profile/{canada_russia.pk}/publish/"
    publisher_client.post(url, publish_form(1))
    second = publisher_client.post(url, publish_form(1))
    assert second.status_code == 200
    assert "was published while you were on this page" in second.content.decode()
    assert list(Revision.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_a_missing_french_text_blocks_publishing_with_the_list(publisher_client, canada_russia):
    from relations.models import Section

    Section.objects.filter(key="arctic-cooperation").update(body_fr="")
    TradeFigure.objects.filter(year=1999).update(source_fr="")
    url = f"/admin/relations/profile/{canada_russia.pk}/publish/"
    page = publisher_client.get(url).content.decode()
    assert "Arctic cooperation" in page and "prose (French)" in page
    response = publisher_client.post(url, publish_form(1))
    assert response.status_code == 200
    body = response.content.decode()
    assert "prose (French) is missing" in body
    assert "source (French) is missing" in body
    assert Revision.objects.count() == 1


def test_a_major_update_needs_change_notes(publisher, canada_russia):
    with pytest.raises(PublishingRefused, match="change note"):
        revision_publish(profile=canada_russia, by=publisher, change_note_en="Only English")


def test_minor_correction_needs_no_note_and_keeps_date_modified(client, publisher, canada_russia):
    revision_publish(profile=canada_russia, by=publisher, is_major=False)
    response = client.get(PAGE)
    assert 'datetime="2012-08-01"' in response.content.decode()
    updates = client.get("/en/relations/russia/updates/").content.decode()
    assert updates.count('href="/en/relations/russia/revisions/') == 1


def test_scheduled_revision_goes_live_by_itself(client, publisher, canada_russia):
    now = timezone.now()
    set_2011_exports("2000000000")
    revision_publish(
        profile=canada_russia,
        by=publisher,
        go_live_at=now + datetime.timedelta(hours=2),
        change_note_en="Scheduled.",
        change_note_fr="Programmée.",
    )
    assert "$1.5 billion in 2011" in page_text(client.get(PAGE))
    for url in ("/en/relations/russia/revisions/2/", "/fr/relations/russie/revisions/2/"):
        assert client.get(url).status_code == 404
    with time_machine.travel(now + datetime.timedelta(hours=2, seconds=1)):
        assert "$2 billion in 2011" in page_text(client.get(PAGE))
        assert client.get("/en/relations/russia/revisions/2/").status_code == 200


def test_cancelled_schedule_never_goes_live(publisher_client, publisher, canada_russia):
    now = timezone.now()
    set_2011_exports("2000000000")
    revision_publish(
        profile=canada_russia,
        by=publisher,
        go_live_at=now + datetime.timedelta(hours=1),
        change_note_en="Scheduled.",
        change_note_fr="Programmée.",
    )
    url = f"/admin/relations/profile/{canada_russia.pk}/revisions/2/withdraw/"
    publisher_client.post(url, {"reason": "Figures not final"})
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CANCEL).exists()
    with time_machine.travel(now + datetime.timedelta(hours=3)):
        assert "$1.5 billion in 2011" in page_text(publisher_client.get(PAGE))
        assert publisher_client.get("/en/relations/russia/revisions/2/").status_code == 404


def test_withdrawing_falls_back_to_the_previous_revision(
    publisher_client, publisher, canada_russia
):
    set_2011_exports("2000000000")
    revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    url = f"/admin/relations/profile/{canada_russia.pk}/revisions/2/withdraw/"
    publisher_client.post(url, {"reason": "Wrong figure"})
    assert "$1.5 billion in 2011" in page_text(publisher_client.get(PAGE))
    for permalink in ("/en/relations/russia/revisions/2/", "/fr/relations/russie/revisions/2/"):
        assert publisher_client.get(permalink).status_code == 410
    entry = AuditEntry.objects.get(action=AuditEntry.Action.WITHDRAW)
    assert entry.detail == "Wrong figure"


def test_withdrawing_needs_a_reason(publisher_client, canada_russia):
    url = f"/admin/relations/profile/{canada_russia.pk}/revisions/1/withdraw/"
    publisher_client.post(url, {"reason": "  "})
    assert Revision.objects.get(number=1).withdrawn_at is None


def test_editor_cannot_withdraw_or_restore(editor_client, canada_russia):
    base = f"/admin/relations/profile/{canada_russia.pk}/revisions/1/"
    assert editor_client.post(base + "withdraw/", {"reason": "x"}).status_code == 403
    assert editor_client.post(base + "restore/").status_code == 403


def test_permalink_stays_as_published_after_later_edits_and_publishes(
    client, publisher, canada_russia
):
    set_2011_exports("2000000000")
    revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    old = client.get("/en/relations/russia/revisions/1/")
    assert "$1.5 billion in 2011" in page_text(old)
    assert "You are viewing the version of August 2012" in page_text(old)
    assert 'href="/en/relations/russia/"' in old.content.decode()
    assert "$2 billion in 2011" in page_text(client.get(PAGE))


def test_anniversary_on_the_2012_revision_stays_70th_years_later(client, canada_russia):
    with time_machine.travel(datetime.datetime(2027, 3, 1, tzinfo=TORONTO)):
        text = page_text(client.get("/en/relations/russia/revisions/1/"))
    assert "This year marks the 70th anniversary" in text


def test_nothing_published_means_not_found_in_both_languages(client, canada_russia):
    Revision.objects.all().delete()
    for url in (
        PAGE,
        PAGE_FR,
        "/en/relations/russia/updates/",
        "/en/relations/russia/revisions/1/",
    ):
        assert client.get(url).status_code == 404
    assert "Canada-Russia Relations" not in page_text(client.get("/en/relations/"))


def test_see_all_updates_lists_dated_change_notes(client, publisher, canada_russia):
    revision_publish(
        profile=canada_russia,
        by=publisher,
        change_note_en="Trade figures for 2012.",
        change_note_fr="Chiffres du commerce de 2012.",
    )
    english = page_text(client.get("/en/relations/russia/updates/"))
    assert (
        "Trade figures for 2012." in english and "Canada-Russia Relations, August 2012." in english
    )
    french = page_text(client.get("/fr/relations/russie/updates/"))
    assert "Chiffres du commerce de 2012." in french
    assert 'href="/en/relations/russia/updates/"' in client.get(PAGE).content.decode()


def test_live_page_answers_304_to_a_reader_with_the_current_copy(client, canada_russia):
    first = client.get(PAGE)
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(PAGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    french = client.get(PAGE_FR, HTTP_IF_NONE_MATCH=first["ETag"])
    assert french.status_code == 200


def test_permalink_may_be_cached_forever(client, canada_russia):
    response = client.get("/en/relations/russia/revisions/1/")
    assert "immutable" in response["Cache-Control"]
    assert "max-age=31536000" in response["Cache-Control"]


def test_compare_lists_the_changed_figure_and_highlights_words(editor_client, canada_russia):
    set_2011_exports("2000000000")
    url = f"/admin/relations/profile/{canada_russia.pk}/compare/?old=1&new=working&language=en"
    body = editor_client.get(url).content.decode()
    assert "2011 export merchandise total" in body
    assert "1500000000.00" in body and "2000000000.00" in body
    assert '<del class="diff">$1.5</del> <ins class="diff">$2</ins> billion' in body


def test_restore_then_publish_round_trips(publisher_client, publisher, canada_russia):
    original = Revision.objects.get(number=1).document
    set_2011_exports("2000000000")
    revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    url = f"/admin/relations/profile/{canada_russia.pk}/revisions/1/restore/"
    publisher_client.post(url)
    assert TradeFigure.objects.get(year=2011, flow="export").value == Decimal("1500000000")
    third = revision_publish(
        profile=canada_russia, by=publisher, change_note_en="Back.", change_note_fr="Retour."
    )
    assert third.number == 3
    assert third.document == original
    assert Revision.objects.get(number=2).document != original
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE).count() == 1


def test_revisions_screen_shows_history_audit_and_time_zone(publisher_client, canada_russia):
    body = publisher_client.get(f"/admin/relations/profile/{canada_russia.pk}/revisions/")
    text = page_text(body)
    assert "Times are in America/Toronto" in text
    assert "2012-08-01 09:00 UTC−04:00" in text
    assert "live" in text


def test_profile_list_shows_what_is_live_and_scheduled(publisher_client, publisher, canada_russia):
    revision_publish(
        profile=canada_russia,
        by=publisher,
        go_live_at=timezone.now() + datetime.timedelta(days=1),
        change_note_en="Later.",
        change_note_fr="Plus tard.",
    )
    text = page_text(publisher_client.get("/admin/relations/profile/"))
    assert "revision 1 since 2012-08-01 09:00 UTC−04:00" in text


def test_a_stored_first_schema_document_still_renders(rf, canada_russia):
    from django.utils import translation

    document = json.loads((Path(__file__).parent / "data" / "snapshot-schema-1.json").read_text())
    assert document["schema"] == 1
    request = rf.get("/en/relations/russia/")
    with translation.override("en"):
        response = render_profile_page(request, document, date_modified=timezone.now())
    assert "more than 8 times over" in response.content.decode()


def test_stale_save_is_refused_and_shows_what_changed(client, canada_russia, editor):
    figure = TradeFigure.objects.get(year=2011, flow="export", kind="merchandise")
    url = f"/admin/trade/tradefigure/{figure.pk}/change/"
    other = User.objects.create_user("other", password="x", is_staff=True)
    other.groups.add(*editor.groups.all())
    client.force_login(editor)
    form_page = client.get(url).content.decode()
    token = form_page.split('name="_original_state" value="')[1].split('"')[0]
    TradeFigure.objects.filter(pk=figure.pk).update(value=Decimal("1600000000"))
    data = {
        "_original_state": token,
        "profile": figure.profile_id,
        "year": 2011,
        "flow": "export",
        "kind": "merchandise",
        "chapter": "",
        "value": "1700000000",
        "source_en": figure.source_en,
        "source_fr": figure.source_fr,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = html_text = page_text(response)
    assert "Someone else saved this item while you were editing it" in body
    assert "1500000000.00” → “1600000000.00" in html_text
    figure.refresh_from_db()
    assert figure.value == Decimal("1600000000")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_unique_numbers(publisher):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/canada-russia.json", verbosity=0)
    from relations.models import Profile

    profile = Profile.objects.get(slug="russia")
    results, barrier = [], threading.Barrier(4)

    def publish():
        from django.db import connections

        barrier.wait()
        try:
            revision = revision_publish(
                profile=profile, by=publisher, change_note_en="x", change_note_fr="x"
            )
            results.append(revision.number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [2, 3, 4, 5]


def test_french_readers_get_the_banner_and_updates_link_in_french(client, publisher, canada_russia):
    revision_publish(
        profile=canada_russia, by=publisher, change_note_en="New.", change_note_fr="Nouveau."
    )
    text = page_text(client.get("/fr/relations/russie/revisions/1/"))
    assert "Vous consultez la version de août 2012." in text
    assert "Lire la version actuelle" in text
    assert "Voir toutes les mises à jour" in page_text(client.get(PAGE_FR))


def test_a_revision_is_also_reachable_by_its_month(client, canada_russia):
    response = client.get("/en/relations/russia/2012-08/")
    assert response.status_code == 302
    assert response["Location"] == "/en/relations/russia/revisions/1/"
    assert client.get("/fr/relations/russie/2012-09/").status_code == 404
    assert client.get("/fr/relations/russie/2012-13/").status_code == 404
