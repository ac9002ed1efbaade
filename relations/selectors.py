"""Reads for the sitemap, the feeds and the pages' metadata.

Only what readers may see: revisions whose go-live time has passed and that stand, so a
scheduled revision never reaches a sitemap or a feed before its time. Each is one query
whatever the number of profiles or revisions, and none loads a page snapshot (lists read a
revision's `head`).
"""

from datetime import datetime

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from relations.models import Profile, Revision

FEED_LENGTH = 50


def profile_first_issued(*, profile: Profile, now: datetime | None = None) -> datetime | None:
    """When the profile's page first went public (Canada.ca's dcterms.issued)."""
    now = now or timezone.now()
    return (
        Revision.objects.for_profile(profile)
        .gone_live(now)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first()
    )


def profiles_live(*, now: datetime | None = None) -> list[dict]:
    """Profiles with a live page: {"slug", "slug_fr", "modified"}, "modified" being the
    live revision's Date modified. Ordered by English address."""
    now = now or timezone.now()
    live = Revision.objects.filter(profile=OuterRef("pk")).gone_live(now).newest_first()
    return list(
        Profile.objects.annotate(modified=Subquery(live.values("modified_at")[:1]))
        .filter(modified__isnull=False)
        .order_by("slug")
        .values("slug", "slug_fr", "modified")
    )


def updates_published(
    *, profile: Profile | None = None, now: datetime | None = None, limit: int = FEED_LENGTH
) -> list[dict]:
    """The newest major updates readers may see, of one profile or of all, newest first.

    Each: the profile's addresses, the revision's number, go-live time, Date modified,
    change notes and its `head`: the title and label it was published with (both languages).
    """
    now = now or timezone.now()
    revisions = Revision.objects.gone_live(now).major().newest_first()
    if profile is not None:
        revisions = revisions.for_profile(profile)
    return list(
        revisions.values(
            "pk",
            "number",
            "go_live_at",
            "modified_at",
            "change_note_en",
            "change_note_fr",
            "head",
            slug=F("profile__slug"),
            slug_fr=F("profile__slug_fr"),
        )[:limit]
    )
