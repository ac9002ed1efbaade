"""The go-live picker: the site's time spelled out, typed times in America/Toronto, times in
the past refused, and the nights the clocks change answered plainly."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from relations.models import Revision

pytestmark = pytest.mark.django_db
TORONTO = ZoneInfo("America/Toronto")
UTC = datetime.UTC
# 2026-11-30 11:00 UTC is 06:00 in Toronto (EST, UTC−05:00).
NOW = datetime.datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


def publish_url(profile):
    return reverse("admin:profile_publish", args=[profile.pk])


def post(client, profile, **fields):
    data = {
        "expected_latest": 1,
        "is_major": "on",
        "change_note_en": "Scheduled.",
        "change_note_fr": "Programmé.",
        **fields,
    }
    return client.post(publish_url(profile), data)


@time_machine.travel(NOW, tick=False)
def test_the_publish_screen_shows_the_current_time_with_zone_and_offset(
    publisher_client, canada_russia
):
    page = publisher_client.get(publish_url(canada_russia)).content.decode()
    assert "2026-11-30 06:00 (America/Toronto, UTC−05:00)" in page
    assert "YYYY-MM-DD HH:MM" in page  # the format, for typing without JavaScript
    assert "relations/admin/schedule.js" in page
    assert "<script>" not in page.split("</head>")[1]  # no inline script in the body


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("typed", "expected_utc"),
    [
        ("2026-12-01 09:00", datetime.datetime(2026, 12, 1, 14, 0, tzinfo=UTC)),  # EST
        ("2026-12-01T09:00", datetime.datetime(2026, 12, 1, 14, 0, tzinfo=UTC)),
        ("2027-07-01 09:00", datetime.datetime(2027, 7, 1, 13, 0, tzinfo=UTC)),  # EDT
        ("2026-11-30 05:59", NOW - datetime.timedelta(minutes=1)),  # within the minute
    ],
)
def test_a_typed_time_is_read_in_toronto_time(publisher_client, canada_russia, typed, expected_utc):
    assert post(publisher_client, canada_russia, go_live_at=typed).status_code == 302
    assert Revision.objects.get(number=2).go_live_at == expected_utc


@time_machine.travel(NOW, tick=False)
def test_a_time_in_the_past_beyond_a_minute_is_refused_saying_what_time_it_is(
    publisher_client, canada_russia
):
    response = post(publisher_client, canada_russia, go_live_at="2026-11-30 05:58")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2026-11-30 05:58 (America/Toronto, UTC−05:00) is in the past" in page
    assert "it is now 2026-11-30 06:00 (America/Toronto, UTC−05:00)" in page
    assert not Revision.objects.filter(number=2).exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("typed", ["tomorrow", "2026-13-01 09:00", "01/12/2026 9:00"])
def test_an_unreadable_time_is_refused_with_the_format(publisher_client, canada_russia, typed):
    page = post(publisher_client, canada_russia, go_live_at=typed).content.decode()
    assert "Type the time as YYYY-MM-DD HH:MM" in page
    assert not Revision.objects.filter(number=2).exists()


@time_machine.travel(NOW, tick=False)
def test_a_time_skipped_when_the_clocks_go_forward_is_refused(publisher_client, canada_russia):
    """2027-03-14: at 02:00 Toronto's clocks jump to 03:00."""
    page = post(publisher_client, canada_russia, go_live_at="2027-03-14 02:30").content.decode()
    assert "2027-03-14 02:30 does not exist in America/Toronto" in page
    assert "Choose a time from 03:00 on." in page
    assert not Revision.objects.filter(number=2).exists()


@time_machine.travel(datetime.datetime(2027, 10, 1, 12, 0, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("occurrence", "expected_utc"),
    [
        ("first", datetime.datetime(2027, 11, 7, 5, 30, tzinfo=UTC)),  # 01:30 EDT
        ("second", datetime.datetime(2027, 11, 7, 6, 30, tzinfo=UTC)),  # 01:30 EST
    ],
)
def test_a_time_repeated_when_the_clocks_go_back_asks_which_one_is_meant(
    publisher_client, publisher, canada_russia, occurrence, expected_utc
):
    """2027-11-07: at 02:00 Toronto's clocks go back to 01:00, so 01:30 happens twice."""
    publisher_client.force_login(publisher)  # a session of this (travelled) time
    asked = post(publisher_client, canada_russia, go_live_at="2027-11-07 01:30")
    page = asked.content.decode()
    assert "2027-11-07 01:30 happens twice in America/Toronto" in page
    assert "2027-11-07 01:30 UTC−04:00, the first (before the clocks go back)" in page
    assert "2027-11-07 01:30 UTC−05:00, the second (after the clocks go back)" in page
    assert 'type="radio" name="occurrence"' in page
    assert not Revision.objects.filter(number=2).exists()
    answered = post(
        publisher_client, canada_russia, go_live_at="2027-11-07 01:30", occurrence=occurrence
    )
    assert answered.status_code == 302
    assert Revision.objects.get(number=2).go_live_at == expected_utc


@time_machine.travel(NOW, tick=False)
def test_an_empty_time_publishes_now(publisher_client, canada_russia):
    assert post(publisher_client, canada_russia, go_live_at="").status_code == 302
    assert Revision.objects.get(number=2).go_live_at == NOW
