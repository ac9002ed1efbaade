"""Atom feeds of major updates: the whole site, and each profile, in each language.

An entry is a published major revision: its title and month as published, its change note,
and its permalink. A scheduled revision appears only once it has gone live, a withdrawn one
not at all. Addresses are absolute on the public origin (SITE_URL, see addresses.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from relations.addresses import absolute_url, profile_at_address, profile_path
from relations.models import Country, Profile
from relations.selectors import updates_published
from relations.snapshot import profile_title


@dataclass(frozen=True)
class FeedSubject:
    """What a feed is about (a profile, or None for the whole site) and the request, so
    every address can be made absolute without keeping the request on the shared view."""

    request: HttpRequest
    profile: Profile | None = None


class UpdatesFeed(Feed):
    """The site's major updates, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, profile=None):
        return FeedSubject(request=request, profile=profile)

    def title(self, subject):
        return gettext("Bilateral Relations: all updates")

    def subtitle(self, subject):
        return gettext("Major updates of the profiles of our relations with partner countries.")

    def link(self, subject):
        return absolute_url(subject.request, reverse("relations:index"))

    def feed_url(self, subject):
        return absolute_url(subject.request, subject.request.path)

    def feed_guid(self, subject):
        return self.feed_url(subject)

    def author_name(self, subject):
        return settings.SITE_CREATOR[get_language()]

    def items(self, subject):
        language = get_language()
        return [
            {
                **update,
                "link": absolute_url(
                    subject.request,
                    profile_path(update, language, "relations:revision", number=update["number"]),
                ),
            }
            for update in updates_published(profile=subject.profile)
        ]

    def item_title(self, item):
        language = get_language()
        return gettext("%(title)s: %(label)s") % {
            "title": item["head"]["title"][language],
            "label": item["head"]["label"][language],
        }

    def item_description(self, item):
        return item[f"change_note_{get_language()}"]

    def item_link(self, item):
        return item["link"]

    def item_guid(self, item):
        return item["link"]

    def item_pubdate(self, item):
        return item["go_live_at"]

    def item_updateddate(self, item):
        return item["go_live_at"]


class ProfileUpdatesFeed(UpdatesFeed):
    """One profile's major updates: the feed of its "See all updates" page."""

    def title(self, subject):
        name = profile_title(Country.objects.home(), subject.profile.partner)[get_language()]
        return gettext("%(title)s: updates") % {"title": name}

    def subtitle(self, subject):
        return None

    def link(self, subject):
        path = profile_path(subject.profile, get_language(), "relations:updates")
        return absolute_url(subject.request, path)


site_updates_feed = UpdatesFeed()
# Reached by the profile's address in the feed's language; the other one redirects.
profile_updates_feed = profile_at_address(ProfileUpdatesFeed())
