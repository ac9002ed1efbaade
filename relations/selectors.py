"""Reads for the index, "See all updates", the sitemap, the feeds and the pages' metadata.

Only what readers may see: revisions whose go-live time has passed and that stand, so a
scheduled revision never reaches a sitemap or a feed before its time. Each is one query
whatever the number of profiles or revisions, and none loads a whole page snapshot.
"""

from datetime import datetime

from django.core.cache import cache
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


def live_revisions(*, now: datetime | None = None) -> list[dict]:
    """Profiles with a live page: {"slug", "slug_fr", "revision", "modified"}, "revision"
    being the live revision's pk. One query, reading no page snapshot."""
    now = now or timezone.now()
    live = Revision.objects.filter(profile=OuterRef("pk")).gone_live(now).newest_first()
    return list(
        Profile.objects.annotate(
            revision=Subquery(live.values("pk")[:1]),
            modified=Subquery(live.values("modified_at")[:1]),
        )
        .filter(revision__isnull=False)
        .order_by("slug")
        .values("slug", "slug_fr", "revision", "modified")
    )


def revision_summaries(revision_pks) -> dict[int, dict]:
    """{pk: {"title": {"en", "fr"}, "label": {"en", "fr"}}} of revisions, as published.

    A revision never changes, so its title and label are kept in the cache for good: a list
    of live profiles reads a snapshot only for a revision it never listed before, and then
    only those two keys of it.
    """
    keys = {pk: f"revision-summary:{pk}" for pk in revision_pks}
    found = cache.get_many(keys.values())
    summaries = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in summaries]
    if missing:
        read = {
            row["pk"]: {"title": row["document__title"], "label": row["document__label"]}
            for row in Revision.objects.filter(pk__in=missing).values(
                "pk", "document__title", "document__label"
            )
        }
        cache.set_many({keys[pk]: summary for pk, summary in read.items()}, None)
        summaries.update(read)
    return summaries


def revision_live(*, profile: Profile, now: datetime | None = None) -> dict | None:
    """The profile's live revision as {"pk", "number", "modified_at"}, without its snapshot."""
    now = now or timezone.now()
    return (
        Revision.objects.for_profile(profile)
        .gone_live(now)
        .newest_first()
        .values("pk", "number", "modified_at")
        .first()
    )


def updates_published(
    *, profile: Profile | None = None, now: datetime | None = None, limit: int | None = FEED_LENGTH
) -> list[dict]:
    """The newest major updates readers may see, of one profile or of all, newest first.

    Each: the profile's addresses, the revision's number, go-live time, Date modified,
    change notes and the title and label it was published with (both languages; see
    `revision_summaries`).
    """
    now = now or timezone.now()
    revisions = Revision.objects.gone_live(now).major().newest_first()
    if profile is not None:
        revisions = revisions.for_profile(profile)
    updates = list(
        revisions.values(
            "pk",
            "number",
            "go_live_at",
            "modified_at",
            "change_note_en",
            "change_note_fr",
            slug=F("profile__slug"),
            slug_fr=F("profile__slug_fr"),
        )[:limit]
    )
    summaries = revision_summaries([update["pk"] for update in updates])
    return [{**update, **summaries[update["pk"]]} for update in updates]
